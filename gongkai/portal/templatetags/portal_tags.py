"""Template helpers of the portal."""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def quick_select(field: BoundField) -> SafeString:
    """A ``<select>`` for a choice field, rendered in Python.

    The same markup as Django's widget (name, id, options, the selected one), without
    a template render per option: the catalogue's filters have some sixty options.
    """
    value = field.value()
    current = "" if value is None else str(value)
    choices = getattr(field.field.widget, "choices", None) or getattr(
        field.field, "choices", []
    )
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (key, " selected" if str(key) == current else "", label)
            for key, label in choices
        ),
    )
    return format_html(
        '<select name="{}" id="{}">{}</select>', field.html_name, field.auto_id, options
    )
