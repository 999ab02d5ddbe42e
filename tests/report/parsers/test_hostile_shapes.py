"""Shapes of real publications that must never give a wrong number: every cell comes
back as printed, or blank (and then listed as uncertain, or blank in the source)."""

import random
import re
from decimal import Decimal

import pytest

from gongkai.report.model import all_cell_paths
from gongkai.report.parsers.checker import check_bytes
from gongkai.report.render import render_html, render_markdown
from tests.report.parsers import deform


def read(data: bytes):
    result = check_bytes(data, name="x")
    assert result.report is not None, result.error
    return result.report


def assert_never_wrong(report, truth, *, blank=frozenset(), exact=True):
    """Every cell is the truth, or blank where the source is blank (``blank``) or the
    reading is uncertain (or its row reported missing). With ``exact``, nothing but the
    ``blank`` cells may be blank."""
    wrong = []
    for path in all_cell_paths():
        value = report.cell(path)
        if value is None:
            if path in blank:
                continue
            row = path.rsplit(".", 1)[0]
            reported = path in report.uncertain or row in report.missing_rows
            assert reported, f"{path} blank but not uncertain"
            assert not exact, f"{path} uncertain"
        elif value != truth.cell(path):
            wrong.append(f"{path}: {value} ≠ {truth.cell(path)}")
    assert wrong == []
    if exact:
        assert report.missing_rows == []


def truth_and_page(seed: int, *, high: int = 60):
    rng = random.Random(seed)
    truth = deform.random_report(rng, high=high)
    return truth, deform.parse(render_html(truth, standalone=True))


@pytest.mark.parametrize("mark", ["—", "-", "－", "——", "/", "／", "无", "\\"])
@pytest.mark.parametrize("seed", range(4))
def test_zeros_printed_as_a_dash_read_as_blank(mark, seed):
    truth, root = truth_and_page(seed)
    marked = deform.print_zeros_as(root, mark)
    deform.strip_attributes(root)
    report = read(deform.serialise(root).encode())
    assert_never_wrong(report, truth, blank=marked)


@pytest.mark.parametrize("mark", ["0件", "0 件", "〇", "零"])
def test_zeros_printed_with_a_unit_or_as_a_numeral_read_as_0(mark):
    truth, root = truth_and_page(3)
    deform.print_zeros_as(root, mark)
    deform.strip_attributes(root)
    assert_never_wrong(read(deform.serialise(root).encode()), truth)


@pytest.mark.parametrize("seed", range(4))
def test_odd_marks_in_value_cells_are_never_a_number(seed):
    """A zero printed as the letter O (a typist's slip) is not read; the row's other
    cells are not shifted into its place."""
    truth, root = truth_and_page(seed)
    marked = deform.print_zeros_as(root, "O")
    deform.strip_attributes(root)
    assert_never_wrong(read(deform.serialise(root).encode()), truth, blank=marked)


@pytest.mark.parametrize(
    "rewrite",
    [
        lambda t: t + "件",
        lambda t: t + " 件",
        deform.full_width,
    ],
    ids=["unit", "spaced-unit", "full-width"],
)
def test_numbers_with_units_or_full_width_digits(rewrite):
    truth, root = truth_and_page(5)
    deform.rewrite_values(root, lambda t: t if "." in t else rewrite(t))
    deform.strip_attributes(root)
    assert_never_wrong(read(deform.serialise(root).encode()), truth)


@pytest.mark.parametrize("sep", [",", "，"])
def test_thousands_separators(sep):
    truth, root = truth_and_page(6, high=600)
    truth.set_cell("table2.licensing.decisions", 123456)
    truth.set_cell("table2.fees.amount_wan_yuan", Decimal("1234.5"))
    for td in deform.value_cells(root):
        path = td.get("data-cell")
        value = truth.cell(path)
        td.text = f"{value:,}".replace(",", sep)
    deform.strip_attributes(root)
    assert_never_wrong(read(deform.serialise(root).encode()), truth)


@pytest.mark.parametrize("sep", [" ", "\u00a0"])
def test_thousands_separated_by_a_space_are_not_two_numbers(sep):
    truth, root = truth_and_page(6, high=600)
    truth.set_cell("table2.licensing.decisions", 123456)
    for td in deform.value_cells(root):
        if td.get("data-cell") == "table2.licensing.decisions":
            td.text = f"123{sep}456"
    deform.strip_attributes(root)
    report = read(deform.serialise(root).encode())
    assert_never_wrong(report, truth, exact=False)


@pytest.mark.parametrize("text", ["0.00", "12.5", "12.50万元", "１２.５", "0"])
def test_fee_amounts(text):
    truth, root = truth_and_page(7)
    shown = text.replace("万元", "").translate({0xFF11: "1", 0xFF12: "2", 0xFF15: "5"})
    truth.set_cell("table2.fees.amount_wan_yuan", Decimal(shown))
    for td in deform.value_cells(root):
        if td.get("data-cell") == "table2.fees.amount_wan_yuan":
            td.text = text
    deform.strip_attributes(root)
    assert_never_wrong(read(deform.serialise(root).encode()), truth)


@pytest.mark.parametrize("number", [0, 1, 2])
@pytest.mark.parametrize("split", [False, True])
def test_item_number_column_is_not_a_value(number, split):
    """A 序号 column before the labels: its numbers are not cells of the row, also in
    table 4, whose row has no label and whose last cells are blank."""
    truth, root = truth_and_page(20 + number)
    blanked = deform.blank_last_cells(root, 2, 2)
    deform.strip_attributes(root)
    if split:
        deform.unmerge(root)
    deform.add_item_numbers(root, number)
    assert_never_wrong(read(deform.serialise(root).encode()), truth, blank=blanked)


@pytest.mark.parametrize("seed", range(6))
def test_unheaded_item_numbers_in_table4_never_shift_it(seed):
    """Item numbers without a 序号 header: table 4's row has one number too many; it is
    read only where the group totals say which cells are the table's."""
    truth, root = truth_and_page(30 + seed)
    blanked = deform.blank_last_cells(root, 2, 2)
    deform.strip_attributes(root)
    deform.add_item_numbers(root, 2, header="")
    report = read(deform.serialise(root).encode())
    assert_never_wrong(report, truth, blank=blanked, exact=False)


@pytest.mark.parametrize("number", [0, 1, 2])
@pytest.mark.parametrize("split", [False, True])
def test_empty_trailing_column(number, split):
    truth, root = truth_and_page(40 + number)
    blanked = deform.blank_last_cells(root, 2, 2)
    deform.strip_attributes(root)
    if split:
        deform.unmerge(root)
    deform.add_empty_column(root, number)
    assert_never_wrong(read(deform.serialise(root).encode()), truth, blank=blanked)


@pytest.mark.parametrize(
    "shape",
    [
        deform.table4_as_two_tables,
        deform.table4_flat_header,
        deform.table4_without_group_row,
    ],
)
@pytest.mark.parametrize("seed", range(3))
def test_table4_shapes(shape, seed):
    truth, root = truth_and_page(50 + seed, high=600)
    deform.strip_attributes(root)
    shape(root, truth)
    assert_never_wrong(read(deform.serialise(root).encode()), truth)


@pytest.mark.parametrize(
    "noise",
    [
        lambda root, rng: deform.data_in_th(root),
        deform.break_labels,
        deform.styled_spans,
        deform.split_tbody,
        lambda root, rng: deform.body_rows_in_thead(root, 3),
        lambda root, rng: deform.in_layout_table(root),
    ],
    ids=["th", "br", "spans", "tbody", "thead", "layout-table"],
)
@pytest.mark.parametrize("seed", range(2))
def test_html_markup_noise(noise, seed):
    truth, root = truth_and_page(60 + seed)
    rng = random.Random(seed)
    blanked = deform.blank_zeros(root, rng, share=0.3)
    noise(root, rng)
    deform.strip_attributes(root)
    report = read(deform.serialise(root).encode())
    assert_never_wrong(report, truth, blank=blanked)


@pytest.mark.parametrize("sep", ["\t", "  ", " "], ids=["tab", "spaces", "space"])
@pytest.mark.parametrize("mark", ["0", "—", "-", "/"])
@pytest.mark.parametrize("pages", [0, 6])
def test_text_tables_with_marks_and_page_numbers(sep, mark, pages):
    """Text files: cells separated by tabs or spaces, zeros printed as a dash, page
    numbers ("— 5 —", "第 5 页 共 9 页") between the rows."""
    for seed in range(3):
        truth, root = truth_and_page(70 + seed, high=600)
        marked = set() if mark == "0" else deform.print_zeros_as(root, mark)
        deform.strip_attributes(root)
        deform.unmerge(root)
        text = deform.as_text(root, random.Random(seed), sep=sep, pages=pages)
        report = read(text.encode())
        assert_never_wrong(report, truth, blank=marked, exact=sep == "\t")


@pytest.mark.parametrize("sep", ["\t", "  "], ids=["tab", "spaces"])
def test_text_rows_wrapped_with_page_numbers(sep):
    """Long labels wrapped onto a second line that holds the numbers."""
    for seed in range(4):
        truth, root = truth_and_page(80 + seed, high=600)
        marked = deform.print_zeros_as(root, "—")
        deform.strip_attributes(root)
        deform.unmerge(root)
        rng = random.Random(seed)
        text = deform.as_text(root, rng, sep=sep, wrap=True, pages=5)
        report = read(text.encode())
        assert_never_wrong(report, truth, blank=marked, exact=False)


def test_text_copied_with_dashes_glued_to_numbers_is_never_read_shifted():
    """A web page copied as text, zeros printed as —, cell boundaries lost: how many
    cells a run of dashes stands for is unknown, so those rows are not read."""
    for seed in range(6):
        rng = random.Random(90 + seed)
        truth = deform.random_report(rng, high=200)
        text = deform.glued_text(truth, rng)
        marked = set()
        for path in all_cell_paths():
            if truth.cell(path) == 0 and rng.random() < 0.5:
                marked.add(path)
        for path in marked:
            truth.set_cell(path, None)
        text = deform.glued_text(truth, random.Random(seed)).replace("None", "—")
        report = read(text.encode())
        assert_never_wrong(report, truth, blank=marked, exact=False)


def _markdown_rows(text: str, rewrite) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(
        rewrite(line) if line.startswith("|") else line for line in text.split("\n")
    )


@pytest.mark.parametrize("seed", range(4))
def test_markdown_line_breaks_and_dash_zeros(seed):
    """Converter Markdown: <br> inside labels, zeros printed as —, escaped pipes."""
    rng = random.Random(100 + seed)
    truth = deform.random_report(rng)
    text = render_markdown(truth).replace(
        "三、本年度办理结果 · ", "三、本年度办理结果 \\| "
    )
    text = _markdown_rows(text, lambda line: line.replace(" · ", "<br>"))
    text = _markdown_rows(text, lambda line: re.sub(r"\| 0(?= \|)", "| —", line))
    zeros = {p for p in all_cell_paths() if truth.cell(p) == 0}
    assert_never_wrong(read(text.encode()), truth, blank=zeros)


@pytest.mark.parametrize("seed", range(4))
def test_markdown_rows_missing_trailing_zero_cells(seed):
    rng = random.Random(110 + seed)
    truth = deform.random_report(rng)

    def drop(line: str) -> str:
        cells = line.strip().strip("|").split("|")
        while len(cells) > 2 and cells[-1].strip() == "0":
            cells.pop()
        return "| " + " | ".join(c.strip() for c in cells) + " |"

    text = _markdown_rows(render_markdown(truth), drop)
    # a cell the row does not have is blank (read through the header) or uncertain
    zeros = {p for p in all_cell_paths() if truth.cell(p) == 0}
    assert_never_wrong(read(text.encode()), truth, blank=zeros, exact=False)
