"""Back-office screens over HTTP: register, attribute review, repeal and expiry,
deadlines, import, withdrawal, moderation, settings."""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

import pytest
from openpyxl import Workbook

from gongkai.audit.models import AuditEntry
from gongkai.publications.models import (
    CatalogueEntry,
    CatalogueItemPage,
    ConsultationComment,
    OfficialDocument,
    ReviewStep,
    YearlyFigure,
)
from tests.factories.publications import (
    OfficialDocumentFactory,
    draft_consultation,
    draft_item,
    run_review,
    section_for,
)

pytestmark = pytest.mark.django_db
D = datetime.date
BASE = "/admin/gongkai/publications"

REGISTER = {
    "title": "关于加强法律援助工作的通知",
    "organ_code": "甲司发",
    "doc_year": "2023",
    "doc_serial": "12",
    "written_on": "2023-05-10",
    "doc_type": "other",
    "attribute": "proactive",
}


@pytest.fixture
def people(tree, member):
    a = tree["a"]
    return {
        "clerk": member(a, "clerk"),
        "reviewer": member(a, "reviewer"),
        "head": member(a, "head"),
        "admin": member(a, "admin"),
        "other": member(tree["b"], "clerk"),
    }


def test_register_a_document(client, tree, people):
    client.force_login(people["clerk"])
    assert client.get(f"{BASE}/documents/").status_code == 200
    response = client.post(
        f"{BASE}/documents/add/", {**REGISTER, "agency": tree["a"].pk}
    )
    document = OfficialDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}/documents/{document.pk}/"
    assert document.document_number == "甲司发〔2023〕12号"
    assert document.created_by == people["clerk"]
    body = client.get(f"{BASE}/documents/{document.pk}/").content.decode()
    assert "甲司发〔2023〕12号" in body
    # The same number twice is refused with a message, nothing is added.
    response = client.post(
        f"{BASE}/documents/add/", {**REGISTER, "agency": tree["a"].pk}
    )
    assert response.status_code == 200
    assert OfficialDocument.objects.count() == 1


def test_reason_required_over_http(client, tree, people):
    client.force_login(people["clerk"])
    response = client.post(
        f"{BASE}/documents/add/",
        {
            **REGISTER,
            "agency": tree["a"].pk,
            "attribute": "withheld",
            "attribute_reason": "",
        },
    )
    assert response.status_code == 200
    assert (
        "不予公开" in response.content.decode()
        or "legal reason" in response.content.decode()
    )
    assert not OfficialDocument.objects.exists()


def test_register_scoped_to_agency(client, tree, people):
    document = OfficialDocumentFactory(agency=tree["a"])
    client.force_login(people["other"])
    assert client.get(f"{BASE}/documents/{document.pk}/").status_code == 404
    assert document.title not in client.get(f"{BASE}/documents/").content.decode()
    response = client.post(
        f"{BASE}/documents/add/", {**REGISTER, "agency": tree["a"].pk}
    )
    assert response.status_code == 200  # not a choice for this user
    assert OfficialDocument.objects.count() == 1
    client.force_login(people["reviewer"])  # may see, may not register
    response = client.post(
        f"{BASE}/documents/add/", {**REGISTER, "agency": tree["a"].pk}
    )
    assert OfficialDocument.objects.count() == 1


def test_attribute_review_records_the_reviewer(client, tree, people):
    document = OfficialDocumentFactory(agency=tree["a"])
    url = f"{BASE}/documents/{document.pk}/attribute/"
    client.force_login(people["clerk"])
    assert client.get(url).status_code == 403
    client.force_login(people["reviewer"])
    response = client.post(url, {"attribute": "on_application", "attribute_reason": ""})
    assert response.status_code == 200
    document.refresh_from_db()
    assert document.attribute_reviewer is None
    response = client.post(
        url,
        {
            "attribute": "on_application",
            "attribute_reason": "仅涉及特定对象",
            "note": "审核",
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.attribute == "on_application"
    assert document.attribute_reviewer == people["reviewer"]
    assert (
        people["reviewer"].username
        in client.get(f"{BASE}/documents/{document.pk}/").content.decode()
    )


def test_repeal_and_expiry(client, tree, people):
    repealed = OfficialDocumentFactory(
        agency=tree["a"],
        normative=True,
        written_on=D(2020, 1, 1),
        valid_until=D(2030, 1, 1),
    )
    expiring = OfficialDocumentFactory(
        agency=tree["a"],
        normative=True,
        written_on=D(2019, 1, 1),
        valid_until=D(2023, 12, 31),
    )
    client.force_login(people["clerk"])
    url = f"{BASE}/documents/{repealed.pk}/repeal/"
    assert (
        client.post(url, {"repealed_on": "2023-08-01", "reason": ""}).status_code == 200
    )
    response = client.post(url, {"repealed_on": "2023-08-01", "reason": "上位法修改"})
    assert response.status_code == 302
    repealed.refresh_from_db()
    assert repealed.repealed_on == D(2023, 8, 1)
    assert "废止" in client.get(
        f"{BASE}/documents/{repealed.pk}/"
    ).content.decode() or (
        "Repealed" in client.get(f"{BASE}/documents/{repealed.pk}/").content.decode()
    )

    out = io.StringIO()
    call_command("publications_daily", "--date", "2024-01-01", stdout=out)
    assert "标记失效 1 件" in out.getvalue()
    expiring.refresh_from_db()
    assert expiring.lapse_recorded_on == D(2024, 1, 1)
    assert AuditEntry.objects.filter(
        action="document.lapse", target_id=str(expiring.pk)
    ).exists()


def test_due_and_overdue_list(client, tree, people):
    overdue = OfficialDocumentFactory(agency=tree["a"], written_on=D(2023, 3, 1))
    OfficialDocumentFactory(agency=tree["a"], withheld=True, title="内部事务文件")
    client.force_login(people["clerk"])
    body = client.get(f"{BASE}/documents/?status=overdue").content.decode()
    assert overdue.title in body and "内部事务文件" not in body
    assert "2023-03-29" in body  # 20th working day after 1 March 2023


CSV_HEADER = "机关,年度,行政许可,行政处罚,行政强制,行政事业性收费（万元）,来源\n"


def upload(client, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        f"{BASE}/figures/import/", {"file": SimpleUploadedFile(name, content)}
    )


def test_import_reports_bad_rows_and_imports_nothing(client, tree, people):
    client.force_login(people["clerk"])
    csv = (
        CSV_HEADER
        + "甲市司法局,2023,74,0,0,0,审批系统\n"
        + "甲市司法局,2022,7.5,-1,,abc,审批系统\n"
        + "乙市人民政府,2023,1,,,,系统\n"
        + "甲市司法局,2023,1,,,,\n"
    ).encode("utf-8")
    response = upload(client, "figures.csv", csv)
    assert response.status_code == 400
    body = response.content.decode()
    assert "第3行：行政许可处理决定：“7.5”应为整数（决定件数）。" in body
    assert "第3行：行政处罚决定：“-1”不能为负数。" in body
    assert "第3行：行政事业性收费（万元）：“abc”不是数字。" in body
    assert "第4行：没有您可以填报数据的机关“乙市人民政府”。" in body
    assert "第5行：缺少数据来源。" in body
    assert "第5行：甲市司法局 2023 年的数据已在第2行出现。" in body
    assert "第2行：" not in body
    assert "未导入任何内容" in body
    assert not YearlyFigure.objects.exists()

    good = (CSV_HEADER + "甲市司法局,2023,74,0,0,0.35,审批系统\n").encode("gb18030")
    response = upload(client, "figures.csv", good)
    assert response.status_code == 302
    figures = dict(YearlyFigure.objects.values_list("item", "value"))
    assert figures["licensing"] == 74 and str(figures["fees"].normalize()) == "0.35"
    assert (
        YearlyFigure.objects.filter(
            entered_by=people["clerk"], source="审批系统"
        ).count()
        == 4
    )


def test_import_excel(client, tree, people):
    book = Workbook()
    sheet = book.active
    sheet.append(["机关", "年度", "行政许可", "来源"])
    sheet.append(["甲市司法局", 2023, 12, "审批系统"])
    buffer = io.BytesIO()
    book.save(buffer)
    client.force_login(people["clerk"])
    assert upload(client, "figures.xlsx", buffer.getvalue()).status_code == 302
    assert YearlyFigure.objects.get().value == 12
    response = upload(client, "figures.xlsx", b"not a workbook")
    assert response.status_code == 400


def test_withdraw_with_reason(client, tree, people):
    section = section_for(tree["a"])
    page = run_review(
        draft_item(section, owner=people["clerk"]),
        submitter=people["clerk"],
        reviewers={
            "初审": people["reviewer"],
            "保密审查": people["reviewer"],
            "终审": people["head"],
        },
    )
    url = f"{BASE}/items/{page.pk}/withdraw/"
    client.force_login(people["clerk"])
    assert client.post(url, {"reason": "内容有误"}).status_code == 403
    client.force_login(people["head"])
    assert client.post(url, {"reason": ""}).status_code == 200
    assert CatalogueItemPage.objects.get(pk=page.pk).live
    assert client.post(url, {"reason": "内容有误，更正后重新发布"}).status_code == 302
    assert not CatalogueItemPage.objects.get(pk=page.pk).live
    entry = CatalogueEntry.objects.get(page=page)
    assert entry.withdrawal_reason == "内容有误，更正后重新发布"
    history = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert "内容有误，更正后重新发布" in history
    assert (
        AuditEntry.objects.get(action="catalogue.withdraw").actor_name
        == people["head"].username
    )


def test_moderation_over_http(client, tree, people):
    section = section_for(tree["a"])
    page = run_review(
        draft_consultation(section),
        submitter=people["clerk"],
        reviewers={
            "初审": people["reviewer"],
            "保密审查": people["reviewer"],
            "终审": people["head"],
        },
    )
    comment = ConsultationComment.objects.create(
        consultation=page, body="意见", submitted_at=timezone.now()
    )
    url = f"{BASE}/consultations/{page.pk}/"
    client.force_login(people["clerk"])
    assert client.get(url).status_code == 200
    client.post(
        url, {"comment": comment.pk, "status": "approved", "adoption": "adopted"}
    )
    comment.refresh_from_db()
    assert comment.status == "pending"  # a clerk does not moderate
    client.force_login(people["reviewer"])
    response = client.post(
        url, {"comment": comment.pk, "status": "approved", "adoption": "adopted"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.adoption) == ("approved", "adopted")
    client.force_login(people["other"])
    assert client.get(url).status_code == 404


def test_review_steps_are_configurable(client, tree, people):
    section_for(tree["a"])
    url = f"{BASE}/settings/{tree['a'].pk}/"
    client.force_login(people["clerk"])
    assert client.get(url).status_code == 403
    client.force_login(people["admin"])
    data = {
        "save_steps": "1",
        "name_0": "初审",
        "role_0": "reviewer",
        "name_1": "终审",
        "role_1": "head",
    }
    data.update({f"role_{i}": "reviewer" for i in range(2, 6)})
    assert client.post(url, data).status_code == 302
    assert list(
        ReviewStep.objects.filter(agency=tree["a"]).values_list("name", flat=True)
    ) == [
        "初审",
        "终审",
    ]
    page = draft_item(section_for(tree["a"]), owner=people["clerk"])
    page = run_review(
        page,
        submitter=people["clerk"],
        reviewers={"初审": people["reviewer"], "终审": people["head"]},
    )
    assert page.live
    response = client.post(
        url,
        {
            "save_settings": "1",
            "normative_validity_years": "3",
            "trial_validity_years": "1",
            "expiry_reminder_months": "3",
            "consultation_days": "20",
        },
    )
    assert response.status_code == 302


def test_stats_screen(client, tree, people):
    client.force_login(people["clerk"])
    response = client.get(f"{BASE}/stats/?agency={tree['a'].pk}&year=2023")
    assert response.status_code == 200
    response = client.get(f"{BASE}/stats/?agency={tree['b'].pk}&year=2023")
    assert response.status_code == 200
    assert "agency" in response.context["form"].errors


def test_menu_in_chinese(client, people):
    import json

    client.force_login(people["clerk"])
    body = client.get("/admin/").content.decode()
    for label in ("主动公开", "公文登记", "年度数据", "征求意见"):
        assert json.dumps(label) in body


def test_admin_creates_the_section(client, tree, people):
    client.force_login(people["admin"])
    body = client.get(f"{BASE}/settings/").content.decode()
    assert "甲市司法局" in body and "尚未创建" in body
    url = f"{BASE}/settings/{tree['a'].pk}/"
    assert client.post(url, {"slug": "jia sfj!"}).status_code == 200
    assert client.post(url, {"slug": "jsfj"}).status_code == 302
    assert client.get("/gk/jsfj/").status_code == 200
    assert "第 1 步" in client.get(url).content.decode()  # the review steps form
    client.force_login(people["clerk"])
    assert client.get(url).status_code == 403


def test_fee_payment_instructions_are_a_setting(client, tree, people):
    from gongkai.publications.models import DisclosureSettings

    section_for(tree["a"])
    url = f"{BASE}/settings/{tree['a'].pk}/"
    client.force_login(people["admin"])
    assert "信息处理费缴费方式" in client.get(url).content.decode()
    data = {
        "save_settings": "1",
        "normative_validity_years": "5",
        "trial_validity_years": "2",
        "expiry_reminder_months": "6",
        "consultation_days": "30",
        "fee_payment_instructions": "  收款单位：甲市财政局\n账号：123  ",
    }
    assert client.post(url, data).status_code == 302
    saved = DisclosureSettings.objects.get(agency=tree["a"])
    assert saved.fee_payment_instructions == "收款单位：甲市财政局\n账号：123"
    assert AuditEntry.objects.filter(action="publications.settings_update").exists()
    data["fee_payment_instructions"] = ""  # optional: back to the general sentence
    assert client.post(url, data).status_code == 302
    saved.refresh_from_db()
    assert saved.fee_payment_instructions == ""
