"""Small helpers shared by the back-office views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError


def run_service(form: forms.Form, call: Callable[[], Any]) -> Any:
    """Call a service; on ValidationError put its messages on the form and return None.

    Nothing is changed when the service refuses (it runs in a transaction).
    """
    try:
        return call()
    except ValidationError as exc:
        add_validation_errors(form, exc)
        return None


def add_validation_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's refusal next to the fields it names (or above the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
