"""A short-lived cache of search results, invalidated whenever the index changes.

Visitors ask the same few things again and again (the popular words of the week,
a 文号 from a news story); a cached page of results costs one cache read instead
of a full-text query. The key carries the index's version: every write to the index
bumps it, at once and again when the transaction commits, so a result computed
before a change is never served after it. The time limit bounds the staleness of
per-process caches (without Redis each worker has its own).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

from gongkai.core.cache_version import CacheVersion

VERSION_KEY = "search:index-version"
RESULTS_SECONDS = 60

T = TypeVar("T")


INDEX_VERSION = CacheVersion(VERSION_KEY)


def search_index_version() -> int:
    """The current version of the index."""
    return INDEX_VERSION.current()


def search_index_changed(*, using: str) -> None:
    """Invalidate cached results now and when the current transaction commits."""
    INDEX_VERSION.bump_now_and_on_commit(using=using)


def search_results_cached(parts: tuple[object, ...], compute: Callable[[], T]) -> T:
    """``compute()``, or its cached value for ``parts`` at the current index version."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    key = f"search:results:{search_index_version()}:{digest}"
    found = cache.get(key)
    if found is not None:
        return found  # type: ignore[no-any-return]
    value = compute()
    cache.set(key, value, RESULTS_SECONDS)
    return value
