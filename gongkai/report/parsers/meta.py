"""The parts of a report around its tables: title (agency and year), publication date,
preamble and the six sections (国办公开办函〔2021〕30号; spec §1).

Web pages copied as text carry page chrome before the report (site navigation, "发布时间",
share buttons); the preamble starts where the report does ("根据《…》").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from ..model import SECTION_KEYS

_CJK_NAME = r"[\u4e00-\u9fff（）()·]"
_TITLE_TAIL = r"(?:政府信息公开|政务公开|信息公开)工作(?:年度)?(?:报告|年报)"
TITLE_AGENCY_FIRST = re.compile(
    rf"(?P<agency>{_CJK_NAME}{{2,40}}?)(?P<year>20\d\d)年度?{_TITLE_TAIL}"
)
TITLE_YEAR_FIRST = re.compile(
    rf"(?P<year>20\d\d)年度?(?P<agency>{_CJK_NAME}{{2,40}}?){_TITLE_TAIL}"
)
TITLE_NO_AGENCY = re.compile(rf"(?P<year>20\d\d)年度?{_TITLE_TAIL}")
PERIOD = re.compile(r"(20\d\d)年1月1日(?:起)?至(?:20\d\d年)?12月31日")
_AGENCY_LINE = re.compile(rf"^{_CJK_NAME}{{2,40}}$")

_NUMERAL = r"[一二三四五六七八九十]{1,2}"
HEADINGS: dict[str, tuple[str, ...]] = {
    "overview": (r"总体情况",),
    "proactive": (r"主动公开政府信息(?:的)?情况",),
    "applications": (r"收到和处理政府信息公开申请(?:的)?情况",),
    "appeals": (
        r"(?:因)?政府信息公开(?:工作)?(?:申请)?(?:被申请|引起|提起)?行政复议[、和及与,，]"
        r"(?:提起)?行政诉讼(?:的)?情况",
    ),
    "problems": (
        r"(?:政府信息公开工作)?存在的主要问题(?:及|和)改进情况",
        r"主要问题及改进",
    ),
    "other": (r"其他需要报告的事项",),
}
# A problems section whose numbered heading is missing starts at its first subheading.
PROBLEMS_FALLBACK = re.compile(r"(?m)^\s*[（(]一[）)]\s*(?:存在的)?主要问题")
_PREAMBLE_START = re.compile(r"(?:根据|按照|依据|依照)《")
_DATE_LABELLED = re.compile(
    r"(?:发布时间|发布日期|发文日期|成文日期|印发日期|时间|日期)\s*[:：]\s*"
    r"(20\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
)
_DATE_ISO = re.compile(r"(20\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_DATE_SIGNATURE = re.compile(r"^\s*(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_CN_DATE = re.compile(
    r"^\s*([〇零一二三四五六七八九]{4})年([一二三十]{1,3})月([一二三十]{1,3})日\s*$"
)

GOVERNMENT_SUFFIX = re.compile(
    r"(?:人民政府|[省市县区旗盟州]|自治区|自治州|自治县|特区|新区|开发区|实验区|示范区|"
    r"经济区|管理区|镇|乡|街道)$"
)
DEPARTMENT_WORDS = re.compile(
    r"局|委|厅|办|署|院|所|中心|处|部|会|室|站|队|馆|公司|学校"
)


@dataclass
class Meta:
    agency: str = ""
    year: int | None = None
    published_on: date | None = None
    preamble: str = ""
    sections: dict[str, str | None] = field(
        default_factory=lambda: dict.fromkeys(SECTION_KEYS)
    )
    section_order: list[str] = field(default_factory=list)


def _nfkc_compact(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _title_in(text: str, previous: str) -> tuple[str, int] | None:
    compact = _nfkc_compact(text)
    found = TITLE_AGENCY_FIRST.search(compact)
    if found:
        return found["agency"], int(found["year"])
    found = TITLE_NO_AGENCY.search(compact)
    if found:
        agency = _nfkc_compact(previous)
        return (agency if _AGENCY_LINE.match(agency) else ""), int(found["year"])
    found = TITLE_YEAR_FIRST.search(compact)
    if found:
        return found["agency"], int(found["year"])
    return None


def title(lines: list[str], meta_title: str = "") -> tuple[str, int | None]:
    """Agency and year from the title: the page title, then the first lines (a title
    broken over two lines is joined)."""
    if meta_title:
        found = _title_in(meta_title, "")
        if found and found[0]:
            return found
    head = [line for line in lines[:40] if line.strip()]
    for i, line in enumerate(head):
        previous = head[i - 1] if i else ""
        found = _title_in(line, previous)
        if found is None and i + 1 < len(head):
            found = _title_in(line + head[i + 1], previous)
        if found:
            return found
    for line in lines:
        period = PERIOD.search(_nfkc_compact(line))
        if period:
            return "", int(period.group(1))
    return "", None


def level_of(agency: str) -> str:
    """A people's government's own report, or a department's (Art. 49 deadlines differ)."""
    name = re.sub(r"[（(][^）)]*[）)]$", "", agency)
    if name.endswith("人民政府"):
        return "government"
    if GOVERNMENT_SUFFIX.search(name) and not DEPARTMENT_WORDS.search(name[2:]):
        return "government"
    return "department"


def _valid_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _signature_date(lines: list[str]) -> date | None:
    for line in [line for line in lines if line.strip()][-3:]:
        found = _DATE_SIGNATURE.match(unicodedata.normalize("NFKC", line))
        if found:
            return _valid_date(*found.groups())
        found = _CN_DATE.match(line)
        if found:
            y = found.group(1).translate(_CN_DIGITS)
            return _valid_date(y, *(_cn_number(g) for g in found.groups()[1:]))
    return None


def _cn_number(text: str) -> str:
    if text == "十":
        return "10"
    if text.startswith("十"):
        return "1" + text[1:].translate(_CN_DIGITS)
    if text.endswith("十"):
        return text[:-1].translate(_CN_DIGITS) + "0"
    return text.replace("十", "").translate(_CN_DIGITS)


def published(lines: list[str], year: int | None, meta_date: str = "") -> date | None:
    """The publication date when the source states it: the page's metadata, a
    "发布时间/日期" label near the top, or a date line signing off the report."""
    candidates: list[date | None] = []
    iso = _DATE_ISO.search(unicodedata.normalize("NFKC", meta_date))
    if iso:
        candidates.append(_valid_date(*iso.groups()))
    head = unicodedata.normalize("NFKC", "\n".join(lines[:60]))[:4000]
    labelled = _DATE_LABELLED.search(head)
    if labelled:
        candidates.append(_valid_date(*labelled.groups()))
    candidates.append(_signature_date(lines))
    for found in candidates:
        if found and (year is None or year < found.year <= year + 3):
            return found
    return None


def _heading_matches(text: str) -> dict[str, tuple[int, int]]:
    """Start and end of each section heading: a numbered heading at the start of a
    line, else a numbered heading anywhere (text that lost its line breaks)."""
    found: dict[str, tuple[int, int]] = {}
    for key, phrases in HEADINGS.items():
        for phrase in phrases:
            numbered = rf"{_NUMERAL}\s*[、.．]\s*{phrase}"
            line = re.search(rf"(?m)^[ \t\u3000]*{numbered}", text)
            inline = line or re.search(numbered, text)
            if inline:
                found[key] = (inline.start(), inline.end())
                break
    if "problems" not in found:
        after = found.get("appeals", (0, 0))[1]
        fallback = PROBLEMS_FALLBACK.search(text, after)
        if fallback and ("other" not in found or fallback.start() < found["other"][0]):
            found["problems"] = (fallback.start(), fallback.start())
    return found


def sections(text: str, meta: Meta) -> None:
    """Fill preamble, sections and section order from the report's running text."""
    found = _heading_matches(text)
    ordered = sorted(found.items(), key=lambda item: item[1][0])
    for i, (key, (_, end)) in enumerate(ordered):
        stop = ordered[i + 1][1][0] if i + 1 < len(ordered) else len(text)
        meta.sections[key] = text[end:stop].strip()
    order = [key for key, _ in ordered]
    if order != [k for k in SECTION_KEYS if k in order]:
        meta.section_order = order
    first = ordered[0][1][0] if ordered else len(text)
    head = text[:first]
    start = _PREAMBLE_START.search(head)
    meta.preamble = (head[start.start() :] if start else "").strip()
