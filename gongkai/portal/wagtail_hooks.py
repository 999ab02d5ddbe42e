from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from gongkai.agencies.permissions import Perm
from gongkai.backoffice.wagtail_hooks import PermMenuItem

from . import admin_urls


@hooks.register("register_admin_urls")
def register_portal_admin_urls():  # type: ignore[no-untyped-def]
    return [
        path(
            "gongkai/portal/",
            include((admin_urls.urlpatterns, "portal_admin"), namespace="portal_admin"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_guide_menu_item():  # type: ignore[no-untyped-def]
    return PermMenuItem(
        _("Disclosure guide"),
        reverse("portal_admin:guide_list"),
        name="gongkai-guide",
        icon_name="doc-full",
        order=905,
        perm=Perm.MANAGE,
    )
