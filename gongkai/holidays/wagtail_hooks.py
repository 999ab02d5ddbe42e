from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import urls
from .views import can_view_calendar


@hooks.register("register_admin_urls")
def register_holiday_urls():  # type: ignore[no-untyped-def]
    return [
        path(
            "gongkai/holidays/",
            include((urls.urlpatterns, "holidays"), namespace="holidays"),
        )
    ]


class CalendarMenuItem(MenuItem):
    def is_shown(self, request):  # type: ignore[no-untyped-def]
        return can_view_calendar(request.user)


@hooks.register("register_admin_menu_item")
def register_calendar_menu_item():  # type: ignore[no-untyped-def]
    return CalendarMenuItem(
        _("Working-day calendar"),
        reverse("holidays:year_list"),
        name="gongkai-holidays",
        icon_name="date",
        order=920,
    )
