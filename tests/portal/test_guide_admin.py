"""The guide editing screen in the back office."""

from __future__ import annotations

import pytest

from gongkai.portal.models import GuideText

pytestmark = pytest.mark.django_db


def test_admin_edits_the_guide(client, tree, member):
    admin = member(tree["a"], "admin")
    client.force_login(admin)
    url = f"/admin/gongkai/portal/guides/{tree['a'].pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "自动生成" in page.content.decode()
    data = {
        key: ""
        for key in ("intro", "proactive", "on_application", "fees", "remedies", "extra")
    }
    data["extra"] = "本机关档案查阅点：某路1号。"
    response = client.post(url, data)
    assert response.status_code == 302
    assert (
        GuideText.objects.get(agency=tree["a"]).extra == "本机关档案查阅点：某路1号。"
    )
    listing = client.get("/admin/gongkai/portal/guides/").content.decode()
    assert "甲市司法局" in listing and "甲市民政局" not in listing


def test_clerk_may_not_edit_the_guide(client, tree, member):
    client.force_login(member(tree["a"], "clerk"))
    response = client.post(
        f"/admin/gongkai/portal/guides/{tree['a'].pk}/", {"fees": "x"}
    )
    assert response.status_code == 403
    assert not GuideText.objects.exists()


def test_other_agency_guide_is_invisible(client, tree, member):
    client.force_login(member(tree["a"], "admin"))
    assert (
        client.get(f"/admin/gongkai/portal/guides/{tree['b'].pk}/").status_code == 404
    )
