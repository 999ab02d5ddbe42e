"""Online application (Art. 29) over HTTP: success, double submit, every refusal."""

from __future__ import annotations

import io

import pytest

from gongkai.cases.choices import Channel, EventKind, Status
from gongkai.cases.models import Application, CaseEvent

from .conftest import JPEG, PDF, resident_id

pytestmark = pytest.mark.django_db


def _url(agency):
    return f"/agency/{agency.pk}/apply/"


def test_form_page_is_labelled_and_grouped(client, tree):
    response = client.get(_url(tree["a"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<fieldset" in body and "<legend>" in body
    assert 'for="id_name"' in body and 'id="id_name"' in body
    assert 'enctype="multipart/form-data"' in body
    assert 'name="submission_token"' in body
    # Art. 33: the 20-working-day rule is explained before sending.
    assert "20个工作日" in body


def test_apply_creates_one_online_case_with_identity_document(client, tree, apply_data):
    response = client.post(_url(tree["a"]), apply_data())
    assert response.status_code == 302
    assert response["Location"] == "/apply/done/"
    case = Application.objects.get()
    assert case.agency == tree["a"]
    assert case.channel == Channel.ONLINE
    assert case.status == Status.REGISTERED
    assert case.applicant_name == "张三"
    assert [i.description for i in case.items.all()] == ["2023年度部门预算"]
    attachment = case.attachments.get()
    assert attachment.file.name.endswith(".png")
    with attachment.file.open("rb") as stored:
        assert stored.read().startswith(b"\x89PNG")
    assert CaseEvent.objects.filter(
        application=case, kind=EventKind.ATTACHMENT
    ).exists()

    done = client.get("/apply/done/")
    body = done.content.decode()
    assert case.tracking_number in body
    assert 'id="query-code"' in body
    assert "20个工作日" in body


def test_query_code_shown_works_on_the_tracking_page(client, tree, apply_data):
    client.post(_url(tree["a"]), apply_data())
    case = Application.objects.get()
    body = client.get("/apply/done/").content.decode()
    code = body.split('id="query-code">')[1].split("<")[0]
    other = client.__class__()
    response = other.post(
        "/track/", {"tracking_number": case.tracking_number, "query_code": code}
    )
    assert response.status_code == 302
    assert other.get(response["Location"]).status_code == 200


def test_double_submit_creates_one_application(client, tree, apply_data):
    first = client.post(_url(tree["a"]), apply_data())
    second = client.post(_url(tree["a"]), apply_data())
    assert first.status_code == second.status_code == 302
    assert Application.objects.count() == 1
    assert Application.objects.get().attachments.count() == 1
    body = client.get("/apply/done/").content.decode()
    # The second response still shows the code handed out by the first.
    assert 'id="query-code"' in body


def test_several_items(client, tree, apply_data):
    data = apply_data(
        **{
            "items-TOTAL_FORMS": "3",
            "items-1-description": "",
            "items-1-document_number": "中卫司发〔2023〕12号",
            "items-2-description": "",
            "items-2-document_number": "",
        }
    )
    assert client.post(_url(tree["a"]), data).status_code == 302
    items = list(Application.objects.get().items.all())
    assert len(items) == 2
    assert items[1].document_number == "中卫司发〔2023〕12号"


def test_add_item_button_keeps_entries_and_adds_a_row(client, tree, apply_data):
    response = client.post(_url(tree["a"]), apply_data(add_item="1"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="items-1-description"' in body
    assert "2023年度部门预算" in body and "张三" in body
    assert Application.objects.count() == 0


def test_missing_identity_document_is_refused(client, tree, apply_data):
    response = client.post(_url(tree["a"]), apply_data(id_document=None))
    assert response.status_code == 400
    body = response.content.decode()
    assert "身份证明" in body
    assert 'aria-describedby="id_id_document_helptext id_id_document_error"' in body
    assert 'id="id_id_document_error"' in body
    # The rest of what was typed is kept.
    assert "2023年度部门预算" in body and "zhang@example.org" in body
    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("id.png", b"MZ\x90\x00 not an image"),
        ("id.exe", b"MZ\x90\x00"),
        ("id.pdf", b"<html>not a pdf</html>"),
    ],
)
def test_bad_file_type_is_refused_by_content(client, tree, apply_data, name, content):
    upload = io.BytesIO(content)
    upload.name = name
    response = client.post(_url(tree["a"]), apply_data(id_document=upload))
    assert response.status_code == 400
    assert "JPEG" in response.content.decode()
    assert Application.objects.count() == 0


@pytest.mark.parametrize("content", [JPEG, PDF])
def test_jpeg_and_pdf_are_accepted(client, tree, apply_data, content):
    upload = io.BytesIO(content)
    upload.name = "scan.bin"
    assert (
        client.post(_url(tree["a"]), apply_data(id_document=upload)).status_code == 302
    )
    assert Application.objects.count() == 1


def test_too_large_file_is_refused(client, tree, apply_data, settings):
    upload = io.BytesIO(PDF + b"0" * (10 * 1024 * 1024))
    upload.name = "big.pdf"
    response = client.post(_url(tree["a"]), apply_data(id_document=upload))
    assert response.status_code == 400
    assert "10 MB" in response.content.decode()
    assert Application.objects.count() == 0


def test_valid_upload_is_kept_while_other_errors_are_fixed(client, tree, apply_data):
    response = client.post(_url(tree["a"]), apply_data(name=""))
    assert response.status_code == 400
    body = response.content.decode()
    assert "身份证.png" in body  # "already uploaded"
    reference = body.split('name="pending_document" value="')[1].split('"')[0]
    assert reference
    fixed = apply_data(id_document=None, pending_document=reference)
    assert client.post(_url(tree["a"]), fixed).status_code == 302
    case = Application.objects.get()
    with case.attachments.get().file.open("rb") as stored:
        assert stored.read().startswith(b"\x89PNG")


def test_forged_pending_reference_is_not_accepted(client, tree, apply_data):
    data = apply_data(
        id_document=None, pending_document="portal/pending/x/identity.png"
    )
    response = client.post(_url(tree["a"]), data)
    assert response.status_code == 400
    assert Application.objects.count() == 0


def test_pending_reference_of_another_form_is_not_accepted(client, tree, apply_data):
    body = client.post(_url(tree["a"]), apply_data(name="")).content.decode()
    reference = body.split('name="pending_document" value="')[1].split('"')[0]
    data = apply_data(
        id_document=None, pending_document=reference, submission_token="u" * 32
    )
    assert client.post(_url(tree["a"]), data).status_code == 400
    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"id_number": "640502199001011230"}, "校验"),
        ({"phone": "", "email": "", "address": "", "delivery": "pickup"}, "至少"),
        ({"email": "", "delivery": "email"}, "电子邮箱"),
        ({"delivery": "post"}, "地址"),
        ({"items-0-description": ""}, "至少"),
        (
            {"applicant_type": "commercial", "id_type": "credit_code"},
            "统一社会信用代码",
        ),
        ({"postcode": "75500"}, "6位"),
        ({"applicant_type": "nonsense"}, "有效"),
    ],
)
def test_invalid_entries_are_refused_with_a_message(
    client, tree, apply_data, overrides, message
):
    response = client.post(_url(tree["a"]), apply_data(**overrides))
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert 'class="error-summary"' in body
    assert Application.objects.count() == 0


def test_organisation_needs_contact_person(client, tree, apply_data):
    data = apply_data(
        applicant_type="commercial",
        id_type="credit_code",
        id_number="91640500MA76XXXX0X".replace("X", "1"),
        name="某某有限公司",
    )
    response = client.post(_url(tree["a"]), data)
    assert response.status_code == 400
    assert "经办人" in response.content.decode()


def test_rate_limit_per_ip(client, tree, apply_data, settings):
    settings.PORTAL_APPLY_PER_IP_PER_HOUR = 2
    for n in range(2):
        data = apply_data(
            submission_token=f"{n}" * 32, id_number=resident_id(f"6405021990010112{n}")
        )
        assert client.post(_url(tree["a"]), data).status_code == 302
    data = apply_data(
        submission_token="9" * 32, id_number=resident_id("64050219900101129")
    )
    response = client.post(_url(tree["a"]), data)
    assert response.status_code == 429
    body = response.content.decode()
    assert "过多" in body
    assert "2023年度部门预算" in body  # nothing typed is lost
    assert Application.objects.count() == 2


def test_rate_limit_per_applicant(client, tree, apply_data, settings):
    settings.PORTAL_APPLY_PER_APPLICANT_PER_DAY = 1
    assert client.post(_url(tree["a"]), apply_data()).status_code == 302
    other_browser = client.__class__(REMOTE_ADDR="10.0.0.9")
    response = other_browser.post(
        _url(tree["a"]), apply_data(submission_token="s" * 32)
    )
    assert response.status_code == 429
    assert Application.objects.count() == 1


def test_double_submit_is_not_blocked_by_the_rate_limit(
    client, tree, apply_data, settings
):
    settings.PORTAL_APPLY_PER_IP_PER_HOUR = 1
    assert client.post(_url(tree["a"]), apply_data()).status_code == 302
    assert client.post(_url(tree["a"]), apply_data()).status_code == 302
    assert Application.objects.count() == 1


def test_done_page_without_application_goes_to_tracking(client, db):
    response = client.get("/apply/done/")
    assert response.status_code == 302
    assert response["Location"] == "/track/"


def test_unknown_agency_is_404(client, db):
    assert client.get("/agency/999999/apply/").status_code == 404


def test_kept_uploads_of_forms_never_sent_are_purged(client, tree, apply_data):
    import datetime

    from django.core.files.storage import default_storage
    from django.core.management import call_command

    from gongkai.portal.uploads import PENDING_DIR, pending_purge

    client.post(_url(tree["a"]), apply_data(name=""))
    directory = default_storage.listdir(PENDING_DIR)[0]
    assert directory
    assert pending_purge(older_than=datetime.timedelta(hours=1)) == 0
    call_command("portal_purge_pending", "--hours", "0")
    assert all(not default_storage.listdir(f"{PENDING_DIR}/{d}")[1] for d in directory)


def test_item_numbers_appear_in_the_error_summary(client, tree, apply_data):
    data = apply_data(**{"items-TOTAL_FORMS": "2", "items-1-description": "x" * 2001})
    body = client.post(_url(tree["a"]), data).content.decode()
    assert "第 2 项 · 所需信息的描述" in body
