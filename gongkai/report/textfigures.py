"""Figures stated in a report's text, for comparison with its tables.

Finds the statements real reports make about the tables' numbers: 现行有效…件
(规章 / 规范性文件), 行政许可…件/条, 收到/受理…申请…件, 行政事业性收费…万元,
信息处理费…元/万元, and the claims "未收取…费" and "全部办结". Full-width digits are made
half-width first, so they do not hide a figure. The text is cut into sentences and each
pattern runs only on sentences holding its keyword, which keeps a report's scan fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .model import SECTION_KEYS, Report

# What a figure measures.
IN_FORCE_REGULATIONS = "in_force.regulations"
IN_FORCE_NORMATIVE = "in_force.normative_documents"
LICENSING = "licensing"
APPLICATIONS = "applications"
ADMIN_FEE_WAN_YUAN = "admin_fee_wan_yuan"
INFO_FEE_YUAN = "info_fee_yuan"
NO_INFO_FEE = "no_info_fee"
NO_FEE_AT_ALL = "no_fee_at_all"
ALL_COMPLETED = "all_completed"

_UNIT = r"(?:件|部|个|项|条)"
_N = r"(?P<n>\d+)"
_AMOUNT = r"(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>万元|元)"
_STOP = r"[^。；;，,\d]"

IN_FORCE = [
    re.compile(
        rf"现行有效的?\s*(?P<what>行政规范性文件|规范性文件|规章)\s*(?:共|总数为|数量为|为)?\s*{_N}\s*{_UNIT}"
    ),
    re.compile(
        rf"(?P<what>行政规范性文件|规范性文件|规章)\s*(?:现行有效|有效)的?\s*(?:共|为)?\s*{_N}\s*{_UNIT}"
    ),
]
LICENSING_PATTERNS = [
    re.compile(rf"行政许可(?P<mid>{_STOP}{{0,10}}?){_N}\s*{_UNIT}"),
    re.compile(rf"{_N}\s*{_UNIT}\s*(?P<mid>)行政许可"),
]
LICENSING_EXCLUDE = re.compile(r"清单|目录|依据|流程|条件|程序|标准|事项表")

APPLICATION_PATTERNS = [
    # "收到 70 件申请" first: the number right after the verb is the one received.
    re.compile(
        rf"(?:收到|受理|接收|新收)(?P<mid>[^。；;，,\d]{{0,15}}?){_N}\s*(?:件|个|份|宗|起)(?P<mid2>[^。；;，,]{{0,12}}?)申请"
    ),
    # "收到 1 名自然人申请公开政府信息 1 件", "收到政府信息公开申请 34 件".
    re.compile(
        rf"(?:收到|受理|接收|新收)(?P<mid>[^。；;]{{0,30}}?)申请(?P<mid2>[^。；;，,\d]{{0,15}}?){_N}\s*(?:件|个|份|宗|起)"
    ),
]
# Applications that are not disclosure applications (appeals, proposals, petitions…).
APPLICATION_EXCLUDE = re.compile(
    r"复议|诉讼|提案|建议|信访|投诉|举报|留言|信箱|热线|行政许可|审批"
)

ADMIN_FEE = re.compile(rf"行政事业性收费{_STOP}{{0,10}}?{_AMOUNT}")
INFO_FEE = [
    re.compile(rf"信息处理费{_STOP}{{0,10}}?{_AMOUNT}"),
    re.compile(rf"收取{_STOP}{{0,6}}?{_AMOUNT}的?(?:政府)?信息处理费"),
]
NO_INFO_FEE_PATTERN = re.compile(
    r"(?:未|没有|无|不)(?:收取|产生|发生|收)[^。；;，,]{0,8}?信息处理费"
)
NO_FEE_PATTERN = re.compile(r"(?:未|没有)(?:收取|产生)(?:任何)?(?:费用|行政事业性收费)")
ALL_COMPLETED_PATTERN = re.compile(
    r"(?:全部|均已?|都已?|已全部)[^。；;，,]{0,8}?(?:办结|答复|办理完毕|处理完毕|办理完成)"
    r"|办结率\s*(?:达到?|为)?\s*100\s*%"
)
COMPLETED_EXCLUDE = re.compile(r"提案|建议|信箱|热线|复议|诉讼|留言|12345|来信")
# Sentences end at 。；！？ only: text converted from PDF breaks lines inside sentences.
SENTENCE = re.compile(r"[^。；;!?！？]+")

# Applicant words that make "收到 N 名自然人申请…N 件" a per-column statement.
APPLICANT_WORDS: dict[str, tuple[str, ...]] = {
    "自然人": ("natural_person",),
    "商业企业": ("commercial",),
    "企业": ("commercial",),
    "科研机构": ("research",),
    "社会公益组织": ("social_welfare",),
    "法律服务机构": ("legal_services",),
    "法人": ("commercial", "research", "social_welfare", "legal_services", "other_org"),
}

# Sections searched for each kind: statements about applications belong in 一 and 三.
APPLICATION_SECTIONS = ("overview", "applications")


@dataclass(frozen=True)
class TextFigure:
    """One figure or claim found in the text. ``value`` is ``None`` for a claim."""

    kind: str
    value: Decimal | int | None
    excerpt: str
    section: str
    applicants: tuple[str, ...] = ()


_FULL_WIDTH = re.compile("[\uff10-\uff19\uff0e\uff05\u3000]")
_TO_HALF = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "\uff0e": ".",
        "\uff05": "%",
        "\u3000": " ",
    }
)


def normalise(text: str) -> str:
    """Full-width digits, point, percent and the ideographic space made half-width; the
    rest (full-width punctuation included) is kept as written."""
    return text.translate(_TO_HALF) if _FULL_WIDTH.search(text) else text


def _excerpt(text: str, match: re.Match[str]) -> str:
    return text[match.start() : match.end()].replace("\n", "").strip()


def _in_force(section: str, text: str) -> Iterator[TextFigure]:
    seen: set[int] = set()
    for pattern in IN_FORCE:
        for m in pattern.finditer(text):
            if m.start("n") in seen:
                continue
            seen.add(m.start("n"))
            kind = IN_FORCE_REGULATIONS if m["what"] == "规章" else IN_FORCE_NORMATIVE
            yield TextFigure(kind, int(m["n"]), _excerpt(text, m), section)


def _licensing(section: str, text: str) -> Iterator[TextFigure]:
    for pattern in LICENSING_PATTERNS:
        for m in pattern.finditer(text):
            if not LICENSING_EXCLUDE.search(m["mid"]):
                yield TextFigure(LICENSING, int(m["n"]), _excerpt(text, m), section)


def _applicants(words: str) -> tuple[str, ...]:
    for word, columns in APPLICANT_WORDS.items():
        if word in words:
            return columns
    return ()


def _applications(section: str, text: str) -> Iterator[TextFigure]:
    taken: list[tuple[int, int]] = []
    for pattern in APPLICATION_PATTERNS:
        for m in pattern.finditer(text):
            words = m["mid"] + m["mid2"]
            overlaps = any(a < m.end() and m.start() < b for a, b in taken)
            if overlaps or APPLICATION_EXCLUDE.search(words):
                continue
            taken.append((m.start(), m.end()))
            yield TextFigure(
                APPLICATIONS,
                int(m["n"]),
                _excerpt(text, m),
                section,
                _applicants(words),
            )


def _yuan(match: re.Match[str]) -> Decimal:
    amount = Decimal(match["n"])
    return amount * 10000 if match["unit"] == "万元" else amount


def _fees(section: str, text: str) -> Iterator[TextFigure]:
    for m in ADMIN_FEE.finditer(text):
        yield TextFigure(
            ADMIN_FEE_WAN_YUAN, _yuan(m) / 10000, _excerpt(text, m), section
        )
    seen: set[int] = set()
    for pattern in INFO_FEE:
        for m in pattern.finditer(text):
            if m.start("n") not in seen:
                seen.add(m.start("n"))
                yield TextFigure(INFO_FEE_YUAN, _yuan(m), _excerpt(text, m), section)
    for m in NO_INFO_FEE_PATTERN.finditer(text):
        yield TextFigure(NO_INFO_FEE, None, _excerpt(text, m), section)
    for m in NO_FEE_PATTERN.finditer(text):
        yield TextFigure(NO_FEE_AT_ALL, None, _excerpt(text, m), section)


def _completed(section: str, sentence: str) -> Iterator[TextFigure]:
    if COMPLETED_EXCLUDE.search(sentence):
        return
    if ALL_COMPLETED_PATTERN.search(sentence):
        yield TextFigure(
            ALL_COMPLETED, None, sentence.replace("\n", "").strip(), section
        )


# (keyword a sentence must hold, finder): for all text, and for the application sections.
Finder = Callable[[str, str], Iterator[TextFigure]]
_FINDERS: tuple[tuple[str, Finder], ...] = (
    ("有效", _in_force),
    ("行政许可", _licensing),
    ("费", _fees),
)
_APPLICATION_FINDERS: tuple[tuple[str, Finder], ...] = (
    ("申请", _applications),
    ("申请", _completed),
)


@lru_cache(maxsize=64)
def _scan(
    texts: tuple[tuple[str, str], ...], application_sections: tuple[str, ...]
) -> tuple[TextFigure, ...]:
    found: list[TextFigure] = []
    for section, text in texts:
        finders = _FINDERS
        if section in application_sections:
            finders += _APPLICATION_FINDERS
        for sentence in SENTENCE.findall(normalise(text)):
            for keyword, finder in finders:
                if keyword in sentence:
                    found.extend(finder(section, sentence))
    return tuple(found)


def text_figures(report: Report) -> list[TextFigure]:
    """Every figure and claim found in the preamble and the sections' text.

    Statements about applications are read only in sections 一 and 三. Scans are cached
    by text, so the rules that share them read a report once.
    """
    texts = tuple((key, report.sections.get(key) or "") for key in SECTION_KEYS)
    return list(_scan((("preamble", report.preamble), *texts), APPLICATION_SECTIONS))


def clear_cache() -> None:
    """Forget cached scans (the benchmark uses it to time a cold scan)."""
    _scan.cache_clear()
