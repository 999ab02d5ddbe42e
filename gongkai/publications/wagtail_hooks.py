"""Proactive disclosure in the back office: menu, URLs, the withdrawal button, and the
history label of a withdrawal."""

from typing import Any

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import LogFormatter

from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import agency_ids_for_user, user_has_agency_perm

from . import urls
from .models import DisclosureItemPage


@hooks.register("register_admin_urls")
def register_publication_urls():  # type: ignore[no-untyped-def]
    return [
        path(
            "gongkai/publications/",
            include((urls.urlpatterns, "publications"), namespace="publications"),
        )
    ]


class PermMenuItem(MenuItem):
    def __init__(self, *args: Any, perm: Perm, **kwargs: Any) -> None:
        self.perm = perm
        super().__init__(*args, **kwargs)

    def is_shown(self, request):  # type: ignore[no-untyped-def]
        return bool(agency_ids_for_user(user=request.user, perm=self.perm))


def _menu_items() -> list[MenuItem]:
    entries = [
        (_("Register of documents"), "publications:document_list", "doc-full", 10),
        (_("Yearly figures"), "publications:figures_list", "table", 20),
        (_("New-media accounts"), "publications:new_media_list", "mail", 30),
        (_("Public consultations"), "publications:consultation_list", "comment", 40),
        (_("Statistics"), "publications:stats", "list-ol", 50),
    ]
    items = [
        PermMenuItem(label, reverse(name), icon_name=icon, order=order, perm=Perm.VIEW)
        for label, name, icon, order in entries
    ]
    items.append(
        PermMenuItem(
            _("Settings"),
            reverse("publications:settings_index"),
            icon_name="cogs",
            order=60,
            perm=Perm.MANAGE,
        )
    )
    return items


class DisclosureSubmenu(SubmenuMenuItem):
    def is_shown(self, request):  # type: ignore[no-untyped-def]
        return bool(agency_ids_for_user(user=request.user, perm=Perm.VIEW))


@hooks.register("register_admin_menu_item")
def register_disclosure_menu():  # type: ignore[no-untyped-def]
    return DisclosureSubmenu(
        _("Proactive disclosure"),
        Menu(items=_menu_items()),
        name="gongkai-publications",
        icon_name="doc-full-inverse",
        order=300,
    )


def _withdraw_button(page: Any, user: Any, priority: int) -> Button | None:
    specific = page.specific_deferred if hasattr(page, "specific_deferred") else page
    if not isinstance(specific, DisclosureItemPage) or not page.live:
        return None
    if not user_has_agency_perm(user=user, agency=specific.agency, perm=Perm.APPROVE):
        return None
    return Button(
        _("Withdraw (with reason)"),
        reverse("publications:item_withdraw", args=[page.pk]),
        icon_name="cross",
        priority=priority,
    )


@hooks.register("register_page_listing_more_buttons")
def withdraw_listing_button(page, user, next_url=None):  # type: ignore[no-untyped-def]
    button = _withdraw_button(page, user, 40)
    if button is not None:
        yield button


@hooks.register("register_page_header_buttons")
def withdraw_header_button(page, user, view_name, next_url=None):  # type: ignore[no-untyped-def]
    button = _withdraw_button(page, user, 60)
    if button is not None:
        yield button


@hooks.register("register_log_actions")
def register_withdraw_log_action(actions):  # type: ignore[no-untyped-def]
    @actions.register_action("gongkai.withdraw")
    class WithdrawFormatter(LogFormatter):
        label = _("Withdraw with reason")

        def format_message(self, log_entry):  # type: ignore[no-untyped-def]
            return _("Withdrawn from the portal: %(reason)s") % {
                "reason": log_entry.data.get("reason", "")
            }
