"""The document register: attribute rules, validity, repeal, the daily job, Art. 26."""

import datetime

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.holidays.selectors import calendar_get
from gongkai.publications.models import (
    CatalogueEntry,
    DisclosureSettings,
    DocumentType,
    ExpiryReminder,
    OfficialDocument,
    Validity,
)
from gongkai.publications.selectors.documents import (
    document_amendment_chain,
    document_validity,
    publication_due_list,
)
from gongkai.publications.services.documents import (
    document_attribute_decide,
    document_register,
    document_repeal,
)
from gongkai.publications.services.normative import normative_daily
from tests.factories.publications import OfficialDocumentFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def register(user, agency, **fields):
    values = {
        "title": "关于某事项的通知",
        "written_on": D(2023, 3, 1),
        "attribute": "proactive",
        **fields,
    }
    return document_register(acting_user=user, agency=agency, **values)


@pytest.mark.parametrize("attribute", ["on_application", "withheld", "redacted"])
def test_reason_required_unless_proactive(tree, member, attribute):
    clerk = member(tree["a"], "clerk")
    with pytest.raises(ValidationError) as exc:
        register(clerk, tree["a"], attribute=attribute, attribute_reason="  ")
    assert "attribute_reason" in exc.value.message_dict
    assert not OfficialDocument.objects.exists()
    document = register(
        clerk, tree["a"], attribute=attribute, attribute_reason="条例第十六条"
    )
    assert document.attribute == attribute
    assert AuditEntry.objects.filter(action="document.register").count() == 1


def test_register_needs_handle_permission(tree, member):
    with pytest.raises(PermissionDenied):
        register(member(tree["a"], "reviewer"), tree["a"])
    with pytest.raises(PermissionDenied):
        register(member(tree["b"], "clerk"), tree["a"])


def test_document_number_unique_per_agency(tree, member):
    clerk = member(tree["a"], "clerk")
    number = {"organ_code": "测发", "doc_year": 2023, "doc_serial": 5}
    first = register(clerk, tree["a"], **number)
    assert first.document_number == "测发〔2023〕5号"
    with pytest.raises(ValidationError) as exc:
        register(clerk, tree["a"], **number)
    assert "doc_serial" in exc.value.message_dict
    register(member(tree["b"], "clerk"), tree["b"], **number)  # other agency: fine


def test_normative_default_validity_is_configurable(tree, member):
    clerk = member(tree["a"], "clerk")
    plain = register(
        clerk, tree["a"], doc_type="normative", effective_from=D(2023, 4, 1)
    )
    assert plain.valid_until == D(2028, 3, 31)
    trial = register(
        clerk,
        tree["a"],
        doc_type="normative",
        effective_from=D(2023, 4, 1),
        trial="trial",
    )
    assert trial.valid_until == D(2025, 3, 31)
    DisclosureSettings.objects.create(agency=tree["a"], normative_validity_years=3)
    local = register(
        clerk, tree["a"], doc_type="normative", effective_from=D(2023, 4, 1)
    )
    assert local.valid_until == D(2026, 3, 31)


def test_attribute_decision_records_reviewer(tree, member):
    clerk = member(tree["a"], "clerk")
    reviewer = member(tree["a"], "reviewer")
    document = register(clerk, tree["a"])
    with pytest.raises(PermissionDenied):
        document_attribute_decide(
            acting_user=clerk, document=document, attribute="proactive"
        )
    with pytest.raises(ValidationError):
        document_attribute_decide(
            acting_user=reviewer, document=document, attribute="withheld"
        )
    decided = document_attribute_decide(
        acting_user=reviewer,
        document=document,
        attribute="withheld",
        attribute_reason="属于内部事务信息",
        note="改为不予公开",
    )
    assert decided.attribute_reviewer == reviewer
    assert decided.attribute_decided_at is not None
    entry = AuditEntry.objects.get(action="document.attribute_decide")
    assert entry.before["attribute"] == "proactive"
    assert entry.after["attribute"] == "withheld"


VALIDITY_CASES = [
    # effective, valid_until, repealed, on, expected
    (D(2020, 1, 1), D(2024, 12, 31), None, D(2023, 12, 31), Validity.VALID),
    (D(2020, 1, 1), D(2023, 12, 30), None, D(2023, 12, 31), Validity.LAPSED),
    (D(2020, 1, 1), D(2023, 12, 31), None, D(2023, 12, 31), Validity.VALID),
    (D(2020, 1, 1), None, D(2023, 12, 31), D(2023, 12, 31), Validity.REPEALED),
    (D(2024, 1, 1), None, None, D(2023, 12, 31), Validity.PENDING),
]


@pytest.mark.parametrize(
    ("effective", "until", "repealed", "on", "expected"), VALIDITY_CASES
)
def test_document_validity(effective, until, repealed, on, expected):
    document = OfficialDocument(
        written_on=D(2019, 12, 1),
        effective_from=effective,
        valid_until=until,
        repealed_on=repealed,
        doc_type=DocumentType.NORMATIVE,
    )
    assert document_validity(document=document, on=on) == expected


def test_repeal_rules_and_chain(tree, member):
    clerk = member(tree["a"], "clerk")
    old = OfficialDocumentFactory(agency=tree["a"], normative=True)
    new = OfficialDocumentFactory(agency=tree["a"], normative=True, amends=old)
    other = OfficialDocumentFactory(agency=tree["a"])
    assert document_amendment_chain(document=new) == [old, new]
    with pytest.raises(ValidationError) as exc:
        document_repeal(
            acting_user=clerk, document=other, repealed_on=D(2023, 6, 1), reason="x"
        )
    assert "repealed_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        document_repeal(
            acting_user=clerk, document=old, repealed_on=D(2023, 6, 1), reason=""
        )
    assert "reason" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        document_repeal(
            acting_user=member(tree["b"], "clerk"),
            document=old,
            repealed_on=D(2023, 6, 1),
            reason="被新文件替代",
        )
    document_repeal(
        acting_user=clerk,
        document=old,
        repealed_on=D(2023, 6, 1),
        reason="被新文件替代",
        repealed_by=new,
    )
    old.refresh_from_db()
    assert (old.repealed_on, old.repealed_by) == (D(2023, 6, 1), new)
    with pytest.raises(ValidationError):
        document_repeal(
            acting_user=clerk, document=old, repealed_on=D(2023, 7, 1), reason="再次"
        )


def test_daily_job_marks_lapsed_and_reminds_once(tree, member):
    head = member(tree["a"], "head")
    head.email = "head@example.org"
    head.save()
    expired = OfficialDocumentFactory(
        agency=tree["a"], normative=True, valid_until=D(2024, 5, 31)
    )
    expiring = OfficialDocumentFactory(
        agency=tree["a"], normative=True, valid_until=D(2024, 12, 1)
    )
    later = OfficialDocumentFactory(
        agency=tree["a"], normative=True, valid_until=D(2024, 12, 2)
    )
    today = D(2024, 6, 1)

    with TestCase.captureOnCommitCallbacks(execute=True):
        result = normative_daily(today=today)
    assert result.lapsed == [expired]
    assert result.reminded == [expiring]
    expired.refresh_from_db()
    assert expired.lapse_recorded_on == today
    assert [m.to for m in mail.outbox] == [["head@example.org"]]
    assert "2024-12-01" in mail.outbox[0].subject

    again = normative_daily(today=today)
    assert (again.lapsed, again.reminded) == ([], [])
    assert ExpiryReminder.objects.count() == 1
    assert normative_daily(today=D(2024, 6, 2)).reminded == [later]


def test_publication_due_and_overdue(tree, member):
    # 2023-09-28 (Thu): counting starts the next day, skips the National Day holiday
    # (29 Sep – 6 Oct) and counts the make-up working days 7 and 8 Oct (days 1, 2);
    # the 20th working day is Wednesday 1 November.
    document = OfficialDocumentFactory(agency=tree["a"], written_on=D(2023, 9, 28))
    OfficialDocumentFactory(agency=tree["a"], withheld=True)  # never due
    calendar = calendar_get()
    [due] = publication_due_list(
        documents=OfficialDocument.objects.all(),
        today=D(2023, 11, 1),
        calendar=calendar,
    )
    assert due.due_on == D(2023, 11, 1)
    assert not due.overdue
    [due] = publication_due_list(
        documents=OfficialDocument.objects.all(),
        today=D(2023, 11, 2),
        calendar=calendar,
    )
    assert due.overdue
    CatalogueEntry.objects.create(
        agency=tree["a"],
        index_number="X/2023-00001",
        title=document.title,
        kind="document",
        category="15_other",
        topic="other",
        document=document,
        published_on=D(2023, 11, 2),
    )
    [due] = publication_due_list(
        documents=OfficialDocument.objects.all(),
        today=D(2023, 11, 30),
        calendar=calendar,
    )
    assert (due.overdue, due.late, due.published_on) == (False, True, D(2023, 11, 2))


def test_due_date_refuses_unknown_year(tree):
    OfficialDocumentFactory(agency=tree["a"], written_on=D(2099, 12, 20))
    [due] = publication_due_list(
        documents=OfficialDocument.objects.all(),
        today=D(2099, 12, 21),
        calendar=calendar_get(),
    )
    assert due.due_on is None
    assert "2099" in due.calendar_error or "2100" in due.calendar_error
