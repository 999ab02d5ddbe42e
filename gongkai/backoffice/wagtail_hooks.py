from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import agency_ids_for_user

from . import urls


@hooks.register("register_admin_urls")
def register_backoffice_urls():  # type: ignore[no-untyped-def]
    return [
        path(
            "gongkai/",
            include((urls.urlpatterns, "backoffice"), namespace="backoffice"),
        )
    ]


class PermMenuItem(MenuItem):
    def __init__(self, *args, perm: Perm, **kwargs):  # type: ignore[no-untyped-def]
        self.perm = perm
        super().__init__(*args, **kwargs)

    def is_shown(self, request):  # type: ignore[no-untyped-def]
        return bool(agency_ids_for_user(user=request.user, perm=self.perm))


@hooks.register("register_admin_menu_item")
def register_agencies_menu_item():  # type: ignore[no-untyped-def]
    return PermMenuItem(
        _("Agencies"),
        reverse("backoffice:agency_list"),
        name="gongkai-agencies",
        icon_name="group",
        order=900,
        perm=Perm.VIEW,
    )


@hooks.register("register_admin_menu_item")
def register_audit_menu_item():  # type: ignore[no-untyped-def]
    return PermMenuItem(
        _("Audit trail"),
        reverse("backoffice:audit_list"),
        name="gongkai-audit",
        icon_name="history",
        order=910,
        perm=Perm.AUDIT,
    )


# ---------------------------------------------------------------- report checker
@hooks.register("register_admin_urls")
def register_checker_urls():  # type: ignore[no-untyped-def]
    from . import checker_views

    return [
        path(
            "gongkai/checker/",
            include(
                (checker_views.urlpatterns, "backoffice_checker"),
                namespace="backoffice_checker",
            ),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_checker_menu_item():  # type: ignore[no-untyped-def]
    return MenuItem(
        _("Report checker"),
        reverse("backoffice_checker:check"),
        name="gongkai-report-checker",
        icon_name="doc-full",
        order=920,
    )
