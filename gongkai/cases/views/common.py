from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import agency_ids_for_user


def page(
    request: HttpRequest, template: str, title: Any, **context: Any
) -> HttpResponse:
    context.update(page_title=title, header_title=title)
    return render(
        request, f"cases/{template}", context, status=context.pop("status", 200)
    )


def assigning_agency_ids(user: Any) -> frozenset[int]:
    """Agencies in which ``user`` may assign cases (HANDLE or APPROVE)."""
    return agency_ids_for_user(user=user, perm=Perm.HANDLE) | agency_ids_for_user(
        user=user, perm=Perm.APPROVE
    )
