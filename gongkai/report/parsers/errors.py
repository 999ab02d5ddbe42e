"""Errors a reader raises when a file cannot be read at all."""

from __future__ import annotations

import time


class ReaderError(Exception):
    """The file cannot be read. ``str(exc)`` is a Chinese message for the user."""


class DeadlineExceeded(Exception):
    """A bounded search ran out of its time budget (internal; never reaches the user)."""


class Deadline:
    """A per-input time budget, checked by the loops that could run long."""

    def __init__(self, seconds: float) -> None:
        self.expires = time.monotonic() + seconds

    def expired(self) -> bool:
        return time.monotonic() > self.expires

    def check(self) -> None:
        if time.monotonic() > self.expires:
            raise DeadlineExceeded
