"""Recognising the official row and column labels in the text of a published report.

Real reports vary the labels of the format (国办公开办函〔2021〕30号): full-width and
half-width punctuation, spaces inside words, quotes, line breaks inside a cell, old labels
(规范性文件 for 行政规范性文件), typos (行政法复议) and OCR confusions (one character
for a similar one). Matching therefore works on a normalised text and on a short
*key phrase* per label, exact first and then with one edit allowed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from ..labels import LEGACY_LABELS

# Characters that carry no meaning for matching a label.
_DROP = re.compile(r"[\s\u200b\ufeff\"'“”‘’「」『』《》〈〉*#|`_~·•]+")
_SPACE_RUN = re.compile(r"\s+")
# Spaces between two non-digits are layout (a cell wrapped over two lines).
# ... except next to a blank mark (— - / \), which may be a cell of a table row.
_INNER_SPACE = re.compile(r"(?<=[^\d\s.—\-/\\])\s+(?=[^\d\s.—\-/\\])")
_QUOTES = re.compile(r"[\"'“”‘’「」『』]")

# Characters OCR and typists confuse with one used in the format's labels; mapped to
# the label's form before matching (fuzzy matching covers the rest).
CONFUSABLES = str.maketrans({"己": "已", "巳": "已", "末": "未", "沐": "沭"})


@lru_cache(maxsize=4096)
def norm(text: str) -> str:
    """Normalise a label: NFKC (full-width to half-width), no spaces, no quotes."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text)).translate(CONFUSABLES)


def norm_flat(text: str) -> str:
    """Normalise running text for scanning: NFKC, quotes removed, whitespace between
    words removed, whitespace next to digits or blank marks kept as one space (it may
    separate cells)."""
    text = unicodedata.normalize("NFKC", text)
    text = _QUOTES.sub("", text)
    text = _SPACE_RUN.sub(" ", text)
    return _INNER_SPACE.sub("", text)


# ---------------------------------------------------------------- key phrases
# Each row or column key has key phrases, most specific first. A label matches a key when
# its normalised text contains one of the phrases.

T2_ROW_PHRASES: dict[str, tuple[str, ...]] = {
    "regulations": ("规章",),
    "normative_documents": ("行政规范性文件", "规范性文件"),
    "licensing": ("行政许可",),
    "penalties": ("行政处罚",),
    "enforcement": ("行政强制",),
    "fees": ("行政事业性收费",),
}
T2_COLUMN_PHRASES: dict[str, tuple[str, ...]] = {
    "issued": ("本年制发件数", "本年制发"),
    "repealed": ("本年废止件数", "本年废止"),
    "in_force": ("现行有效件数", "现行有效"),
}
# 2019 trial-format columns that correspond to a 2021 column (mapped, and FMT.LEGACY).
T2_LEGACY_COLUMN_PHRASES: dict[str, tuple[str, ...]] = {
    "issued": ("本年新制作数量",),
    "decisions": ("处理决定数量",),
}

T3_ROW_PHRASES: dict[str, tuple[str, ...]] = {
    "new_received": ("本年新收",),
    "carried_over": ("上年结转",),
    "granted": ("予以公开",),
    "partially_granted": ("部分公开",),
    "withheld_state_secret": ("国家秘密",),
    "withheld_law_prohibited": ("法律行政法规禁止公开", "禁止公开"),
    "withheld_security_stability": ("三安全一稳定",),
    "withheld_third_party": ("第三方合法权益",),
    "withheld_internal_affairs": ("三类内部事务", "内部事务"),
    "withheld_process_info": ("四类过程性信息", "过程性信息"),
    "withheld_enforcement_file": ("行政执法案卷",),
    "withheld_inquiry_matter": ("行政查询事项",),
    "unavailable_not_held": ("不掌握相关政府信息", "不掌握"),
    "unavailable_needs_creation": ("需要另行制作", "另行制作"),
    "unavailable_still_unclear": ("补正后申请内容仍不明确", "仍不明确"),
    "declined_petition": ("信访举报投诉",),
    "declined_duplicate": ("重复申请",),
    "declined_publication": ("公开出版物",),
    "declined_excessive": ("大量反复申请",),
    "declined_confirmation": ("确认或重新出具",),
    "other_no_correction": ("逾期不补正",),
    "other_fee_unpaid": ("缴纳费用",),
    "carried_forward": ("结转下年度",),
}
# Rows whose label is a bare word that also occurs elsewhere: matched only when the
# label, stripped of group labels and numbering, is exactly that word.
T3_BARE_ROWS: dict[str, str] = {"其他": "other_other", "总计": "processed_total"}
# Group labels printed (often rowspanned) to the left of the outcome rows.
T3_GROUP_WORDS = (
    "三、本年度办理结果",
    "本年度办理结果",
    "办理结果",
    "不予公开",
    "无法提供",
    "不予处理",
    "其他处理",
)
# 2019 trial format: 其他处理 was one row without the three items.
T3_LEGACY_ROWS = {"其他处理": "（六）其他处理"}

T3_COLUMN_PHRASES: dict[str, tuple[str, ...]] = {
    "natural_person": ("自然人",),
    "commercial": ("商业企业",),
    "research": ("科研机构",),
    "social_welfare": ("社会公益组织",),
    "legal_services": ("法律服务机构",),
    "other_org": ("其他",),
    "total": ("总计", "合计"),
}

T4_GROUP_PHRASES: dict[str, tuple[str, ...]] = {
    "litigation_direct": ("未经复议直接起诉", "直接起诉"),
    "litigation_after_reconsideration": ("复议后起诉",),
    "reconsideration": ("行政复议",),
}
T4_CELL_PHRASES: dict[str, tuple[str, ...]] = {
    "upheld": ("结果维持", "维持"),
    "corrected": ("结果纠正", "纠正"),
    "other": ("其他结果",),
    "pending": ("尚未审结", "未审结"),
    "total": ("总计", "合计"),
}

_ENUMERATOR = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\(?[一二三四五六七八九十]+\)|\(?\d{1,2}\)|\d{1,2}[.、])+"
)


def strip_enumerator(text: str) -> str:
    """``"(三)1.属于国家秘密"`` → ``"属于国家秘密"`` (on normalised text)."""
    return _ENUMERATOR.sub("", text)


@lru_cache(maxsize=256)
def fuzzy_pattern(phrase: str) -> re.Pattern[str]:
    """A regex matching ``phrase`` with one substitution, insertion or deletion."""
    alternatives = []
    for i in range(len(phrase)):
        head, tail = re.escape(phrase[:i]), re.escape(phrase[i + 1 :])
        alternatives.append(f"{head}.{tail}")  # substitution
        alternatives.append(f"{head}.{re.escape(phrase[i:])}")  # insertion
        if len(phrase) >= 5:
            alternatives.append(f"{head}{tail}")  # deletion
    return re.compile("|".join(alternatives))


def find_phrase(
    text: str, phrases: Iterable[str], *, fuzzy: bool = False
) -> tuple[int, int] | None:
    """Span of the first phrase found in ``text`` (exact; then, if ``fuzzy``, one edit
    away for phrases of four characters or more)."""
    for phrase in phrases:
        at = text.find(phrase)
        if at != -1:
            return at, at + len(phrase)
    if fuzzy:
        for phrase in phrases:
            if len(phrase) >= 4:
                m = fuzzy_pattern(phrase).search(text)
                if m:
                    return m.span()
    return None


def match_key(
    text: str, table: dict[str, tuple[str, ...]], *, fuzzy: bool = True
) -> str | None:
    """The single key whose phrase occurs in normalised ``text`` (the longest phrase
    wins when several keys match); ``None`` when none or a tie."""
    best: list[tuple[int, str]] = []
    for key, phrases in table.items():
        for phrase in phrases:
            if phrase in text:
                best.append((len(phrase), key))
                break
    if not best and fuzzy:
        for key, phrases in table.items():
            if find_phrase(text, phrases, fuzzy=True):
                best.append((0, key))
    if not best:
        return None
    best.sort(reverse=True)
    if len(best) > 1 and best[0][0] == best[1][0]:
        return None
    return best[0][1]


@lru_cache(maxsize=8192)
def t3_row_key(label: str) -> str | None:
    """Table 3 row key for a (normalised) row label, or ``None``."""
    key = match_key(label, T3_ROW_PHRASES)
    if key:
        return key
    bare = label
    for word in T3_GROUP_WORDS:
        bare = bare.replace(norm(word), "")
    bare = strip_enumerator(strip_enumerator(bare))
    bare = bare.strip("()")
    return T3_BARE_ROWS.get(bare)


def t3_legacy_row(label: str) -> str | None:
    """The 2019-format label of a table 3 row that has no 2021 counterpart."""
    bare = strip_enumerator(label)
    for word, shown in T3_LEGACY_ROWS.items():
        if bare == word:
            return shown
    return None


@lru_cache(maxsize=8192)
def t2_row_key(label: str) -> str | None:
    return match_key(label, T2_ROW_PHRASES)


_LEGACY = [(norm(label), label) for label in LEGACY_LABELS]
_CURRENT_CONTAINING = {
    norm(label): [norm(t) for t in ("本年处理决定数量",) if norm(label) in norm(t)]
    for label in LEGACY_LABELS
}


@lru_cache(maxsize=8192)
def legacy_labels_in(text: str) -> tuple[str, ...]:
    """The 2019 trial-format labels (``labels.LEGACY_LABELS``) found in normalised
    ``text``; a 2019 label contained in a 2021 label (处理决定数量 in 本年处理决定数量)
    counts only where the 2021 label is not what is printed."""
    found: list[str] = []
    for normed, label in _LEGACY:
        if normed not in text:
            continue
        current = _CURRENT_CONTAINING.get(normed, [])
        if any(c in text for c in current) and text.count(normed) <= sum(
            text.count(c) for c in current
        ):
            continue
        found.append(label)
    return tuple(found)
