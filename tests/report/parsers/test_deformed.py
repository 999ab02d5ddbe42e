"""Reports rendered by the renderers, deformed like real publications, read back."""

import random

import pytest

from gongkai.report.model import all_cell_paths
from gongkai.report.parsers.checker import check_bytes
from gongkai.report.render import render_docx, render_html, render_markdown, render_pdf
from tests.report.parsers import deform


def read(data: bytes, name: str = "x"):
    result = check_bytes(data, name=name)
    assert result.report is not None, result.error
    return result


def assert_tables(result, truth, *, blank=frozenset()):
    """Every cell equals the truth, except the ``blank`` ones, which read as blank."""
    report = result.report
    for path in all_cell_paths():
        expected = None if path in blank else truth.cell(path)
        assert report.cell(path) == expected, path
    assert report.missing_rows == []
    assert report.uncertain == []


@pytest.mark.parametrize("fmt", ["html", "md", "docx"])
def test_rendered_report_round_trips(fmt):
    truth = deform.random_report(random.Random(fmt))
    data = {
        "html": lambda: render_html(truth, standalone=True).encode(),
        "md": lambda: render_markdown(truth).encode(),
        "docx": lambda: render_docx(truth),
    }[fmt]()
    result = read(data)
    assert_tables(result, truth)
    assert (result.report.agency, result.report.year) == (truth.agency, truth.year)
    assert result.report.inferred == []
    assert not result.has_errors, result.findings


@pytest.mark.parametrize("seed", range(6))
def test_html_split_cells_blank_zeros_varied_labels(seed):
    rng = random.Random(seed)
    truth = deform.random_report(rng)
    root = deform.parse(render_html(truth, standalone=True))
    blanked = deform.blank_zeros(root, rng, share=0.3)
    deform.vary_labels(root, rng)
    deform.strip_attributes(root)
    if seed % 2:
        deform.unmerge(root)
    result = read(deform.serialise(root).encode())
    assert_tables(result, truth, blank=blanked)
    blank_findings = {f.where for f in result.findings if f.rule == "VAL.BLANK"}
    assert blank_findings == blanked


@pytest.mark.parametrize("seed", range(4))
def test_html_rows_reordered_and_table_split(seed):
    rng = random.Random(100 + seed)
    truth = deform.random_report(rng)
    root = deform.parse(render_html(truth, standalone=True))
    deform.strip_attributes(root)
    deform.unmerge(root)
    deform.reorder_rows(root, rng)
    deform.split_table3(root, rng)
    result = read(deform.serialise(root).encode())
    assert_tables(result, truth)


def test_word_generated_html_with_blank_cells():
    rng = random.Random(7)
    truth = deform.random_report(rng)
    root = deform.parse(render_html(truth, standalone=True))
    blanked = deform.blank_zeros(root, rng, share=1.0)
    deform.strip_attributes(root)
    page = deform.word_html(root)
    result = read(page.encode("gb18030"))
    assert_tables(result, truth, blank=blanked)


def test_docx_split_table_blank_zeros_and_split_merges():
    rng = random.Random(11)
    truth = deform.random_report(rng)
    root, parts = deform.docx_xml(render_docx(truth))
    deform.docx_split_table(root, index=1, cut=14)
    deform.docx_unmerge_vertical(root)
    data = deform.docx_bytes(root, parts)
    result = read(data)
    assert_tables(result, truth)


def test_docx_blank_zeros_read_as_blank():
    rng = random.Random(12)
    truth = deform.random_report(rng)
    root, parts = deform.docx_xml(render_docx(truth))
    assert deform.docx_blank_zeros(root, rng, share=1.0) > 0
    result = read(deform.docx_bytes(root, parts))
    zeros = {p for p in all_cell_paths() if truth.cell(p) == 0}
    assert_tables(result, truth, blank=zeros)


@pytest.mark.slow
def test_pdf_rendered_and_deformed():
    import weasyprint

    rng = random.Random(21)
    truth = deform.random_report(rng)
    assert_tables(read(render_pdf(truth)), truth)
    root = deform.parse(render_html(truth, standalone=True))
    blanked = deform.blank_zeros(root, rng, share=0.4)
    deform.vary_labels(root, rng)
    deform.strip_attributes(root)
    deform.unmerge(root)
    ruled = "<style>table{border-collapse:collapse} td{border:1px solid #000}</style>"
    pdf = weasyprint.HTML(string=ruled + deform.serialise(root)).write_pdf()
    assert_tables(read(pdf), truth, blank=blanked)


@pytest.mark.slow
def test_pdf_table_without_rules_read_from_text_lines():
    """No ruling lines: rows come from the text lines, numbers separated by spaces."""
    import weasyprint

    truth = deform.random_report(random.Random(22))
    root = deform.parse(render_html(truth, standalone=True))
    deform.strip_attributes(root)
    spaced = "<style>td,th{padding:0 .6em}</style>"
    pdf = weasyprint.HTML(string=spaced + deform.serialise(root)).write_pdf()
    assert_tables(read(pdf), truth)


@pytest.mark.parametrize("seed", range(40))
def test_glued_digits_never_give_a_wrong_number(seed):
    """Cells read from glued digits are the truth or blank-and-uncertain; never wrong."""
    rng = random.Random(1000 + seed)
    truth = deform.random_report(rng, high=rng.choice([3, 20, 200]))
    result = read(deform.glued_text(truth, rng).encode())
    report = result.report
    assert report.missing_rows == []
    for path in all_cell_paths():
        value = report.cell(path)
        if value is None:
            assert path in report.uncertain, path
        else:
            assert value == truth.cell(path), path
    assert set(report.inferred).isdisjoint(report.uncertain)
    # Table 3 has enough identities that most of it comes back.
    t3 = [p for p in all_cell_paths() if p.startswith("table3.")]
    recovered = sum(report.cell(p) is not None for p in t3)
    assert recovered >= len(t3) * 0.8
