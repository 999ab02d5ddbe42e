"""Who is publishing or withdrawing, carried from a service into Wagtail's signals.

Wagtail's ``page_published`` / ``page_unpublished`` signals do not say who acted or
why. The review workflow's final step and the withdrawal service set these values
around the Wagtail call; scheduled publishing (``publish_scheduled``) leaves them
unset and is recorded as the system.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any

SCHEDULER = "系统（定时发布）"

_actor: contextvars.ContextVar[Any] = contextvars.ContextVar(
    "gongkai_publication_actor", default=None
)
_reason: contextvars.ContextVar[str] = contextvars.ContextVar(
    "gongkai_withdrawal_reason", default=""
)


@contextlib.contextmanager
def acting(actor: Any, reason: str = "") -> Iterator[None]:
    actor_token = _actor.set(actor)
    reason_token = _reason.set(reason)
    try:
        yield
    finally:
        _actor.reset(actor_token)
        _reason.reset(reason_token)


def current_actor() -> Any:
    return _actor.get() or SCHEDULER


def current_reason() -> str:
    return _reason.get()
