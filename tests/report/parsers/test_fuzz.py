"""Any input gives a result or a clear Chinese error: never an exception, never a hang."""

import io
import re
import zipfile
from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.report.parsers import glued
from gongkai.report.parsers.checker import check_bytes
from gongkai.report.render import render_html, render_markdown, render_pdf
from tests.report.parsers import deform
from tests.report.parsers.conftest import FIXTURES

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CJK = re.compile(r"[\u4e00-\u9fff]")


def assert_handled(data: bytes) -> None:
    result = check_bytes(data, name="fuzz")
    if result.report is None:
        assert result.error and CJK.search(result.error), result.error
    else:
        assert result.error is None
        for finding in result.findings:
            assert finding.rule and finding.message


@lru_cache
def samples() -> tuple[bytes, ...]:
    report = deform.seed_report()
    return (
        (FIXTURES / "zhongwei-justice-bureau-2023-annual-report.txt").read_bytes(),
        (FIXTURES / "pingtan-zone-2021.txt").read_bytes(),
        (FIXTURES / "shanghai-stcsm-2024.md").read_bytes(),
        render_html(report, standalone=True).encode(),
        render_markdown(report).encode(),
    )


@lru_cache
def sample_pdf() -> bytes:
    return render_pdf(deform.seed_report())


@FUZZ
@given(st.binary(max_size=4000))
def test_random_bytes(data):
    assert_handled(data)


@FUZZ
@given(st.text(max_size=3000))
def test_random_text(text):
    assert_handled(text.encode("utf-8"))


@FUZZ
@given(
    st.sampled_from(
        [
            "<table>",
            "<tr>",
            "<td rowspan=99999>",
            "<td colspan=-3>",
            "</td>",
            "<p>",
            "本年新收",
            "予以公开",
            "1",
            "0",
            "\t",
            "|",
            "---",
            "\n",
            "<br>",
        ]
    ),
)
def test_html_and_table_fragments(fragment):
    assert_handled((fragment * 200).encode())


@st.composite
def mutated(draw, base: bytes):
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["delete", "insert", "duplicate", "digits"]))
        size = draw(st.integers(1, 400))
        if action == "delete":
            del data[at : at + size]
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=50))
        elif action == "duplicate":
            data[at:at] = data[at : at + size]
        else:
            data[at:at] = draw(st.text("0123456789", min_size=1, max_size=60)).encode()
    return bytes(data)


@FUZZ
@given(st.data())
def test_mutated_real_reports(data):
    base = data.draw(st.sampled_from(samples()))
    assert_handled(data.draw(mutated(base)))


@settings(max_examples=15, deadline=None)
@given(st.data())
def test_mutated_pdf(data):
    base = sample_pdf()
    flips = data.draw(st.lists(st.integers(0, len(base) - 1), min_size=1, max_size=20))
    damaged = bytearray(base)
    for at in flips:
        damaged[at] ^= 0xFF
    assert_handled(bytes(damaged))


@settings(max_examples=20, deadline=None)
@given(st.binary(max_size=2000))
def test_docx_with_broken_body(body):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", body)
    assert_handled(out.getvalue())


def test_long_digit_runs_are_bounded():
    """A run of digits with astronomically many readings ends as uncertain, quickly."""
    row = "一、本年新收政府信息公开申请数量" + "1234567890" * 300
    text = (
        "某局2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" + row
    )
    result = check_bytes(text.encode(), name="long")
    assert result.report is not None
    assert "table3.new_received.total" in result.report.uncertain
    assert glued.readings(["1" * 200], 7) is None  # too many readings: gives up


def test_readings_count_and_leading_zeros():
    assert glued.readings(["0000000"], 7) == [(0,) * 7]
    assert glued.readings(["0100"], 3) == [(0, 10, 0)]
    assert glued.readings(["12"], 3) == []
    assert glued.readings(["5", "", "7"], 3) == [(5, None, 7)]
