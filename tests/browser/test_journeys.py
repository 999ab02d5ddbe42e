"""Journeys a citizen makes through the portal, in a real browser on a phone-sized
screen, and an axe-core accessibility scan of the main pages."""

from __future__ import annotations

import re

from django.core.cache import cache

import pytest

from gongkai.cases.models import Application
from gongkai.holidays.services import calendar_seed_from_package
from gongkai.portal.indexing import catalogue_index_all
from tests.factories.agencies import AgencyFactory
from tests.factories.portal import build_catalogue, resident_id

from .conftest import PHONE, axe_violations, png_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(db):
    cache.clear()
    # A transactional test run earlier may have flushed the calendar the data migration
    # seeded; the journeys compute deadlines, so make sure it is there.
    calendar_seed_from_package()
    government = AgencyFactory(government=True, name="甲市人民政府")
    agency = AgencyFactory(
        name="甲市司法局",
        parent=government,
        fax="0955-7654321",
        office_hours="工作日 8:30—18:00",
    )
    data = build_catalogue(agency)
    catalogue_index_all()
    yield data
    cache.clear()


def test_citizen_finds_a_document_by_a_two_character_word(
    live_server, phone, shot, site
):
    phone.goto(live_server.url + "/")
    phone.get_by_role("searchbox", name="搜索公开信息").fill("预算")
    phone.get_by_role("searchbox", name="搜索公开信息").press("Enter")
    phone.wait_for_url(re.compile(r"/search/\?q="))
    results = phone.locator("ol.results li")
    assert results.count() >= 1
    assert phone.locator("ol.results mark", has_text="预算").count() >= 1
    shot(phone, "search-results-phone")
    phone.get_by_role("link", name="2023年度部门预算公开").click()
    phone.wait_for_url(re.compile(re.escape(site["info"].url)))
    assert phone.get_by_role("heading", level=1).inner_text() == "2023年度部门预算公开"
    assert "预算收入合计1234万元" in phone.content()
    shot(phone, "item-page-phone")


def test_citizen_applies_from_a_phone_and_follows_the_application(
    live_server, phone, shot, site
):
    agency = site["agency"]
    phone.goto(f"{live_server.url}/agency/{agency.pk}/")
    phone.get_by_role("link", name=re.compile("依申请公开")).first.click()
    phone.wait_for_url(re.compile(r"/apply/$"))
    shot(phone, "apply-form-phone")
    # Everything is reached by its label or role, as a screen reader user would.
    phone.get_by_label("姓名或名称").fill("张三")
    phone.get_by_label("身份证明号码").fill(resident_id())
    phone.get_by_label("联系电话").fill("13900000000")
    phone.get_by_label("电子邮箱").fill("zhang@example.org")
    phone.get_by_label("所需信息的描述").fill("2023年度部门决算")
    phone.get_by_role("button", name="提交申请").click()
    # The identity document was forgotten: the page says so, and keeps the entries.
    summary = phone.get_by_role("alert")
    assert "身份证明" in summary.inner_text()
    assert phone.get_by_label("姓名或名称").input_value() == "张三"
    shot(phone, "apply-form-error-phone")
    summary.get_by_role("link", name=re.compile("身份证明材料")).click()
    phone.get_by_label("身份证明材料").set_input_files(
        files=[{"name": "身份证.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    phone.get_by_role("button", name="提交申请").click()
    phone.wait_for_url(re.compile(r"/apply/done/$"))
    tracking = phone.locator("#tracking-number").inner_text().strip()
    code = phone.locator("#query-code").inner_text().strip()
    assert re.fullmatch(r"YSQ\d{10}", tracking)
    assert len(code) == 8
    assert "答复期限" in phone.content()
    shot(phone, "apply-done-phone")
    assert Application.objects.filter(
        tracking_number=tracking, channel="online"
    ).exists()

    # Later, from another phone: the tracking number and query code show the status.
    other = phone.context.browser.new_context(**PHONE)
    later = other.new_page()
    later.set_default_timeout(15_000)
    later.goto(live_server.url + "/track/")
    shot(later, "track-form-phone")
    later.get_by_label("申请编号").fill(tracking)
    later.get_by_label("查询码").fill(code)
    later.get_by_role("button", name="查询").click()
    later.wait_for_url(re.compile(rf"/track/{tracking}/$"))
    assert "已收到" in later.content()
    assert "自次日起算20个工作日" in later.content()
    shot(later, "track-status-phone")
    other.close()


def _main_pages(site) -> list[str]:
    agency = site["agency"]
    base = f"/agency/{agency.pk}"
    return [
        "/",
        f"/agency/{agency.parent_id}/",
        f"{base}/",
        f"{base}/guide/",
        f"{base}/proactive/",
        f"{base}/catalogue/",
        f"{base}/consultations/",
        f"{base}/apply/",
        "/track/",
        "/search/?q=预算",
        site["rule"].url,
        site["open"].url,
        site["closed"].url,
    ]


def test_main_pages_have_no_serious_accessibility_violations(
    live_server, desktop, phone, site
):
    problems = {}
    for page in (desktop, phone):
        for path in _main_pages(site):
            page.goto(live_server.url + path)
            found = axe_violations(page)
            if found:
                problems[f"{page.viewport_size['width']}px {path}"] = found
    # The application form after a failed submit (error messages and their links).
    desktop.goto(f"{live_server.url}/agency/{site['agency'].pk}/apply/")
    desktop.get_by_role("button", name="提交申请").click()
    desktop.wait_for_selector(".error-summary")
    if found := axe_violations(desktop):
        problems["apply with errors"] = found
    assert problems == {}
