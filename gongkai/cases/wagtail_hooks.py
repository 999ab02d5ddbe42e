from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import agency_ids_for_user

from . import urls


@hooks.register("register_admin_urls")
def register_case_urls():  # type: ignore[no-untyped-def]
    return [
        path(
            "gongkai/cases/",
            include((urls.urlpatterns, "cases"), namespace="cases"),
        )
    ]


class CaseMenuItem(MenuItem):
    def __init__(self, *args, perm: Perm, **kwargs):  # type: ignore[no-untyped-def]
        self.perm = perm
        super().__init__(*args, **kwargs)

    def is_shown(self, request):  # type: ignore[no-untyped-def]
        return bool(agency_ids_for_user(user=request.user, perm=self.perm))


def _items():  # type: ignore[no-untyped-def]
    return [
        CaseMenuItem(
            _("My cases"),
            reverse("cases:mine"),
            name="gongkai-cases-mine",
            icon_name="user",
            order=10,
            perm=Perm.HANDLE,
        ),
        CaseMenuItem(
            _("Application queue"),
            reverse("cases:queue"),
            name="gongkai-cases-queue",
            icon_name="list-ul",
            order=20,
            perm=Perm.VIEW,
        ),
        CaseMenuItem(
            _("Register an application"),
            reverse("cases:register"),
            name="gongkai-cases-register",
            icon_name="plus",
            order=30,
            perm=Perm.HANDLE,
        ),
        CaseMenuItem(
            _("Reconsideration and litigation"),
            reverse("cases:appeal_list"),
            name="gongkai-cases-appeals",
            icon_name="tasks",
            order=40,
            perm=Perm.VIEW,
        ),
    ]


class CaseSubmenu(SubmenuMenuItem):
    def is_shown(self, request):  # type: ignore[no-untyped-def]
        return bool(agency_ids_for_user(user=request.user, perm=Perm.VIEW))


@hooks.register("register_admin_menu_item")
def register_cases_menu():  # type: ignore[no-untyped-def]
    return CaseSubmenu(
        _("Applications"),
        Menu(items=_items()),
        name="gongkai-cases",
        icon_name="mail",
        order=300,
    )
