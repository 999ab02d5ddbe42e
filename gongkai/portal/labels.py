"""Display labels for codes stored by other apps (categories, topics, kinds)."""

from __future__ import annotations


def category_label(value: str) -> str:
    """The Art. 20 category's name for its stored code; the code itself if unknown."""
    return value
