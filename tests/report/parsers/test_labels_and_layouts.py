"""Row and column identification by the labels, and the layouts real reports use."""

from datetime import date

import pytest

from gongkai.report.model import T3_COLUMNS
from gongkai.report.parsers import detect, matching, meta
from gongkai.report.parsers.checker import check_bytes
from gongkai.report.parsers.errors import ReaderError
from gongkai.report.parsers.reader import read_document


def html_page(*tables: str, title="某市某局2023年政府信息公开工作年度报告") -> bytes:
    return f"<html><body><h1>{title}</h1>{''.join(tables)}</body></html>".encode()


def table(rows: list[list[str]]) -> str:
    body = "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table>{body}</table>"


def check(data: bytes):
    result = check_bytes(data, name="t")
    assert result.report is not None, result.error
    return result


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("一、本年新收政府信息公开申请数量", "new_received"),
        ("（三）不予公开 3.危及“三安全一稳定”", "withheld_security_stability"),
        ('(三)不予公开3.危及"三安全一稳定"', "withheld_security_stability"),
        ("三、本年度办理结果（六）其他处理3.其他", "other_other"),
        ("（七）总计", "processed_total"),
        ("三、本年度办理结果（七）总计", "processed_total"),
        ("5.属于三类内部事务信", "withheld_internal_affairs"),  # a character lost
        ("2.没有现成信息需要另行制作", "unavailable_needs_creation"),
        ("1.本机关不掌捂相关政府信息", "unavailable_not_held"),  # OCR: 握 → 捂
        ("申请人情况", None),
        ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", None),
    ],
)
def test_table3_row_labels(label, key):
    assert matching.t3_row_key(matching.norm(label)) == key


def test_table2_old_label_and_fuzzy_header():
    assert matching.t2_row_key(matching.norm("规范性文件")) == "normative_documents"
    assert matching.t2_row_key(matching.norm("行政规范性文件")) == "normative_documents"
    from gongkai.report.parsers.grid import header_key

    assert header_key("行政法复议", matching.T4_GROUP_PHRASES) == "reconsideration"
    assert header_key("尚末审结", matching.T4_CELL_PHRASES) == "pending"  # 末/未
    assert header_key("社会公益 组织", matching.T3_COLUMN_PHRASES) == "social_welfare"
    assert header_key("法人或其他组织", matching.T3_COLUMN_PHRASES) is None


def test_full_width_and_confusables_normalised():
    assert matching.norm("（一）予以公开　") == "(一)予以公开"
    assert matching.norm("沐阳县") == "沭阳县"


T3_HEAD = [
    [
        "申请人情况",
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ],
]


def t3_rows(values: dict[str, list[int]]) -> list[list[str]]:
    from gongkai.report.labels import T3_ROW_LABELS

    return [
        [T3_ROW_LABELS[row], *map(str, values.get(row, [0] * 7))]
        for row in T3_ROW_LABELS
    ]


def test_columns_follow_the_header_not_the_position():
    """A table printing 总计 first: numbers go where the header says."""
    order = ["total", *T3_COLUMNS[:-1]]
    head = [
        [
            "申请人情况",
            "总计",
            "自然人",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
        ]
    ]
    truth = {"new_received": [5, 3, 1, 0, 0, 0, 9], "granted": [5, 3, 1, 0, 0, 0, 9]}
    truth["processed_total"] = truth["granted"]
    rows = []
    for label_row in t3_rows(truth):
        label, *values = label_row
        by_key = dict(zip(T3_COLUMNS, values, strict=True))
        rows.append([label, *(by_key[k] for k in order)])
    report = check(html_page(table(head + rows))).report
    assert report.cell("table3.new_received.natural_person") == 5
    assert report.cell("table3.new_received.total") == 9
    assert report.cell("table3.new_received.commercial") == 3


def test_placeholder_column_names_filled_in_order():
    head = [
        [
            "申请人情况",
            "自然人",
            "法人或其他组织",
            "法人或其他组织",
            "法人或其他组织",
            "法人或其他组织",
            "法人或其他组织",
            "总计",
        ],
        ["", "", "(1)", "(2)", "(3)", "(4)", "(5)", ""],
    ]
    truth = {"new_received": [1, 2, 3, 4, 5, 6, 21], "granted": [1, 2, 3, 4, 5, 6, 21]}
    truth["processed_total"] = truth["granted"]
    report = check(html_page(table(head + t3_rows(truth)))).report
    assert [report.cell(f"table3.new_received.{c}") for c in T3_COLUMNS] == truth[
        "new_received"
    ]


def test_misleading_header_rows_inside_the_table():
    """A column-numbering row and a header repeated after a page break are not data."""
    numbering = [["", "1", "2", "3", "4", "5", "6", "7"]]
    rows = t3_rows(
        {
            "new_received": [1, 0, 0, 0, 0, 0, 1],
            "granted": [1, 0, 0, 0, 0, 0, 1],
            "processed_total": [1, 0, 0, 0, 0, 0, 1],
        }
    )
    body = rows[:10] + T3_HEAD + numbering + rows[10:]
    result = check(html_page(table(T3_HEAD + numbering + body)))
    report = result.report
    assert report.missing_rows == [
        r for r in report.missing_rows if not r.startswith("table3")
    ]
    assert report.cell("table3.new_received.natural_person") == 1
    assert report.cell("table3.withheld_state_secret.natural_person") == 0
    assert report.inferred == []


def test_rows_reordered_are_found_by_label():
    truth = {
        "granted": [2, 0, 0, 0, 0, 0, 2],
        "new_received": [2, 0, 0, 0, 0, 0, 2],
        "processed_total": [2, 0, 0, 0, 0, 0, 2],
    }
    rows = t3_rows(truth)
    report = check(html_page(table(T3_HEAD + rows[::-1]))).report
    assert report.cell("table3.granted.natural_person") == 2
    assert not [r for r in report.missing_rows if r.startswith("table3")]


def test_2019_format_rows_mapped_and_reported_as_legacy():
    t2 = [
        ["第二十条第（一）项", "", "", ""],
        ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
        ["规章", "0", "0", "5"],
        ["规范性文件", "2", "2", "30"],
        ["第二十条第（五）项", "", "", ""],
        ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        ["行政许可", "10", "0", "74"],
        ["其他对外管理服务事项", "3", "0", "5"],
        ["第二十条第（六）项", "", "", ""],
        ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        ["行政处罚", "5", "0", "12"],
        ["行政强制", "1", "0", "2"],
        ["第二十条第（八）项", "", "", ""],
        ["信息内容", "上一年项目数量", "本年增/减", ""],
        ["行政事业性收费", "2", "0", ""],
        ["第二十条第（九）项", "", "", ""],
        ["信息内容", "采购项目数量", "采购总金额", ""],
        ["政府集中采购", "3", "12.5", ""],
    ]
    result = check(html_page(table(t2)))
    report = result.report
    assert report.table2["regulations"] == {
        "issued": 0,
        "repealed": None,
        "in_force": None,
    }
    assert report.cell("table2.normative_documents.issued") == 2
    assert report.cell("table2.licensing.decisions") == 74
    assert report.cell("table2.penalties.decisions") == 12
    assert report.cell("table2.enforcement.decisions") == 2
    assert report.cell("table2.fees.amount_wan_yuan") is None
    assert set(report.legacy_labels) >= {
        "本年新制作数量",
        "对外公开总数量",
        "处理决定数量",
        "其他对外管理服务事项",
        "政府集中采购",
    }
    assert "FMT.LEGACY" in {f.rule for f in result.findings}


def test_2021_header_is_not_legacy():
    t2 = [["信息内容", "本年处理决定数量"], ["行政许可", "74"]]
    assert check(html_page(table(t2))).report.legacy_labels == []


def test_table4_vertical_layout():
    t4 = [
        ["", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
        ["行政复议", "1", "0", "0", "1", "2"],
        ["行政诉讼·未经复议直接起诉", "0", "1", "0", "0", "1"],
        ["行政诉讼·复议后起诉", "0", "0", "0", "0", "0"],
    ]
    text = "<p>四、政府信息公开行政复议、行政诉讼情况</p>"
    report = check(html_page(text + table(t4))).report
    assert report.table4["reconsideration"] == {
        "upheld": 1,
        "corrected": 0,
        "other": 0,
        "pending": 1,
        "total": 2,
    }
    assert report.cell("table4.litigation_direct.corrected") == 1


@pytest.mark.parametrize(
    ("agency", "level"),
    [
        ("中卫市人民政府", "government"),
        ("平潭综合实验区", "government"),
        ("沙坡头区", "government"),
        ("中卫市司法局", "department"),
        ("上海市科委", "department"),
        ("某县人民政府办公室", "department"),
    ],
)
def test_level_from_agency(agency, level):
    assert meta.level_of(agency) == level


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["某局", "2023 年政府信息公开工作年度报告"], ("某局", 2023)),
        (["标题: 某市2021年度政府信息公开工作年度报告"], ("某市", 2021)),
        (["2024 年上海市科委政府信息公开工作", "年度报告"], ("上海市科委", 2024)),
        (["统计期限为2022年1月1日至12月31日"], ("", 2022)),
        (["无标题"], ("", None)),
    ],
)
def test_title(lines, expected):
    assert meta.title(lines) == expected


def test_publication_date_sources():
    assert meta.published(["发布时间：2024-01-30"], 2023) == date(2024, 1, 30)
    assert meta.published(["正文", "中卫市司法局", "2024年1月31日"], 2023) == date(
        2024, 1, 31
    )
    assert meta.published(["二〇二四年一月三十一日"], 2023) == date(2024, 1, 31)
    assert meta.published([], 2023, "2024-02-08 10:00") == date(2024, 2, 8)
    assert meta.published(["时间：2023-05-01"], 2023) is None  # not after the year
    assert meta.published(["文中提到2024年1月31日的会议"], 2023) is None


def test_late_publication_found():
    page = html_page(
        "<p>发布日期：2024-03-15</p>"
        + table([["信息内容", "本年处理决定数量"], ["行政许可", "1"]])
    )
    result = check(page)
    assert result.report.published_on == date(2024, 3, 15)
    assert "PUB.LATE" in {f.rule for f in result.findings}


def test_format_detection_by_content():
    assert detect.detect_format(b"%PDF-1.7 ...") == detect.PDF
    assert detect.detect_format(b"<html><body>x</body></html>") == detect.HTML
    assert detect.detect_format(b"| a | b |\n|---|---|\n| 1 | 2 |") == detect.MARKDOWN
    assert detect.detect_format("纯文本".encode("gb18030")) == detect.TEXT
    assert detect.decode_text("纯文本".encode("gb18030")) == "纯文本"
    with pytest.raises(ReaderError, match="ZIP"):
        detect.detect_format(b"PK\x03\x04rest")
    with pytest.raises(ReaderError, match="旧版 Word"):
        detect.detect_format(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(ReaderError, match="空"):
        detect.detect_format(b"  \n")


def test_html_spans_resolved():
    html = (
        "<table><tr><td rowspan=2>三、本年度办理结果</td><td colspan=2>（一）予以公开</td></tr>"
        "<tr><td>a</td><td>b</td></tr></table>"
    )
    grid = read_document(html.encode()).tables()[0]
    assert [[c.text for c in row] for row in grid.rows] == [
        ["三、本年度办理结果", "（一）予以公开", "（一）予以公开"],
        ["三、本年度办理结果", "a", "b"],
    ]
    assert [[c.origin for c in row] for row in grid.rows] == [
        [True, True, False],
        [False, True, True],
    ]


def test_scanned_pdf_says_no_text_layer():
    from tests.report.test_check_cli import scanned_pdf

    result = check_bytes(scanned_pdf(), name="scan.pdf")
    assert result.report is None
    assert result.error.startswith("无文本层")
