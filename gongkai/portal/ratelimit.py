"""Fixed-window rate limits kept in Django's cache.

The cache is shared by every application server in production (Redis), so a limit
holds across processes; the test settings use local memory. Keys are hashed so no
IP address or identity number is stored in clear in the cache.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


@dataclass(frozen=True)
class Limit:
    """At most ``max_hits`` in each window of ``window_seconds``.

    ``setting`` names a Django setting that may override ``max_hits``.
    """

    name: str
    max_hits: int
    window_seconds: int
    setting: str = ""

    @property
    def allowed(self) -> int:
        return int(
            getattr(settings, self.setting, self.max_hits)
            if self.setting
            else self.max_hits
        )


# Online applications: per IP address and hour, per applicant (ID number) and day.
APPLY_PER_IP = Limit("apply-ip", 10, 3600, "PORTAL_APPLY_PER_IP_PER_HOUR")
APPLY_PER_APPLICANT = Limit("apply-id", 5, 86400, "PORTAL_APPLY_PER_APPLICANT_PER_DAY")
# Tracking look-ups that fail: per IP and per tracking number (guessing query codes).
TRACK_FAIL_PER_IP = Limit("track-ip", 20, 900, "PORTAL_TRACK_FAILURES_PER_IP")
TRACK_FAIL_PER_NUMBER = Limit("track-no", 10, 3600, "PORTAL_TRACK_FAILURES_PER_NUMBER")
# Consultation comments: per IP and hour.
COMMENT_PER_IP = Limit("comment-ip", 20, 3600, "PORTAL_COMMENTS_PER_IP_PER_HOUR")


def _key(limit: Limit, subject: str) -> str:
    digest = hashlib.sha256(f"{limit.name}:{subject}".encode()).hexdigest()[:32]
    window = int(time.time() // limit.window_seconds)
    return f"gk:rl:{limit.name}:{digest}:{window}"


def rate_count(limit: Limit, subject: str) -> int:
    """Hits recorded for ``subject`` in the current window."""
    return int(cache.get(_key(limit, subject), 0))


def rate_exceeded(limit: Limit, subject: str) -> bool:
    """Whether ``subject`` has used up its allowance in the current window."""
    return rate_count(limit, subject) >= limit.allowed


def rate_hit(limit: Limit, subject: str) -> int:
    """Record one hit for ``subject``; returns the count in the current window."""
    key = _key(limit, subject)
    cache.add(key, 0, timeout=limit.window_seconds)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=limit.window_seconds)
        return 1


def client_ip(request: HttpRequest) -> str:
    """The client's address.

    Behind a reverse proxy set ``PORTAL_TRUSTED_PROXIES`` to the number of proxies
    that append to ``X-Forwarded-For``; otherwise the header is ignored (a client
    could forge it to escape the limits).
    """
    proxies = int(getattr(settings, "PORTAL_TRUSTED_PROXIES", 0))
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))
