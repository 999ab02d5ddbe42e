"""Chinese word segmentation for the search index and for queries.

Chinese text has no spaces between words, so neither SQLite's FTS5 tokenizer nor
PostgreSQL's ``simple`` text-search parser can find words inside it. Text is
therefore segmented with jieba before it reaches the database: the stored form is
the words separated by spaces, and both databases only split on those spaces.

``jieba.cut_for_search`` emits, for every word, the dictionary words of two and
three characters inside it as well as the word itself (中卫市司法局 → 中卫 中卫市 司法
司法局), so a two-character query such as 司法 or 许可 finds the longer words that
contain it.

No Django import here: this module is usable (and tested) on its own.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
import unicodedata
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Upper bound on the segmented text kept per entry. PostgreSQL refuses a tsvector
# above 1 MB; this keeps well below it and bounds the work per entry.
MAX_SEGMENTED_CHARS = 300_000
# Queries longer than this are cut: a search box is not a document.
MAX_QUERY_CHARS = 100
# At most this many words of a query take part in matching.
MAX_QUERY_WORDS = 12

# Function words dropped from queries (not from the index) when other words remain.
QUERY_STOP_WORDS = frozenset("的了和与及或在是之等对为并其")

_BRACKETS = str.maketrans(
    {
        "〔": "[",
        "〕": "]",
        "【": "[",
        "】": "]",
        "﹝": "[",
        "﹞": "]",
        "〖": "[",
        "〗": "]",
        "(": "[",
        ")": "]",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
    }
)

_lock = threading.Lock()
_tokenizer: Any = None


def jieba_cache_dir() -> Path:
    """Where jieba keeps its prefix-dictionary cache.

    ``GONGKAI_JIEBA_CACHE_DIR`` if set, otherwise a directory private to the current
    user under the system temp dir. jieba's default is a shared ``/tmp/jieba.cache``,
    which another user could own or replace; the cache is only a start-up speed-up,
    so losing it costs about a second.
    """
    configured = os.environ.get("GONGKAI_JIEBA_CACHE_DIR")
    if configured:
        return Path(configured)
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    return Path(tempfile.gettempdir()) / f"gongkai-jieba-{uid}"


def _tokenizer_get() -> Any:
    """jieba's tokenizer, initialised once per process, quietly."""
    global _tokenizer
    if _tokenizer is not None:
        return _tokenizer
    with _lock:
        if _tokenizer is None:
            _tokenizer = _tokenizer_build()
    return _tokenizer


def _tokenizer_build() -> Any:
    # jieba 0.42 imports pkg_resources and has regexes with invalid escapes; both
    # warn on recent Pythons and setuptools. Silence them here only.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba

    # jieba logs its start-up chatter at DEBUG through its own stderr handler; send
    # its records through the project's logging instead, and only real problems.
    jieba.default_logger.removeHandler(jieba.log_console)
    jieba.default_logger.setLevel(logging.WARNING)
    cache_dir = jieba_cache_dir()
    try:
        cache_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        cache_dir = Path(tempfile.mkdtemp(prefix="gongkai-jieba-"))
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(cache_dir)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tokenizer.initialize()
    return tokenizer


def normalise_text(text: str) -> str:
    """Fold full-width letters and digits to half-width (NFKC) and lower-case.

    NUL characters go: PostgreSQL cannot store or compare them.
    """
    return unicodedata.normalize("NFKC", (text or "").replace("\x00", "")).lower()


def normalise_number(value: str) -> str:
    """The comparison key of a 文号 or 索引号.

    People type 卫司发〔2023〕12号 as 卫司发[2023]12号, 卫司发【2023】12号,
    卫司发(2023)12号 or with stray spaces; all give the same key. Full-width
    characters become half-width, every kind of bracket becomes ``[ ]``, dashes
    become ``-``, white space goes, letters are lower-cased.
    """
    folded = normalise_text(value).translate(_BRACKETS)
    return "".join(folded.split())


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


def tokens_for_index(text: str) -> list[str]:
    """The words of ``text`` as indexed: every word and the short words inside it."""
    if not text:
        return []
    tokenizer = _tokenizer_get()
    return [
        token
        for token in (t.strip() for t in tokenizer.cut_for_search(normalise_text(text)))
        if token and _is_word(token)
    ]


def segment(parts: Iterable[str], *, limit: int = MAX_SEGMENTED_CHARS) -> str:
    """Space-joined index tokens of all ``parts``, cut at ``limit`` characters."""
    pieces: list[str] = []
    size = 0
    for part in parts:
        for token in tokens_for_index(part):
            size += len(token) + 1
            if size > limit:
                return " ".join(pieces)
            pieces.append(token)
    return " ".join(pieces)


# A query is a conjunction of words; each word matches either as itself or, when
# it is long, through all the two-character dictionary words inside it (so that
# 中华人民共和国 still finds 中华人民共和国政府, which jieba keeps as one word).
Alternative = tuple[str, ...]
Clause = tuple[Alternative, ...]


@dataclass(frozen=True)
class QueryPlan:
    """What a search box input means for the index.

    ``clauses``: every clause must match; a clause matches if any of its
    alternatives does; an alternative matches if all of its tokens occur.
    ``terms``: the tokens to highlight, longest first.
    ``number_key``: the input as a 文号/索引号 key (see ``normalise_number``).
    """

    clauses: tuple[Clause, ...]
    terms: tuple[str, ...]
    number_key: str

    @property
    def is_empty(self) -> bool:
        return not self.clauses and not self.number_key


def _clause_for(word: str, tokenizer: Any) -> Clause:
    inner = [t for t in tokenizer.cut_for_search(word) if _is_word(t) and t != word]
    two_char = tuple(dict.fromkeys(t for t in inner if len(t) == 2))
    if len(word) > 2 and two_char:
        return ((word,), two_char)
    return ((word,),)


def query_plan(q: str) -> QueryPlan:
    """Turn what a visitor typed into a ``QueryPlan``; never raises on odd input."""
    text = normalise_text((q or "").strip())[:MAX_QUERY_CHARS]
    number_key = normalise_number(text)
    if not text.strip():
        return QueryPlan(clauses=(), terms=(), number_key="")
    tokenizer = _tokenizer_get()
    words = list(
        dict.fromkeys(t.strip() for t in tokenizer.cut(text) if _is_word(t.strip()))
    )
    content = [w for w in words if w not in QUERY_STOP_WORDS]
    words = (content or words)[:MAX_QUERY_WORDS]
    clauses = tuple(_clause_for(word, tokenizer) for word in words)
    terms = {token for clause in clauses for alt in clause for token in alt}
    return QueryPlan(
        clauses=clauses,
        terms=tuple(sorted(terms, key=lambda t: (-len(t), t))),
        number_key=number_key,
    )
