"""DOCX shapes real agencies publish: merges written or flattened, spans over extra
grid columns, layout tables, runs cut by formatting and markers, blank and dashed
zeros, tables split at a page break, tracked changes, content controls and text boxes.
Every cell comes back as printed, or blank; never a different number."""

import random

import pytest

from gongkai.report.model import all_cell_paths
from gongkai.report.render import render_docx
from tests.report.parsers import deform
from tests.report.parsers.test_hostile_shapes import assert_never_wrong, read


def rendered(seed: int, *, high: int = 60):
    rng = random.Random(seed)
    truth = deform.random_report(rng, high=high)
    root, parts = deform.docx_xml(render_docx(truth))
    return truth, root, parts, rng


def zeros(truth) -> set[str]:
    return {p for p in all_cell_paths() if truth.cell(p) == 0}


@pytest.mark.parametrize("seed", range(3))
def test_vertical_merges_as_written_by_word(seed):
    truth, root, parts, _ = rendered(200 + seed)
    assert any(True for _ in root.iter(f"{deform.W}vMerge"))
    assert_never_wrong(read(deform.docx_bytes(root, parts)), truth)


@pytest.mark.parametrize("horizontal", [False, True], ids=["vertical", "both"])
@pytest.mark.parametrize("seed", range(3))
def test_merges_flattened_into_repeated_text(horizontal, seed):
    truth, root, parts, _ = rendered(210 + seed)
    deform.docx_flatten_vmerge(root)
    if horizontal:
        deform.docx_flatten_gridspan(root)
    assert_never_wrong(read(deform.docx_bytes(root, parts)), truth)


@pytest.mark.parametrize("seed", range(3))
def test_value_cells_spanning_columns_flattened(seed):
    """Table 2's one-number rows span three columns; flattened, the number is printed
    three times: read once, or left blank, never summed or shifted."""
    truth, root, parts, _ = rendered(220 + seed)
    deform.docx_flatten_gridspan(root, values=True)
    report = read(deform.docx_bytes(root, parts))
    assert_never_wrong(report, truth, exact=False)


@pytest.mark.parametrize(
    "table,col",
    [(0, 0), (0, 1), (1, 0), (1, 1), (1, 2), (1, 3), (1, 9), (2, 0), (2, 7)],
)
def test_cells_spanning_an_extra_grid_column(table, col):
    truth, root, parts, _ = rendered(230 + table * 10 + col)
    deform.docx_widen_column(deform.docx_tables(root)[table], col)
    assert_never_wrong(read(deform.docx_bytes(root, parts)), truth)


@pytest.mark.parametrize("each_table", [False, True], ids=["body", "each-table"])
@pytest.mark.parametrize("seed", range(2))
def test_tables_inside_a_layout_table(each_table, seed):
    truth, root, parts, _ = rendered(240 + seed)
    deform.docx_in_layout_table(root, each_table=each_table)
    assert_never_wrong(read(deform.docx_bytes(root, parts)), truth)


@pytest.mark.parametrize("index", [0, 1, 2])
def test_small_table_in_a_header_cell(index):
    truth, root, parts, _ = rendered(245 + index, high=600)
    deform.docx_table_in_first_cell(root, index)
    assert_never_wrong(read(deform.docx_bytes(root, parts)), truth)


@pytest.mark.parametrize("line_breaks", [False, True], ids=["runs", "line-breaks"])
@pytest.mark.parametrize("seed", range(3))
def test_labels_cut_into_runs_with_markers(line_breaks, seed):
    truth, root, parts, rng = rendered(250 + seed)
    deform.docx_split_runs(root, rng, line_breaks=line_breaks)
    assert_never_wrong(read(deform.docx_bytes(root, parts)), truth)


@pytest.mark.parametrize("seed", range(3))
def test_numbers_cut_into_runs(seed):
    truth, root, parts, rng = rendered(260 + seed, high=600)
    deform.docx_split_runs(root, rng, labels=False, numbers=True)
    assert_never_wrong(read(deform.docx_bytes(root, parts)), truth)


@pytest.mark.parametrize("seed", range(3))
def test_cells_holding_several_paragraphs(seed):
    truth, root, parts, rng = rendered(270 + seed)
    deform.docx_extra_paragraphs(root, rng)
    assert_never_wrong(read(deform.docx_bytes(root, parts)), truth)


@pytest.mark.parametrize("paragraphs", [False, True], ids=["line-break", "paragraphs"])
def test_number_cut_over_two_lines_is_never_another_number(paragraphs):
    """ "1" over "2" in one cell may be 12 or two numbers: read as 12 or left blank."""
    truth, root, parts, _ = rendered(280, high=600)
    cells = [
        c for c in deform.docx_value_cells(root) if len(deform.docx_cell_text(c)) > 1
    ]
    for tc in cells[::3]:
        deform.docx_number_line_break(tc, paragraphs=paragraphs)
    report = read(deform.docx_bytes(root, parts))
    assert_never_wrong(report, truth, exact=False)


@pytest.mark.parametrize("mark", [None, "", "—", "/", "-"])
@pytest.mark.parametrize("seed", range(2))
def test_zeros_blank_or_printed_as_a_dash(mark, seed):
    truth, root, parts, _ = rendered(290 + seed)
    assert deform.docx_zeros_as(root, mark) > 0
    report = read(deform.docx_bytes(root, parts))
    assert_never_wrong(report, truth, blank=zeros(truth))


@pytest.mark.parametrize("cut", [4, 8, 12, 17, 22, 27, 30])
@pytest.mark.parametrize("header", [False, True], ids=["no-header", "header"])
def test_table3_split_at_a_page_break(cut, header):
    truth, root, parts, _ = rendered(300 + cut)
    if header:
        deform.docx_split_table_with_header(root, 1, cut, header_rows=3)
    else:
        deform.docx_split_table(root, 1, cut)
    assert_never_wrong(read(deform.docx_bytes(root, parts)), truth)


@pytest.mark.parametrize("seed", range(3))
def test_table4_as_two_tables(seed):
    truth, root, parts, _ = rendered(310 + seed, high=600)
    deform.docx_table4_as_two_tables(root, truth)
    assert_never_wrong(read(deform.docx_bytes(root, parts)), truth)


@pytest.mark.parametrize("seed", range(3))
def test_table2_with_articles_merged_down_a_first_column(seed):
    truth, root, parts, _ = rendered(315 + seed)
    deform.docx_table2_article_column(root, truth)
    assert_never_wrong(read(deform.docx_bytes(root, parts)), truth)


@pytest.mark.parametrize(
    "kind", ["deleted", "deleted-as-t", "partly-inserted", "moved"]
)
@pytest.mark.parametrize("seed", range(2))
def test_tracked_changes_in_number_cells(kind, seed):
    """Deleted and moved-away text is not printed: it is never read."""
    truth, root, parts, rng = rendered(320 + seed)
    deform.docx_tracked_changes(root, rng, kind=kind)
    assert_never_wrong(read(deform.docx_bytes(root, parts)), truth)


@pytest.mark.parametrize("seed", range(2))
def test_tracked_deletion_of_a_row(seed):
    truth, root, parts, rng = rendered(330 + seed)
    deform.docx_deleted_row(root, rng)
    assert_never_wrong(read(deform.docx_bytes(root, parts)), truth)


@pytest.mark.parametrize("xml", [False, True], ids=["sdt", "custom-xml"])
@pytest.mark.parametrize("level", ["table", "row", "cell", "paragraph", "run"])
def test_content_controls(level, xml):
    truth, root, parts, _ = rendered(340)
    deform.docx_sdt(root, level=level, xml=xml)
    assert_never_wrong(read(deform.docx_bytes(root, parts)), truth)


@pytest.mark.parametrize("vml_only", [False, True], ids=["drawingml", "vml"])
def test_tables_in_text_boxes(vml_only):
    truth, root, parts, _ = rendered(350)
    deform.docx_in_text_box(root, vml_only=vml_only)
    assert_never_wrong(read(deform.docx_bytes(root, parts)), truth)


@pytest.mark.parametrize("simple", [False, True], ids=["field-chars", "simple"])
def test_numbers_computed_by_formula_fields(simple):
    truth, root, parts, _ = rendered(360)
    deform.docx_formula_fields(root, simple=simple)
    assert_never_wrong(read(deform.docx_bytes(root, parts)), truth)


def test_numbers_in_text_boxes_in_their_cells():
    """The fallback copy of a text box is not read: never the number twice."""
    truth, root, parts, _ = rendered(370)
    deform.docx_numbers_in_text_boxes(root)
    assert_never_wrong(read(deform.docx_bytes(root, parts)), truth)


@pytest.mark.parametrize("seed", range(2))
def test_hidden_text_in_number_cells(seed):
    """Hidden text (``w:vanish``) is not printed: never read."""
    truth, root, parts, rng = rendered(380 + seed)
    deform.docx_hidden_runs(root, rng)
    assert_never_wrong(read(deform.docx_bytes(root, parts)), truth)
