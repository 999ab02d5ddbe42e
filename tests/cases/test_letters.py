"""The letters (文书) of a case: templates per outcome family and per notice, versions,
finalisation with the approval, DOCX and PDF, the back-office screens and the
applicant's download."""

import datetime
import io

from django.conf import settings

import docx
import pypdfium2
import pytest

from gongkai.audit.models import AuditEntry
from gongkai.audit.services import audit_record
from gongkai.cases.choices import LetterKind, Outcome, Status
from gongkai.cases.letter_render import layout
from gongkai.cases.models import Application, CaseEvent, CaseLetter
from gongkai.cases.services import (
    ItemDecision,
    case_abandon,
    case_approve_reply,
    case_draft_reply,
    case_extend,
    case_issue_fee_notice,
    case_letter_draft,
    case_letter_edit,
    case_letter_finalise,
    case_record_supplement,
    case_request_supplement,
    case_send_reply,
    case_start,
    letter_files_render,
)
from gongkai.cases.transitions import CaseActionRefused

pytestmark = pytest.mark.django_db
D = datetime.date
BASE = "/admin/gongkai/cases"
ACT = "《中华人民共和国政府信息公开条例》"


def _started(office, register):
    case = register()
    return case_start(acting_user=office["clerk"], case=case, on=D(2023, 3, 2))


def _drafted(office, register, outcomes, refer_to="", supplement=False):
    case = register()
    clerk = office["clerk"]
    if supplement:
        case_request_supplement(
            acting_user=clerk,
            case=case,
            requested="请说明所需信息的年份",
            period_days=10,
            notified_on=D(2023, 3, 2),
        )
        case_record_supplement(
            acting_user=clerk,
            case=Application.objects.get(pk=case.pk),
            supplemented_on=D(2023, 3, 6),
        )
    else:
        case = case_start(acting_user=clerk, case=case, on=D(2023, 3, 2))
    items = list(case.items.all())
    decisions = {
        item.pk: ItemDecision(outcome, refer_to=refer_to)
        for item, outcome in zip(items, outcomes, strict=True)
    }
    governing = outcomes[0] if len(set(outcomes)) > 1 else ""
    return case_draft_reply(
        acting_user=clerk,
        case=Application.objects.get(pk=case.pk),
        decisions=decisions,
        governing_outcome=governing,
    )


def _reply(office, register, outcomes, **kwargs):
    case = _drafted(office, register, outcomes, **kwargs)
    return case_letter_draft(
        acting_user=office["clerk"], case=case, kind=LetterKind.REPLY
    )


@pytest.mark.parametrize(
    ("outcomes", "article"),
    [
        (["granted", "granted"], "第三十六条第（二）项"),
        (["granted", "withheld_third_party"], "第十五条"),
        (["withheld_state_secret"] * 2, "第十四条"),
        (["withheld_law_prohibited"] * 2, "第十四条"),
        (["withheld_inquiry_matter"] * 2, "第三十六条第（七）项"),
        (["other_other"] * 2, "第三十六条"),
        (["withheld_security_stability"] * 2, "第十四条"),
        (["withheld_internal_affairs"] * 2, "第十六条第一款"),
        (["withheld_process_info"] * 2, "第十六条第二款"),
        (["withheld_enforcement_file"] * 2, "第十六条第二款"),
        (["unavailable_not_held"] * 2, "第三十六条第（四）项"),
        (["unavailable_needs_creation"] * 2, "第三十八条"),
        (["declined_petition"] * 2, "第三十九条第一款"),
        (["declined_duplicate"] * 2, "第三十六条第（六）项"),
        (["declined_publication"] * 2, "第三十九条第二款"),
        (["declined_excessive"] * 2, "第三十五条"),
        (["declined_confirmation", "declined_petition"], "第二条"),
    ],
)
def test_each_family_cites_its_article(office, register, outcomes, article):
    letter = _reply(office, register, outcomes)
    assert letter.version == 1
    assert letter.title == "政府信息公开申请答复告知书"
    assert ACT + article in letter.body or article in letter.body
    lines = letter.body.splitlines()
    assert lines[0].startswith("编号：YSQ2023")
    assert lines[1] == "张三："
    assert "2023年3月1日收到您" in letter.body
    assert "2022年度部门预算" in letter.body
    assert "2.“中卫司发〔2023〕12号”" in letter.body  # the 文号 named once
    assert "60日内" in letter.body and "6个月内" in letter.body
    assert "甲市人民政府" in letter.body  # the reconsideration body of a department
    assert lines[-2] == "甲市司法局"
    assert lines[-1].endswith("日")


def test_not_held_names_the_agency_to_ask(office, register):
    letter = _reply(
        office, register, ["unavailable_not_held"] * 2, refer_to="甲市财政局"
    )
    assert "第三十六条第（五）项" in letter.body
    assert "甲市财政局" in letter.body


def test_still_unclear_after_supplementation_cites_article_30(office, register):
    letter = _reply(
        office, register, ["unavailable_still_unclear"] * 2, supplement=True
    )
    assert "第三十条" in letter.body
    assert "2023年3月2日告知您补正" in letter.body


def test_abandoned_cases_get_a_letter_citing_the_rule(office, register, calendar):
    clerk = office["clerk"]
    case = register()
    case_request_supplement(
        acting_user=clerk,
        case=case,
        requested="请说明",
        period_days=10,
        notified_on=D(2023, 3, 2),
    )
    case = case_abandon(
        acting_user=clerk,
        case=Application.objects.get(pk=case.pk),
        on=D(2023, 3, 31),
        calendar=calendar,
    )
    letter = case_letter_draft(acting_user=clerk, case=case, kind=LetterKind.REPLY)
    assert "第三十条" in letter.body and "视为您放弃申请" in letter.body
    assert "2023年3月2日告知您补正" in letter.body
    assert case_letter_finalise(acting_user=clerk, letter=letter).final

    case = _started(office, register)
    case_issue_fee_notice(
        acting_user=clerk,
        case=case,
        method="by_volume",
        pages=200,
        issued_on=D(2023, 3, 3),
    )
    case = case_abandon(
        acting_user=clerk,
        case=Application.objects.get(pk=case.pk),
        on=D(2023, 4, 28),
        calendar=calendar,
    )
    letter = case_letter_draft(acting_user=clerk, case=case, kind=LetterKind.REPLY)
    assert "第四十二条" in letter.body and "国办函〔2020〕109号" in letter.body
    assert "2023年3月3日向您发出" in letter.body


def test_notices_cite_their_rules(office, register, calendar):
    clerk = office["clerk"]
    case = register()
    case_request_supplement(
        acting_user=clerk,
        case=case,
        requested="请写明所需文件的名称\n请写明年份",
        period_days=10,
        notified_on=D(2023, 3, 2),
    )
    notice = case_letter_draft(
        acting_user=clerk, case=case, kind=LetterKind.SUPPLEMENTATION
    )
    assert notice.title == "政府信息公开申请补正告知书"
    assert "第三十条" in notice.body and "请写明年份" in notice.body
    assert "10个工作日" in notice.body and "视为放弃申请" in notice.body
    assert "2023年3月16日前" in notice.body  # 10 working days from 2 March

    case = _started(office, register)
    case_extend(
        acting_user=office["head"],
        case=case,
        days=15,
        reason="因需要调取档案。",
        approved_on=D(2023, 3, 20),
    )
    notice = case_letter_draft(acting_user=clerk, case=case, kind=LetterKind.EXTENSION)
    assert "第三十三条第二款" in notice.body and "延长15个工作日" in notice.body
    assert "因需要调取档案，本机关" in notice.body

    case = _started(office, register)
    case_issue_fee_notice(
        acting_user=clerk,
        case=case,
        method="by_volume",
        pages=200,
        issued_on=D(2023, 3, 3),
    )
    notice = case_letter_draft(acting_user=clerk, case=case, kind=LetterKind.FEE_NOTICE)
    assert notice.title == "政府信息公开信息处理费收费通知书"
    assert "国办函〔2020〕109号" in notice.body and "第四十二条" in notice.body
    assert "按量计收：本件申请共200页" in notice.body
    assert "人民币2,700.00元" in notice.body
    assert "20个工作日内" in notice.body and "视为放弃申请" in notice.body


@pytest.fixture
def media(settings, tmp_path):
    """An empty MEDIA_ROOT of this test's own (case ids repeat between tests)."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _letter_files(case):
    folder = settings.MEDIA_ROOT / "cases" / str(case.pk) / "letters"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_failing_audit_write_leaves_no_letter_and_no_file(
    office, register, monkeypatch, django_capture_on_commit_callbacks, media
):
    case = _drafted(office, register, ["granted", "granted"])

    def broken(**kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr("gongkai.cases.services._common.audit_record", broken)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        case_letter_draft(acting_user=office["clerk"], case=case, kind="reply")
    assert not CaseLetter.objects.exists()
    assert not CaseEvent.objects.filter(kind="letter_drafted").exists()
    assert callbacks == []  # nothing is rendered for a step that rolled back
    assert _letter_files(case) == []


def test_a_failing_approval_leaves_no_frozen_letter_and_no_file(
    office, register, monkeypatch, django_capture_on_commit_callbacks, media
):
    clerk = office["clerk"]
    case = _drafted(office, register, ["granted", "granted"])
    with django_capture_on_commit_callbacks(execute=True):
        draft = case_letter_draft(acting_user=clerk, case=case, kind="reply")
    assert len(_letter_files(case)) == 2  # v1 rendered once committed
    real = audit_record

    def broken(**kwargs):
        if kwargs["action"] == "case.approve_reply":
            raise RuntimeError("audit store down")
        return real(**kwargs)

    monkeypatch.setattr("gongkai.cases.services._common.audit_record", broken)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
    ):
        case_approve_reply(
            acting_user=office["head"], case=case, approved_on=D(2023, 3, 20)
        )
    assert list(CaseLetter.objects.values_list("pk", "final")) == [(draft.pk, False)]
    assert len(_letter_files(case)) == 2  # no file of the rolled-back version 2


def test_files_rendered_after_commit_or_on_first_download(
    client, office, register, django_capture_on_commit_callbacks, media
):
    case = _drafted(office, register, ["granted", "granted"])
    with django_capture_on_commit_callbacks(execute=True):
        letter = case_letter_draft(acting_user=office["clerk"], case=case, kind="reply")
    letter.refresh_from_db()
    assert letter.docx.name.endswith("-reply-v1.docx") and letter.pdf
    # A version whose rendering did not happen (it failed after the commit) is
    # rendered on its first download; a second download renders nothing new.
    edited = case_letter_edit(
        acting_user=office["clerk"], letter=letter, body=letter.body + "\n附件"
    )
    assert not edited.docx and not edited.pdf
    client.force_login(office["reviewer"])
    url = f"{BASE}/{case.pk}/letters/{edited.pk}/docx/"
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"PK")
    assert len(_letter_files(case)) == 4


def test_a_notice_needs_its_record(office, register):
    case = _started(office, register)
    with pytest.raises(CaseActionRefused):
        case_letter_draft(
            acting_user=office["clerk"], case=case, kind=LetterKind.EXTENSION
        )
    assert not CaseLetter.objects.exists()


def test_versions_edit_refresh_and_unchanged_text(office, register):
    clerk = office["clerk"]
    letter = _reply(office, register, ["granted", "granted"])
    same = case_letter_draft(
        acting_user=clerk, case=letter.application, kind=LetterKind.REPLY
    )
    assert same.pk == letter.pk  # the template's text has not changed
    edited = case_letter_edit(
        acting_user=clerk, letter=letter, body=letter.body + "\r\n附件：预算表  \n\n"
    )
    assert edited.version == 2 and edited.body.endswith("附件：预算表")
    assert edited.edited
    again = case_letter_edit(acting_user=clerk, letter=letter, body=edited.body)
    assert again.pk == edited.pk
    assert CaseLetter.objects.count() == 2
    assert CaseLetter.objects.get(version=1).body == letter.body  # kept
    kinds = list(
        CaseEvent.objects.filter(kind__startswith="letter_").values_list(
            "kind", flat=True
        )
    )
    assert kinds == ["letter_drafted", "letter_edited"]
    assert AuditEntry.objects.filter(action="case.edit_letter").count() == 1


def test_approval_freezes_the_letter_and_edits_are_refused(office, register):
    letter = _reply(office, register, ["granted", "granted"])
    letter = case_letter_edit(
        acting_user=office["clerk"], letter=letter, body=letter.body + "\n补充说明"
    )
    case = case_approve_reply(
        acting_user=office["head"], case=letter.application, approved_on=D(2023, 3, 20)
    )
    letter.refresh_from_db()
    assert letter.final and letter.finalised_at
    event = case.events.get(kind="reply_approved")
    assert event.data["letter_version"] == 2
    with pytest.raises(CaseActionRefused, match="已定稿"):
        case_letter_edit(acting_user=office["clerk"], letter=letter, body="改")
    with pytest.raises(CaseActionRefused, match="已定稿"):
        case_letter_draft(acting_user=office["clerk"], case=case, kind="reply")
    assert CaseLetter.objects.count() == 2
    assert CaseLetter.objects.get(version=2).body.endswith("补充说明")


def test_an_untouched_draft_is_refilled_and_dated_at_approval(office, register):
    letter = _reply(office, register, ["granted", "granted"])
    assert not letter.edited
    case_approve_reply(
        acting_user=office["head"], case=letter.application, approved_on=D(2023, 3, 20)
    )
    current = CaseLetter.objects.get(version=2)
    assert current.final and not current.edited
    assert current.body.splitlines()[-1] == "2023年3月20日"
    assert current.created_by == office["head"]
    assert not CaseLetter.objects.get(version=1).final  # kept as drafted


def test_approval_without_a_draft_freezes_the_template(office, register):
    case = _drafted(office, register, ["granted", "granted"])
    case_approve_reply(
        acting_user=office["head"], case=case, approved_on=D(2023, 3, 20)
    )
    letter = CaseLetter.objects.get()
    assert letter.final and letter.kind == "reply"
    assert letter.body.splitlines()[-1] == "2023年3月20日"


def test_notice_finalised_when_issued(office, register):
    clerk = office["clerk"]
    case = register()
    case_request_supplement(
        acting_user=clerk, case=case, requested="请说明", period_days=10
    )
    notice = case_letter_draft(
        acting_user=clerk, case=case, kind=LetterKind.SUPPLEMENTATION
    )
    final = case_letter_finalise(acting_user=clerk, letter=notice)
    assert final.final
    assert case_letter_finalise(acting_user=clerk, letter=notice).pk == final.pk
    assert CaseEvent.objects.filter(kind="letter_final").count() == 1
    with pytest.raises(CaseActionRefused):
        case_letter_edit(acting_user=clerk, letter=notice, body="改")


def test_reply_letter_is_not_finalised_before_approval(office, register):
    letter = _reply(office, register, ["granted", "granted"])
    with pytest.raises(CaseActionRefused):
        case_letter_finalise(acting_user=office["clerk"], letter=letter)
    letter.refresh_from_db()
    assert not letter.final


def test_reviewers_may_not_draft(office, register):
    from django.core.exceptions import PermissionDenied

    case = _drafted(office, register, ["granted", "granted"])
    with pytest.raises(PermissionDenied):
        case_letter_draft(acting_user=office["reviewer"], case=case, kind="reply")
    assert not CaseLetter.objects.exists()


def test_docx_and_pdf_hold_the_text(office, register):
    letter = _reply(office, register, ["granted", "granted"])
    letter = letter_files_render(letter_id=letter.pk)
    with letter.docx.open("rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "甲市司法局" and texts[1] == "政府信息公开申请答复告知书"
    assert "张三：" in texts
    assert any("第三十六条第（二）项" in text for text in texts)
    with letter.pdf.open("rb") as handle:
        pdf = handle.read()
    assert pdf.startswith(b"%PDF")
    document = pypdfium2.PdfDocument(pdf)
    text = "".join(
        document[n].get_textpage().get_text_range() for n in range(len(document))
    )
    document.close()
    flat = "".join(text.split())
    assert "政府信息公开申请答复告知书" in flat
    assert "第三十六条第（二）项" in flat


def test_layout_aligns_reference_addressee_and_signature():
    lines = layout("编号：X-答\n张三：\n正文。\n联系。\n甲市司法局\n2023年3月20日")
    assert [line.align for line in lines] == [
        "right",
        "flush",
        "left",
        "left",
        "right",
        "right",
    ]


def test_outcome_keys_all_have_a_template():
    from gongkai.cases.letter_text import DECISIONS

    assert set(DECISIONS) == set(Outcome.values)


# --- HTTP -------------------------------------------------------------------------


def test_letters_section_and_double_post(client, office, register):
    case = _drafted(office, register, ["granted", "granted"])
    client.force_login(office["clerk"])
    page = client.get(f"{BASE}/{case.pk}/").content.decode()
    assert "文书" in page and "答复告知书" in page
    response = client.post(f"{BASE}/{case.pk}/letters/reply/draft/")
    assert response.status_code == 302
    letter = CaseLetter.objects.get()
    body = letter.body + "\n附件：预算表"
    url = f"{BASE}/{case.pk}/letters/reply/edit/"
    assert client.post(url, {"body": body}).status_code == 302
    assert client.post(url, {"body": body}).status_code == 302
    assert CaseLetter.objects.count() == 2
    page = client.get(f"{BASE}/{case.pk}/").content.decode()
    assert "附件：预算表" in page
    current = CaseLetter.objects.get(version=2)
    for fmt, start in (("docx", b"PK"), ("pdf", b"%PDF")):
        response = client.get(f"{BASE}/{case.pk}/letters/{current.pk}/{fmt}/")
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(start)


def test_empty_text_is_refused_with_a_message(client, office, register):
    letter = _reply(office, register, ["granted", "granted"])
    client.force_login(office["clerk"])
    url = f"{BASE}/{letter.application_id}/letters/reply/edit/"
    response = client.post(url, {"body": "  "}, follow=True)
    assert "未作任何更改" in response.content.decode()
    assert CaseLetter.objects.count() == 1


def test_edit_after_final_refused_over_http(client, office, register):
    letter = _reply(office, register, ["granted", "granted"])
    case_approve_reply(
        acting_user=office["head"], case=letter.application, approved_on=D(2023, 3, 20)
    )
    before = list(CaseLetter.objects.values_list("pk", "body", "final"))
    client.force_login(office["clerk"])
    url = f"{BASE}/{letter.application_id}/letters/reply/edit/"
    response = client.post(url, {"body": "改写"}, follow=True)
    assert response.status_code == 400
    page = response.content.decode()
    assert "已定稿" in page and "改写" in page  # the typed text is shown, not lost
    assert list(CaseLetter.objects.values_list("pk", "body", "final")) == before


def test_letter_permissions(client, office, register):
    letter = _reply(office, register, ["granted", "granted"])
    case_pk = letter.application_id
    client.force_login(office["reviewer"])
    assert client.post(f"{BASE}/{case_pk}/letters/reply/draft/").status_code == 403
    url = f"{BASE}/{case_pk}/letters/reply/edit/"
    assert client.post(url, {"body": "改"}).status_code == 403
    download = f"{BASE}/{case_pk}/letters/{letter.pk}/pdf/"
    response = client.get(download)
    assert response.status_code == 200  # viewing the case is enough to download
    # Reading the stream to its end closes the file the way the test client expects
    # (closing the response directly would also close the database connection).
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(office["outsider"])
    assert client.get(download).status_code == 404
    assert client.post(url, {"body": "改"}).status_code == 404
    client.force_login(office["clerk"])
    assert client.post(f"{BASE}/{case_pk}/letters/bogus/draft/").status_code == 404
    assert client.get(f"{BASE}/{case_pk}/letters/{letter.pk}/odt/").status_code == 404
    assert CaseLetter.objects.count() == 1


def _replied(office, register):
    letter = _reply(office, register, ["granted", "granted"])
    case = case_approve_reply(
        acting_user=office["head"], case=letter.application, approved_on=D(2023, 3, 20)
    )
    return case_send_reply(
        acting_user=office["clerk"], case=case, sent_on=D(2023, 3, 21)
    )


def _track(client, case):
    session = client.session
    session["portal_tracked"] = [case.pk]
    session.save()


def test_applicant_downloads_the_final_reply_pdf(client, office, register):
    case = _replied(office, register)
    url = f"/track/{case.tracking_number}/letter.pdf"
    assert client.get(url).status_code == 404  # not this session's case
    _track(client, case)
    page = client.get(f"/track/{case.tracking_number}/").content.decode()
    assert "letter.pdf" in page
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_no_pdf_before_the_reply_is_sent(client, office, register):
    letter = _reply(office, register, ["granted", "granted"])
    case = case_approve_reply(
        acting_user=office["head"], case=letter.application, approved_on=D(2023, 3, 20)
    )
    assert case.status == Status.REPLY_APPROVED
    _track(client, case)
    assert client.get(f"/track/{case.tracking_number}/letter.pdf").status_code == 404
    page = client.get(f"/track/{case.tracking_number}/").content.decode()
    assert "letter.pdf" not in page


STALE = "其内容可能与当前决定不符"
APPROVE_WARNING = "批准后将按现有文本定稿"


def _redraft_over_http(client, case, outcome):
    data = {f"item_{i.pk}_outcome": outcome for i in case.items.all()}
    response = client.post(f"{BASE}/{case.pk}/do/draft_reply/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_hand_edit_older_than_the_decisions_is_flagged(client, office, register):
    letter = _reply(office, register, ["granted", "granted"])
    case = letter.application
    url = f"{BASE}/{case.pk}/"
    client.force_login(office["clerk"])
    edit = f"{BASE}/{case.pk}/letters/reply/edit/"
    assert client.post(edit, {"body": letter.body + "\n手工补充"}).status_code == 302
    assert STALE not in client.get(url).content.decode()
    _redraft_over_http(client, case, "granted")  # same decisions: not stale
    assert STALE not in client.get(url).content.decode()

    _redraft_over_http(client, case, "withheld_state_secret")
    page = client.get(url).content.decode()
    assert STALE in page and "按模板重新生成" in page
    assert CaseLetter.objects.get(version=2).edited  # nothing rewritten
    client.force_login(office["head"])
    page = client.get(url).content.decode()
    assert STALE in page and APPROVE_WARNING in page

    # Regenerating from the template clears the warning; a new hand edit of the
    # regenerated text is not stale either.
    client.force_login(office["clerk"])
    assert client.post(f"{BASE}/{case.pk}/letters/reply/draft/").status_code == 302
    regenerated = CaseLetter.objects.get(version=3)
    assert "第十四条" in regenerated.body and not regenerated.edited
    edited = regenerated.body + "\n手工补充"
    assert client.post(edit, {"body": edited}).status_code == 302
    client.force_login(office["head"])
    page = client.get(url).content.decode()
    assert STALE not in page and APPROVE_WARNING not in page


def test_approval_freezes_a_stale_hand_edit_as_typed(client, office, register):
    letter = _reply(office, register, ["granted", "granted"])
    case = letter.application
    client.force_login(office["clerk"])
    edit = f"{BASE}/{case.pk}/letters/reply/edit/"
    assert client.post(edit, {"body": letter.body + "\n手工补充"}).status_code == 302
    _redraft_over_http(client, case, "withheld_state_secret")
    client.force_login(office["head"])
    response = client.post(
        f"{BASE}/{case.pk}/do/approve_reply/", {"approved_on": "2023-03-20"}
    )
    assert response.status_code == 302
    frozen = CaseLetter.objects.get(final=True)
    assert frozen.version == 2 and frozen.body.endswith("手工补充")
    page = client.get(f"{BASE}/{case.pk}/").content.decode()
    assert STALE not in page  # final: nothing left to regenerate


def _fee_notice(office, register):
    case = _started(office, register)
    case_issue_fee_notice(
        acting_user=office["clerk"],
        case=case,
        method="by_volume",
        pages=200,
        issued_on=D(2023, 3, 3),
    )
    return case_letter_draft(
        acting_user=office["clerk"], case=case, kind=LetterKind.FEE_NOTICE
    )


def test_fee_notice_without_instructions_has_the_general_sentence(office, register):
    notice = _fee_notice(office, register)
    number = notice.application.tracking_number
    assert (
        f"缴费方式：请通过本机关指定的非税收入缴款渠道缴纳，缴款时请注明申请编号{number}。"
        in notice.body.splitlines()
    )


def test_fee_notice_prints_the_agency_payment_instructions(office, register):
    from gongkai.publications.models import DisclosureSettings

    DisclosureSettings.objects.create(
        agency=office["agency"],
        fee_payment_instructions=(
            "请转账至：收款单位甲市财政局非税收入专户\n"
            "开户银行：某银行甲市分行  \n\n账号：6222 0000 0000 0000"
        ),
    )
    notice = _fee_notice(office, register)
    lines = notice.body.splitlines()
    start = lines.index("缴费方式：请转账至：收款单位甲市财政局非税收入专户")
    number = notice.application.tracking_number
    assert lines[start + 1 : start + 4] == [
        "开户银行：某银行甲市分行",
        "账号：6222 0000 0000 0000",
        f"缴款时请注明申请编号{number}。",
    ]
    assert "非税收入缴款渠道" not in notice.body
