"""A shared cache of the public pages anonymous visitors read.

A government portal is read far more than it changes, and its busiest pages (a
section's home, the first pages of a catalogue, its categories) are asked for again
and again. For a visitor without a session, a cacheable page is served from the
cache for at most ``PAGE_SECONDS``. Whatever can change a public page — an agency,
the catalogue and its pages and documents, a published report, the guide, the
search index, the calendar — bumps the cache's version when it is saved or deleted
(at once and again on commit), so a withdrawn item is gone from the next request.

What is never cached: anything but GET/HEAD; visitors with a session or pending
messages (staff, an applicant following a case); the application, tracking and
checker pages and the back office; responses that set a cookie, vary on cookies
(a form with a CSRF token) or say ``private``/``no-store``; anything but status 200.
The key holds the language, the path with its query string and today's date
(有效性 and open consultations depend on the date).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from gongkai.core.cache_version import CacheVersion

from . import snapshots

VERSION_KEY = "portal:pages-version"
PAGE_SECONDS = 60
# Apps whose records appear on public pages.
PUBLIC_APPS = frozenset(
    {
        "agencies",
        "publications",
        "annual_reports",
        "gongkai_search",
        "portal",
        "holidays",
        "wagtailcore",
        "wagtaildocs",
        "wagtailimages",
        "wagtailredirects",
        "taggit",
    }
)
NEVER = ("/admin/", "/documents/", "/track/", "/apply/", "/checker/", "/static/")
NEVER_PARTS = ("/apply/",)


PAGES_VERSION = CacheVersion(VERSION_KEY)


def public_pages_changed(**kwargs: Any) -> None:
    """Drop every cached page: now, and when the current transaction commits (a
    request between the two may have cached what was there before)."""
    sender = kwargs.get("sender")
    meta = getattr(sender, "_meta", None)
    if meta is not None and meta.app_label not in PUBLIC_APPS:
        return
    PAGES_VERSION.bump_now_and_on_commit(using=kwargs.get("using"))


def connect() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(
            public_pages_changed, dispatch_uid=f"portal.page_cache.{signal!r}"
        )


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    path = request.path
    return not path.startswith(NEVER) and not any(p in path for p in NEVER_PARTS)


def _cacheable_response(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",")}
    control = response.get("Cache-Control", "").lower()
    return (
        "cookie" not in vary and "private" not in control and "no-store" not in control
    )


def _key(request: HttpRequest) -> str:
    language = getattr(request, "LANGUAGE_CODE", "")
    raw = f"{request.get_host()}|{language}|{request.get_full_path()}"
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    today = timezone.localdate().isoformat()
    return f"portal:page:{PAGES_VERSION.current()}:{today}:{digest}"


class PublicPageCacheMiddleware:
    """Serve and store anonymous visitors' public pages (see the module docstring);
    catalogue items are first looked up among the pages rendered on publication
    (``snapshots``). Sits after the locale middleware (the key holds the language)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request):
            return self.get_response(request)
        if snapshots.enabled():
            stored_page = snapshots.snapshot_response(request)
            if stored_page is not None:
                return stored_page
        if not settings.PORTAL_PAGE_CACHE:
            return self.get_response(request)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(response):
            headers = [
                (n, v) for n, v in response.items() if n.lower() != "content-length"
            ]
            cache.set(key, (response.content, headers), PAGE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
