"""The report checker in the back office: the same form for staff."""

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from gongkai.portal.checker_views import SESSION_KEY
from tests.report.parsers.conftest import FIXTURES

pytestmark = pytest.mark.django_db

URL = "/admin/gongkai/checker/"


def seed_upload():
    path = FIXTURES / "shanghai-stcsm-2024.md"
    return SimpleUploadedFile(path.name, path.read_bytes())


def test_anonymous_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_checks_a_report(client, tree, member):
    client.force_login(member(tree["a"], "clerk"))
    page = client.get(URL)
    assert page.status_code == 200
    assert "报告检查" in page.content.decode()
    response = client.post(URL, {"reports": [seed_upload()]})
    assert response.status_code == 200
    body = response.content.decode()
    assert "上海市科委" in body
    assert 'gk-highlight" data-cell="table3.carried_forward.total"' in body
    assert SESSION_KEY not in client.session


def test_menu_item_shown(client, tree, member):
    client.force_login(member(tree["a"], "clerk"))
    body = client.get("/admin/").content.decode()
    assert URL in body


def test_wrong_type_and_keep(client, tree, member):
    client.force_login(member(tree["a"], "clerk"))
    bad = SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    response = client.post(URL, {"reports": [bad], "keep": "on"})
    assert response.status_code == 200
    assert 'class="gk-errors"' in response.content.decode()
    assert SESSION_KEY not in client.session
    client.post(URL, {"reports": [seed_upload()], "keep": "on"})
    download = client.get(URL + "result.json")
    assert download.status_code == 200
    assert download.json()[0]["agency"] == "上海市科委"
