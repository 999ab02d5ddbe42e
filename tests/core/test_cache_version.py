"""The cache version behind the search-results and public-page caches."""

from django.core.cache import cache

from gongkai.core.cache_version import CacheVersion


def test_bump_changes_the_version_and_eviction_never_repeats_one():
    version = CacheVersion("tests:version")
    first = version.current()
    assert version.current() == first
    version.bump()
    second = version.current()
    assert second == first + 1
    cache.delete("tests:version")  # evicted, or the cache was flushed
    assert version.current() not in {first, second}
    cache.delete("tests:version")
    version.bump()  # bumping an evicted version starts afresh too
    assert version.current() not in {first, second}
