"""Front page, agency home and the disclosure guide (Art. 12)."""

from __future__ import annotations

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.portal.models import GuideText
from gongkai.portal.services import guide_update

pytestmark = pytest.mark.django_db


def test_base_layout_is_accessible_and_self_contained(client, tree):
    body = client.get("/").content.decode()
    assert '<html lang="zh-hans">' in body
    assert 'href="#main"' in body and 'id="main"' in body  # skip link
    assert 'name="viewport"' in body
    assert "/static/portal/portal.css" in body
    assert (
        "http://" not in body.split("<body")[0]
        and "https://" not in body.split("<body")[0]
    )
    assert 'role="search"' in body and 'for="site-search"' in body


def test_government_home_lists_its_departments(client, tree):
    response = client.get(f"/agency/{tree['gov'].pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "甲市司法局" in body and "甲市民政局" in body
    assert f"/agency/{tree['a'].pk}/" in body
    assert "乙市人民政府" not in body


def test_department_home_has_breadcrumb_section_menu_and_contacts(client, tree):
    body = client.get(f"/agency/{tree['a'].pk}/").content.decode()
    assert "甲市人民政府" in body  # breadcrumb to the government
    assert f"/agency/{tree['a'].pk}/guide/" in body
    assert f"/agency/{tree['a'].pk}/apply/" in body
    assert "0955-1234567" in body
    assert 'aria-current="page"' in body


def test_headings_start_at_h1_and_do_not_skip(client, tree):
    import re

    for url in ("/", f"/agency/{tree['a'].pk}/", f"/agency/{tree['a'].pk}/guide/"):
        body = client.get(url).content.decode()
        levels = [int(n) for n in re.findall(r"<h([1-6])[ >]", body)]
        assert levels[0] == 1 and levels.count(1) == 1, url
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), url


def test_unknown_agency_is_404(client, db):
    assert client.get("/agency/424242/").status_code == 404
    assert client.get("/agency/424242/guide/").status_code == 404


def test_guide_is_generated_from_the_agency_settings(client, tree):
    agency = tree["a"]
    agency.fax = "0955-7654321"
    agency.office_hours = "工作日 8:30—12:00"
    agency.save()
    body = client.get(f"/agency/{agency.pk}/guide/").content.decode()
    for text in (
        "办公室",
        "测试市测试路1号",
        "755000",
        "0955-1234567",
        "0955-7654321",
        "office@example.org",
        "工作日 8:30—12:00",
    ):
        assert text in body, text
    assert "20个工作日" in body  # Art. 33
    assert "不收取费用" in body  # Art. 42, 109号: free by default
    assert "甲市人民政府" in body  # remedies: reconsideration by the government
    assert f"/agency/{agency.pk}/apply/" in body


def test_guide_sections_can_be_rewritten(client, tree, member):
    agency = tree["a"]
    admin = member(agency, "admin")
    guide_update(
        acting_user=admin, agency=agency, fees="本机关不收取任何费用。\n\n另行说明。"
    )
    body = client.get(f"/agency/{agency.pk}/guide/").content.decode()
    assert "本机关不收取任何费用。" in body and "另行说明。" in body
    assert "信息处理费管理办法" not in body  # the generated fees text is replaced
    assert "20个工作日" in body  # other sections stay generated
    assert AuditEntry.objects.filter(action="portal.guide_update").count() == 1


def test_guide_update_needs_manage(tree, member):
    from django.core.exceptions import PermissionDenied

    clerk = member(tree["a"], "clerk")
    with pytest.raises(PermissionDenied):
        guide_update(acting_user=clerk, agency=tree["a"], fees="x")
    assert not GuideText.objects.exists()


def test_pages_are_printable(client, tree):
    css = (
        __import__("pathlib")
        .Path("gongkai/portal/static/portal/portal.css")
        .read_text()
    )
    assert "@media print" in css
    body = client.get(f"/agency/{tree['a'].pk}/guide/").content.decode()
    assert 'class="agency-nav no-print"' in body
