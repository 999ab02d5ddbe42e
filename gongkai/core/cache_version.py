"""A version number kept in the shared cache, for caches invalidated by bumping it.

Cached values carry the version in their key; bumping it makes every one of them
unreachable at once (they expire on their own). The first version after a cache
flush or eviction comes from the clock, so it never repeats one whose entries might
still be cached.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction


def _fresh() -> int:
    return time.time_ns() // 1000


@dataclass(frozen=True)
class CacheVersion:
    key: str

    def current(self) -> int:
        version = cache.get(self.key)
        if version is None:
            cache.add(self.key, _fresh(), None)
            version = cache.get(self.key, 0)
        return int(version)

    def bump(self) -> None:
        try:
            cache.incr(self.key)
        except ValueError:  # not set yet (or evicted): any fresh value invalidates
            cache.set(self.key, _fresh(), None)

    def bump_now_and_on_commit(self, *, using: str | None = None) -> None:
        """Bump now and again when the current transaction commits: a reader between
        the two may cache what was there before; the second bump drops it."""
        self.bump()
        transaction.on_commit(self.bump, using=using)
