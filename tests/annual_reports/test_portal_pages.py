"""Public annual report pages: list by year, the official layout, downloads, corrections."""

import datetime

import pytest
from bs4 import BeautifulSoup

from gongkai.annual_reports.models import ReportFile
from gongkai.annual_reports.services import (
    report_approve,
    report_new_version,
    report_publish,
    report_start,
)
from tests.factories.cases import ApplicationFactory

D = datetime.date


@pytest.fixture
def published(dept, head, ready):
    ApplicationFactory(
        agency=dept, received_on=D(2023, 3, 1), closed=True, outcome="partially_granted"
    )
    return report_publish(
        acting_user=head,
        report=report_approve(acting_user=head, report=ready()),
        published_on=D(2024, 1, 26),
    )


def test_list_shows_published_years_only(client, dept, clerk, published):
    report_start(acting_user=clerk, agency=dept, year=2022)
    body = client.get(f"/reports/{dept.pk}/").content.decode()
    assert f"/reports/{dept.pk}/2023/" in body
    assert f"/reports/{dept.pk}/2022/" not in body
    assert "2024-01-26" in body
    # The agency's name works as well as its id.
    assert client.get(f"/reports/{dept.name}/").status_code == 200


def test_report_page_shows_the_frozen_numbers_in_the_official_layout(
    client, dept, published
):
    ApplicationFactory(agency=dept, received_on=D(2023, 6, 1), closed=True)
    response = client.get(f"/reports/{dept.pk}/2023/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    cells = {td["data-cell"]: td.get_text() for td in page.select("td[data-cell]")}
    # The record added after publication does not change the published figures.
    assert cells["table3.new_received.total"] == "1"
    assert cells["table3.partially_granted.natural_person"] == "1"
    assert page.select_one("h1.gk-title") is not None
    assert page.find("a", href=f"/reports/{dept.pk}/2023/download/docx/")
    assert page.find("a", href=f"/reports/{dept.pk}/2023/download/pdf/")
    assert page.find("html")["lang"]
    assert page.select("th[scope=col]")


def test_unpublished_year_and_unknown_agency_are_not_found(client, dept, clerk):
    report_start(acting_user=clerk, agency=dept, year=2023)
    assert client.get(f"/reports/{dept.pk}/2023/").status_code == 404
    assert client.get("/reports/999999/").status_code == 404
    assert client.get(f"/reports/{dept.pk}/2023/download/exe/").status_code == 404


def test_docx_download_is_rendered_once_and_kept(client, dept, published):
    url = f"/reports/{dept.pk}/2023/download/docx/"
    first = client.get(url)
    assert first.status_code == 200
    assert first["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument"
    )
    assert "attachment" in first["Content-Disposition"]
    content = b"".join(first.streaming_content)
    assert content[:2] == b"PK"
    second = client.get(url)
    assert b"".join(second.streaming_content) == content
    assert ReportFile.objects.filter(report=published, fmt="docx").count() == 1


@pytest.mark.slow
def test_pdf_download(client, dept, published):
    response = client.get(f"/reports/{dept.pk}/2023/download/pdf/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:5] == b"%PDF-"


def test_corrected_version_shows_its_note_and_supersedes(
    client, dept, clerk, head, published
):
    v2 = report_new_version(
        acting_user=clerk, report=published, correction_note="更正了表三的统计口径。"
    )
    report_publish(
        acting_user=head,
        report=report_approve(acting_user=head, report=v2),
        published_on=D(2024, 2, 10),
    )
    body = client.get(f"/reports/{dept.pk}/2023/").content.decode()
    assert "更正了表三的统计口径。" in body
    old = client.get(f"/reports/{dept.pk}/2023/v1/").content.decode()
    assert "本版本已被更正后的版本取代" in old


def test_agency_home_links_to_its_annual_reports(client, dept):
    body = client.get(f"/agency/{dept.pk}/").content.decode()
    assert f'href="/reports/{dept.pk}/"' in body
