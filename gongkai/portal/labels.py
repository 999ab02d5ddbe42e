"""Display labels for codes stored by other apps (categories, topics, kinds)."""

from __future__ import annotations

from gongkai.publications.models import Art20Category


def category_label(value: str) -> str:
    """The Art. 20 category's name for its stored code; the code itself if unknown."""
    try:
        return str(Art20Category(value).label)
    except ValueError:
        return value
