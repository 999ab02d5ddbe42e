"""The public report checker page: upload, results, limits, nothing kept by default."""

import json
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import pytest

from gongkai.portal.checker_views import SESSION_KEY
from tests.report.parsers.conftest import FIXTURES

pytestmark = pytest.mark.django_db

URL = "/checker/"
SEED = FIXTURES / "zhongwei-justice-bureau-2023-annual-report.txt"
PINGTAN = FIXTURES / "pingtan-zone-2021.txt"


def upload(path, name=None):
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def test_page_is_chinese(client):
    response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "年度报告检查" in body
    assert 'type="file"' in body and "multiple" in body
    assert 'enctype="multipart/form-data"' in body


def test_upload_shows_tables_and_findings_and_keeps_nothing(client):
    response = client.post(URL, {"reports": [upload(SEED), upload(PINGTAN)]})
    assert response.status_code == 200
    body = response.content.decode()
    assert "中卫市司法局" in body and "平潭综合实验区" in body
    assert "未发现错误" in body
    # the recovered tables in the official layout, with the uncertain cells highlighted
    assert (
        'data-cell="table3.new_received.natural_person" id="f2-table3.new_received.natural_person">64<'
        in body
    )
    highlighted = 'gk-highlight" data-cell="table2.normative_documents.issued"'
    assert highlighted in body
    assert "VAL.UNCERTAIN" in body and "可能的读法" in body
    assert SESSION_KEY not in client.session


def test_findings_name_the_cell_in_chinese_and_link_to_it(client):
    from gongkai.report.render import render_html
    from tests.report.parsers.deform import seed_report

    broken = seed_report()
    broken.set_cell("table3.carried_forward.total", 3)
    html = SimpleUploadedFile("broken.html", render_html(broken).encode())
    response = client.post(URL, {"reports": [upload(SEED), html]})
    body = response.content.decode()
    # the second file's cells carry ids of their own: no id repeats on the page
    assert (
        '<a href="#f2-table3.carried_forward.total">表三「结转下年度」行「总计」列</a>'
        in body
    )
    assert 'id="f2-table3.carried_forward.total"' in body
    assert 'id="f1-table3.carried_forward.total"' in body
    ids = re.findall(r'\sid="([^"]+)"', body)
    assert len(ids) == len(set(ids))


def test_keep_stores_the_json_for_download_and_forget_removes_it(client):
    response = client.post(URL, {"reports": [upload(SEED)], "keep": "on"})
    assert response.status_code == 200
    assert "下载" in response.content.decode()
    download = client.get("/checker/result.json")
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    results = json.loads(download.content)
    assert results[0]["file"] == SEED.name
    assert results[0]["agency"] == "中卫市司法局" and results[0]["findings"] == []
    assert client.post("/checker/result.json").status_code == 200
    assert SESSION_KEY not in client.session
    assert client.get("/checker/result.json").status_code == 404


def test_oversize_file_refused_in_chinese(client):
    big = SimpleUploadedFile("big.txt", b"0" * (20 * 1024 * 1024 + 1))
    response = client.post(URL, {"reports": [big, upload(SEED)], "keep": "on"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "big.txt" in body and "超过 20 MB" in body
    assert "中卫市司法局" not in body  # nothing was checked
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("picture.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "二进制"),
        (
            "report.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200,
            "旧版 Word",
        ),
        ("archive.docx", b"PK\x03\x04" + b"\x00" * 100, "ZIP"),
        ("report.json", b'{"table3": {}}', "只接受"),
        ("empty.txt", b"", ""),
    ],
)
def test_wrong_type_refused_by_content(client, name, content, reason):
    response = client.post(
        URL, {"reports": [SimpleUploadedFile(name, content)], "keep": "on"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="gk-errors"' in body
    assert reason in body
    assert "gk-checker-file" not in body
    assert SESSION_KEY not in client.session


def test_pdf_named_txt_is_read_as_pdf(client):
    from tests.report.test_check_cli import scanned_pdf

    response = client.post(
        URL, {"reports": [SimpleUploadedFile("x.txt", scanned_pdf())]}
    )
    assert response.status_code == 200
    assert "无文本层" in response.content.decode()


def test_a_text_that_is_no_report_is_refused_with_its_reason(client):
    notes = SimpleUploadedFile("notes.txt", "会议纪要：下周一上午九点开会。".encode())
    response = client.post(URL, {"reports": [notes, upload(SEED)]})
    assert response.status_code == 200
    body = response.content.decode()
    assert "无法检查此文件：未找到年度报告" in body
    assert "FMT.ROW_MISSING" not in body
    assert "中卫市司法局" in body  # the other file is still checked


def test_uploads_never_touch_the_disk(client, monkeypatch):
    """Large uploads would go to a temporary file with Django's default handlers."""
    from django.core.files import uploadhandler

    def refuse(*args, **kwargs):
        raise AssertionError("an upload was written to a temporary file")

    monkeypatch.setattr(uploadhandler.TemporaryFileUploadHandler, "new_file", refuse)
    text = SEED.read_bytes() + b"\n" + "附录".encode() * (3 * 1024 * 1024)
    response = client.post(URL, {"reports": [SimpleUploadedFile("large.txt", text)]})
    assert response.status_code == 200
    assert "中卫市司法局" in response.content.decode()


def test_post_without_csrf_token_refused():
    client = Client(enforce_csrf_checks=True)
    response = client.post(URL, {"reports": [upload(SEED)]})
    assert response.status_code == 403
