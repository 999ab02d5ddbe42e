"""A journalist checks published reports on the public checker page, in a real browser:
several files at once, the offending cell highlighted in the recovered tables."""

from __future__ import annotations

import re

import pytest

from gongkai.report.render import render_html
from tests.report.parsers.conftest import FIXTURES
from tests.report.parsers.deform import seed_report

from .conftest import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_journalist_checks_two_reports_and_sees_the_wrong_cell(
    live_server, desktop, shot
):
    broken = seed_report()
    broken.set_cell("table3.carried_forward.total", 3)  # 1 + 0 ≠ 1 + 3
    desktop.goto(live_server.url + "/checker/")
    desktop.get_by_label("报告文件").set_input_files(
        files=[
            {
                "name": "broken-2023.html",
                "mimeType": "text/html",
                "buffer": render_html(broken, standalone=True).encode(),
            },
            {
                "name": "pingtan-zone-2021.txt",
                "mimeType": "text/plain",
                "buffer": (FIXTURES / "pingtan-zone-2021.txt").read_bytes(),
            },
        ]
    )
    desktop.get_by_role("button", name="检查").click()
    desktop.wait_for_selector(".gk-checker-file")
    files = desktop.locator(".gk-checker-file")
    assert files.count() == 2
    first = files.nth(0)
    assert "发现错误" in first.locator(".gk-verdict-bad").inner_text()
    assert "T3.BALANCE" in first.locator(".gk-findings").inner_text()
    # The finding names the cell in Chinese and links to it in the recovered tables.
    link = first.get_by_role("link", name="表三「结转下年度」行「总计」列").first
    link.click()
    desktop.wait_for_url(re.compile(r"#f1-table3\.carried_forward\.total$"))
    cell = first.locator('td[data-cell="table3.carried_forward.total"]')
    assert cell.get_attribute("id") == "f1-table3.carried_forward.total"
    assert cell.is_visible()
    assert cell.inner_text().strip() == "3"
    assert "gk-highlight" in (cell.get_attribute("class") or "")
    plain = first.locator('td[data-cell="table3.carried_forward.natural_person"]')
    highlight = cell.evaluate("e => getComputedStyle(e).backgroundColor")
    assert highlight != plain.evaluate("e => getComputedStyle(e).backgroundColor")
    second = files.nth(1)
    assert "平潭综合实验区" in second.inner_text()
    assert "未发现错误" in second.locator(".gk-verdict-good").inner_text()
    assert "可能的读法" in second.inner_text()  # the glued 行政规范性文件 row
    shot(desktop, "checker-results-desktop")
    assert axe_violations(desktop) == []
