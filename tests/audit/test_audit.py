from django.db import transaction

import pytest

from gongkai.audit.models import AuditEntry, AuditEntryImmutable
from gongkai.audit.services import audit_record

pytestmark = pytest.mark.django_db


def _entry(tree):
    with transaction.atomic():
        return audit_record(
            actor=None,
            action="test.thing",
            agency=tree["a"],
            target=tree["a"],
            after={"x": 1},
        )


def test_entries_cannot_be_changed_or_deleted(tree):
    entry = _entry(tree)
    entry.action = "changed"
    with pytest.raises(AuditEntryImmutable):
        entry.save()
    with pytest.raises(AuditEntryImmutable):
        entry.delete()
    with pytest.raises(AuditEntryImmutable):
        AuditEntry.objects.all().update(action="x")
    with pytest.raises(AuditEntryImmutable):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get().action == "test.thing"


@pytest.mark.django_db(transaction=True)
def test_outside_transaction_is_refused(tree):
    with pytest.raises(RuntimeError):
        audit_record(actor=None, action="x", agency=tree["a"])


def test_records_target_and_system_actor(tree):
    entry = _entry(tree)
    assert entry.actor_name == "系统"
    assert entry.target_type == "agencies.Agency"
    assert entry.target_id == str(tree["a"].pk)


def test_request_id_is_recorded(client, tree, member):
    admin = member(tree["a"], "admin")
    client.force_login(admin)
    response = client.post(
        f"/admin/gongkai/agencies/{tree['a'].pk}/edit/",
        {
            "phone": "0955-1111111",
            "postcode": "755000",
            "index_number_template": "{org_code}/{year}-{serial:05d}",
            "office_name": "办公室",
            "address": "测试市测试路1号",
            "email": "office@example.org",
        },
        headers={"x-request-id": "req-12345678"},
    )
    assert response.status_code == 302
    assert AuditEntry.objects.get(action="agency.update").request_id == "req-12345678"
