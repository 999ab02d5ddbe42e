"""Drafts of the report's text, filled in with the year's figures.

The report is a Chinese public document (国办公开办函〔2021〕30号), so its text is
written in Chinese whatever the interface language. The wording follows what agencies
publish (the seed report of 中卫市司法局, 2023): "2023 年，我局在…主动公开文件 47 份、
信息 61 条…收到 1 名自然人申请公开政府信息 1 件…". What only people know (platform
work, supervision, problems) is left as a marked gap, ``〔待填写：…〕``, which blocks
approval until it is written.

Every figure is stated so that the text rules (``TXT.MISMATCH``, ``TXT.CONTRADICTION``)
agree with the tables: a drafted report never contradicts itself.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.report.model import SECTION_KEYS, T3_APPLICANT_COLUMNS

from .sources import MediaFigures, RecordFigures

GAP_MARK = "〔待填写"
LEGAL_BASIS = (
    "根据《中华人民共和国政府信息公开条例》（国务院第 711 号）有关规定和"
    "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作"
    "年度报告格式〉的通知》（国办公开办函〔2021〕30 号）要求，现发布《{agency} {year} "
    "年政府信息公开工作年度报告》。本报告数据统计期限为 {year} 年 1 月 1 日至 {year} "
    "年 12 月 31 日止。"
)

APPLICANT_WORDS = {
    "natural_person": ("名", "自然人"),
    "commercial": ("家", "商业企业"),
    "research": ("家", "科研机构"),
    "social_welfare": ("家", "社会公益组织"),
    "legal_services": ("家", "法律服务机构"),
    "other_org": ("个", "其他组织"),
}
PLATFORM_WORDS = {
    "wechat": "微信公众号",
    "weibo": "微博",
    "douyin": "抖音号",
    "toutiao": "今日头条号",
    "app": "移动客户端",
}
OUTCOME_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("予以公开", ("granted",)),
    ("部分公开", ("partially_granted",)),
    (
        "不予公开",
        (
            "withheld_state_secret",
            "withheld_law_prohibited",
            "withheld_security_stability",
            "withheld_third_party",
            "withheld_internal_affairs",
            "withheld_process_info",
            "withheld_enforcement_file",
            "withheld_inquiry_matter",
        ),
    ),
    (
        "无法提供",
        (
            "unavailable_not_held",
            "unavailable_needs_creation",
            "unavailable_still_unclear",
        ),
    ),
    (
        "不予处理",
        (
            "declined_petition",
            "declined_duplicate",
            "declined_publication",
            "declined_excessive",
            "declined_confirmation",
        ),
    ),
    ("其他处理", ("other_no_correction", "other_fee_unpaid", "other_other")),
)
GOVERNMENT_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("自治区", "我区"),
    ("自治州", "我州"),
    ("自治县", "我县"),
    ("省", "我省"),
    ("市", "我市"),
    ("州", "我州"),
    ("盟", "我盟"),
    ("县", "我县"),
    ("旗", "我旗"),
    ("区", "我区"),
    ("镇", "我镇"),
    ("乡", "我乡"),
    ("街道", "我街道"),
)
DEPARTMENT_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("委员会", "我委"),
    ("办公室", "我办"),
    ("局", "我局"),
    ("厅", "我厅"),
    ("委", "我委"),
    ("办", "我办"),
    ("院", "我院"),
    ("中心", "我中心"),
    ("处", "我处"),
    ("所", "我所"),
)


def gap(what: str) -> str:
    """A marked gap for what only the office can write; approval waits for it."""
    return f"{GAP_MARK}：{what}〕"


def self_reference(agency: Agency) -> str:
    """How the report names its own agency: 我局 / 我委 for departments, 我市 / 我县
    for people's governments, 本机关 otherwise."""
    name = agency.name.replace("（演示）", "")
    if agency.kind == AgencyKind.GOVERNMENT:
        name = name.removesuffix("人民政府")
        table = GOVERNMENT_SUFFIXES
    else:
        table = DEPARTMENT_SUFFIXES
    for suffix, word in table:
        if name.endswith(suffix):
            return word
    return "本机关"


def portal_name(agency: Agency) -> str:
    """The government portal the agency publishes on: its people's government's site."""
    node: Agency | None = agency
    while node is not None and node.kind != AgencyKind.GOVERNMENT:
        node = node.parent
    return f"{(node or agency).name}门户网站"


def _n(value: Any) -> int:
    return int(value or 0)


def _media_clause(media: MediaFigures) -> str:
    platform = PLATFORM_WORDS.get(media.platform, "政务新媒体")
    return f"在“{media.name}”{platform}发布信息 {media.issues} 期 {media.articles} 篇"


def _proactive_paragraph(agency: Agency, year: int, stats: RecordFigures) -> str:
    we = self_reference(agency)
    clauses = [
        f"在{portal_name(agency)}主动公开文件 {stats.documents_published} 份、"
        f"信息 {stats.information_published} 条"
    ]
    clauses += [_media_clause(m) for m in stats.new_media]
    extras = []
    if stats.interpretations:
        extras.append(f"发布政策解读 {stats.interpretations} 件")
    if stats.consultations:
        extras.append(f"公开征求意见 {stats.consultations} 次")
    if stats.reconsideration_decisions_published:
        extras.append(
            f"公开《行政复议决定书》{stats.reconsideration_decisions_published} 件"
        )
    text = f"（一）主动公开情况。{year} 年，{we}" + "，".join(clauses) + "。"
    if extras:
        text += "此外，" + "，".join(extras) + "。"
    return text


def _applicants_phrase(stats: RecordFigures) -> str:
    new = stats.table3["new_received"]
    present = [c for c in T3_APPLICANT_COLUMNS if _n(new[c])]
    if len(present) == 1 and stats.applicants.get(present[0]):
        measure, word = APPLICANT_WORDS[present[0]]
        return f"收到 {stats.applicants[present[0]]} {measure}{word}申请公开政府信息"
    return "收到政府信息公开申请"


def _breakdown(stats: RecordFigures) -> str:
    new = stats.table3["new_received"]
    parts = [
        f"{APPLICANT_WORDS[c][1]} {_n(new[c])} 件"
        for c in T3_APPLICANT_COLUMNS
        if _n(new[c])
    ]
    return f"（其中{'、'.join(parts)}）" if len(parts) > 1 else ""


def _outcomes_phrase(table3: dict[str, dict[str, Any]]) -> str:
    parts = []
    for label, rows in OUTCOME_GROUPS:
        count = sum(_n(table3[row]["total"]) for row in rows)
        if count:
            parts.append(f"{label} {count} 件")
    return "、".join(parts)


def _handling_sentence(agency: Agency, stats: RecordFigures) -> str:
    t3 = stats.table3
    processed = _n(t3["processed_total"]["total"])
    forward = _n(t3["carried_forward"]["total"])
    if not processed:
        return "本年度暂无办结的申请" + (
            f"，结转下年度继续办理 {forward} 件。" if forward else "。"
        )
    text = f"本年度办结 {processed} 件，其中{_outcomes_phrase(t3)}"
    if forward:
        return text + f"；结转下年度继续办理 {forward} 件。"
    return text + "，均已依法答复申请人。"


def appeals_sentence(table4: dict[str, dict[str, Any]]) -> str:
    """The appeals sentence of section 一 (二): none, or the table-4 counts."""
    totals = {group: _n(cells["total"]) for group, cells in table4.items()}
    if not any(totals.values()):
        return "无因政府信息公开导致行政复议、行政诉讼案件。"
    litigation = (
        totals["litigation_direct"] + totals["litigation_after_reconsideration"]
    )
    parts = []
    if totals["reconsideration"]:
        parts.append(f"行政复议 {totals['reconsideration']} 件")
    if litigation:
        parts.append(f"行政诉讼 {litigation} 件")
    return f"因政府信息公开引发{'、'.join(parts)}，具体情况见第四部分。"


def _applications_paragraph(agency: Agency, year: int, stats: RecordFigures) -> str:
    t3 = stats.table3
    new = _n(t3["new_received"]["total"])
    carried = _n(t3["carried_over"]["total"])
    head = f"（二）依申请公开办理情况。{year} 年，"
    if new:
        head += f"{_applicants_phrase(stats)} {new} 件{_breakdown(stats)}"
    else:
        head += "未收到新的政府信息公开申请"
    if carried:
        head += f"；上年结转申请 {carried} 件"
    return (
        head + "。" + _handling_sentence(agency, stats) + appeals_sentence(stats.table4)
    )


def _documents_clause(label: str, cells: dict[str, Any]) -> str:
    issued, repealed, in_force = (cells[k] for k in ("issued", "repealed", "in_force"))
    if issued is None or repealed is None or in_force is None:
        return ""
    if not (issued or repealed or in_force):
        return f"未印发{label}"
    parts = [f"印发{label} {issued} 件" if issued else f"未印发{label}"]
    if repealed:
        parts.append(f"废止{label} {repealed} 件")
    parts.append(f"现行有效{label} {in_force} 件")
    return "，".join(parts)


def _management_paragraph(agency: Agency, year: int, stats: RecordFigures) -> str:
    t2 = stats.table2
    clauses = [
        c
        for c in (
            _documents_clause("规章", t2["regulations"]),
            _documents_clause("规范性文件", t2["normative_documents"]),
        )
        if c
    ]
    licensing = t2["licensing"]["decisions"]
    if licensing is not None:
        clauses.append(f"作出行政许可决定 {licensing} 件")
    figures = (
        f"{year} 年，{self_reference(agency)}" + "；".join(clauses) + "。"
        if clauses
        else ""
    )
    return (
        "（三）政府信息管理情况。"
        + gap("公文公开属性标识与审核、信息发布审核、规范性文件管理等工作")
        + figures
    )


def _overview(agency: Agency, year: int, stats: RecordFigures) -> str:
    we = self_reference(agency)
    return "\n".join(
        (
            f"{year} 年，{we}"
            + gap("贯彻落实《中华人民共和国政府信息公开条例》的总体情况"),
            _proactive_paragraph(agency, year, stats),
            _applications_paragraph(agency, year, stats),
            _management_paragraph(agency, year, stats),
            "（四）平台建设情况。" + gap("政府网站、政务新媒体等平台建设和管理情况"),
            "（五）监督保障情况。" + gap("组织领导、考核评议、责任追究等情况"),
        )
    )


def fee_sentence(year: int, fees_yuan: Decimal) -> str:
    """Section 六 states the 信息处理费 collected (国办函〔2020〕109号)."""
    if not fees_yuan:
        return f"（二）信息处理费收取情况。本机关 {year} 年未收取政府信息处理费。"
    amount = format(Decimal(fees_yuan).normalize(), "f")
    return f"（二）信息处理费收取情况。本机关 {year} 年收取政府信息处理费 {amount} 元。"


def report_draft_narrative(
    *, agency: Agency, year: int, stats: RecordFigures
) -> dict[str, str]:
    """A draft text for each of the six sections, in ``SECTION_KEYS`` order.

    Sections 二–四 hold only their tables, as in the published reports; their text is
    empty. ``stats`` must carry the report's final tables (after overrides), so that the
    figures stated agree with the tables printed.
    """
    we = self_reference(agency)
    texts = {
        "overview": _overview(agency, year, stats),
        "proactive": "",
        "applications": "",
        "appeals": "",
        "problems": "\n".join(
            (
                f"{year} 年，{we}政府信息公开工作存在的主要问题："
                + gap("存在的主要问题"),
                f"{year + 1} 年，{we}将从以下几个方面进行改进：" + gap("改进措施"),
            )
        ),
        "other": "\n".join(
            (
                "（一）" + gap("年度政务公开工作要点落实情况、建议提案办理情况等"),
                fee_sentence(year, stats.fees_collected_yuan),
            )
        ),
    }
    assert tuple(texts) == SECTION_KEYS
    return texts


def report_draft_preamble(*, agency: Agency, year: int) -> str:
    """The opening (legal basis, statistics period) and, as its second line, where to
    download the report and whom to contact, from the agency's settings (Art. 12
    contact block; spec §1 places these in the preamble)."""
    opening = LEGAL_BASIS.format(agency=agency.name, year=year)
    download = f"本报告电子版可在{portal_name(agency)}下载"
    if agency.website:
        download += f"（{agency.website}）"
    contact = [
        f"{label}：{value}"
        for label, value in (
            ("地址", agency.address),
            ("邮编", agency.postcode),
            ("电话", agency.phone),
            ("电子邮箱", agency.email),
        )
        if value
    ]
    office = agency.office_name or agency.name
    closing = f"{download}。如对本报告有任何疑问，请与{office}联系"
    if contact:
        closing += f"（{'；'.join(contact)}）"
    return f"{opening}\n{closing}。"


def has_gaps(texts: dict[str, str | None]) -> list[str]:
    """The keys of the texts that still hold a ``〔待填写：…〕`` gap."""
    return [key for key, text in texts.items() if text and GAP_MARK in text]
