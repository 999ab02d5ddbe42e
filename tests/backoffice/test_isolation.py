"""HTTP-level proof of agency isolation: per role, what it can and cannot see and change."""

import json

import pytest

from gongkai.agencies.models import Agency
from gongkai.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

EDIT_DATA = {
    "phone": "0955-9999999",
    "postcode": "755000",
    "index_number_template": "{org_code}/{year}-{serial:05d}",
    "office_name": "办公室",
    "address": "测试市测试路1号",
    "email": "office@example.org",
}

# role, member of, {agency: expected GET status of its detail page}
VIEW_CASES = [
    ("clerk", "a", {"a": 200, "b": 404, "gov": 404, "sub_a": 404, "other": 404}),
    ("reviewer", "a", {"a": 200, "b": 404, "gov": 404, "other": 404}),
    ("head", "a", {"a": 200, "b": 404, "gov": 404, "other": 404}),
    ("admin", "a", {"a": 200, "b": 404, "gov": 404, "other": 404}),
    ("supervisor", "gov", {"gov": 200, "a": 200, "b": 200, "sub_a": 200, "other": 404}),
]

# role, member of, {agency: expected status of POSTing the edit form}
EDIT_CASES = [
    ("clerk", "a", {"a": 403, "b": 404}),
    ("reviewer", "a", {"a": 403, "b": 404}),
    ("head", "a", {"a": 403, "b": 404}),
    ("admin", "a", {"a": 302, "b": 404, "gov": 404}),
    ("supervisor", "gov", {"gov": 403, "a": 403, "other": 404}),
]


@pytest.mark.parametrize(("role", "where", "expected"), VIEW_CASES)
def test_who_sees_which_agency(client, tree, member, role, where, expected):
    client.force_login(member(tree[where], role))
    for key, status in expected.items():
        response = client.get(f"/admin/gongkai/agencies/{tree[key].pk}/")
        assert response.status_code == status, (role, key)
        if status == 200:
            assert tree[key].name in response.content.decode()


@pytest.mark.parametrize(("role", "where", "expected"), VIEW_CASES)
def test_agency_list_shows_only_visible(client, tree, member, role, where, expected):
    client.force_login(member(tree[where], role))
    body = client.get("/admin/gongkai/agencies/").content.decode()
    for key, status in expected.items():
        assert (f"/admin/gongkai/agencies/{tree[key].pk}/" in body) == (
            status == 200
        ), (role, key)


@pytest.mark.parametrize(("role", "where", "expected"), EDIT_CASES)
def test_who_changes_which_agency(client, tree, member, role, where, expected):
    client.force_login(member(tree[where], role))
    for key, status in expected.items():
        before = Agency.objects.get(pk=tree[key].pk).phone
        response = client.post(
            f"/admin/gongkai/agencies/{tree[key].pk}/edit/", EDIT_DATA
        )
        assert response.status_code == status, (role, key)
        after = Agency.objects.get(pk=tree[key].pk).phone
        assert (after != before) == (status == 302)


def test_bad_postcode_shows_error_and_changes_nothing(client, tree, member):
    client.force_login(member(tree["a"], "admin"))
    response = client.post(
        f"/admin/gongkai/agencies/{tree['a'].pk}/edit/",
        {**EDIT_DATA, "postcode": "abc"},
    )
    assert response.status_code == 200
    assert "邮政编码为6位数字" in response.content.decode()
    assert Agency.objects.get(pk=tree["a"].pk).phone == "0955-1234567"
    assert not AuditEntry.objects.exists()


def test_audit_list_scoped(client, tree, member):
    admin_a = member(tree["a"], "admin")
    admin_b = member(tree["b"], "admin")
    for user, agency in ((admin_a, "a"), (admin_b, "b")):
        client.force_login(user)
        client.post(
            f"/admin/gongkai/agencies/{tree[agency].pk}/edit/",
            {**EDIT_DATA, "phone": f"0955-{agency}"},
        )
    client.force_login(admin_a)
    body = client.get("/admin/gongkai/audit/").content.decode()
    assert "甲市司法局" in body and "甲市民政局" not in body
    supervisor = member(tree["gov"], "supervisor")
    client.force_login(supervisor)
    body = client.get("/admin/gongkai/audit/").content.decode()
    assert "甲市司法局" in body and "甲市民政局" in body
    clerk = member(tree["a"], "clerk")
    client.force_login(clerk)
    body = client.get("/admin/gongkai/audit/").content.decode()
    assert "agency.update" not in body


def test_anonymous_is_sent_to_login(client, tree):
    response = client.get(f"/admin/gongkai/agencies/{tree['a'].pk}/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_back_office_speaks_chinese(client, tree, member):
    client.force_login(member(tree["a"], "clerk"))
    body = client.get("/admin/").content.decode()
    assert 'lang="zh-hans"' in body
    # The sidebar is rendered from JSON props, with non-ASCII escaped.
    assert json.dumps("机关") in body
    assert json.dumps("审计日志") not in body  # a clerk has no audit permission
