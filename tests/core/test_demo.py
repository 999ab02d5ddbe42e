from django.core.management import call_command

import pytest

from gongkai.agencies.models import Agency, Membership

pytestmark = pytest.mark.django_db


def test_demo_load_is_idempotent_and_marked(capsys):
    call_command("demo", "load")
    counts = (Agency.objects.count(), Membership.objects.count())
    call_command("demo", "load")
    assert (Agency.objects.count(), Membership.objects.count()) == counts
    assert Agency.objects.filter(is_demo=False).count() == 0
    sfj = Agency.objects.get(name="中卫市司法局")
    assert sfj.parent.name == "中卫市人民政府"
    out = capsys.readouterr().out
    assert "sfj_clerk" in out and "gov_supervisor" in out


def test_demo_logins_work(client):
    call_command("demo", "load")
    assert client.login(username="sfj_clerk", password="gongkai-demo")
    assert client.get("/admin/").status_code == 200
