from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import agency_ids_for_user

from . import urls
from .supervision import supervised_agency_list


@hooks.register("register_admin_urls")
def register_annual_report_urls():  # type: ignore[no-untyped-def]
    return [
        path(
            "gongkai/reports/",
            include((urls.urlpatterns, "annual_reports"), namespace="annual_reports"),
        )
    ]


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):  # type: ignore[no-untyped-def]
        return bool(agency_ids_for_user(user=request.user, perm=Perm.VIEW))


class SupervisionMenuItem(MenuItem):
    def is_shown(self, request):  # type: ignore[no-untyped-def]
        return bool(supervised_agency_list(user=request.user))


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():  # type: ignore[no-untyped-def]
    return ReportsMenuItem(
        _("Annual reports"),
        reverse("annual_reports:index"),
        name="gongkai-annual-reports",
        icon_name="doc-full",
        order=500,
    )


@hooks.register("register_admin_menu_item")
def register_supervision_menu_item():  # type: ignore[no-untyped-def]
    return SupervisionMenuItem(
        _("Report supervision"),
        reverse("annual_reports:supervision"),
        name="gongkai-report-supervision",
        icon_name="view",
        order=510,
    )
