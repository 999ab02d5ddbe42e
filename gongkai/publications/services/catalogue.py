"""Writes to the catalogue: sections, index numbers, publication and withdrawal.

Pages are published by Wagtail (the review workflow, or the scheduler); the entry
recording each publication is written here, called from the ``page_published`` and
``page_unpublished`` receivers in ``gongkai.publications.signals``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.log_actions import log
from wagtail.models import Locale, Page, Site

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import user_has_agency_perm
from gongkai.audit.services import audit_record, audit_snapshot

from ..context import acting, current_actor, current_reason
from ..models import (
    CatalogueEntry,
    DisclosureIndexPage,
    DisclosureItemPage,
    DisclosureRootPage,
    IndexNumberCounter,
)

ROOT_SLUG = "gk"
ENTRY_FIELDS = ("title", "kind", "category", "art21_category", "topic", "document_id")


def index_number_allocate(*, agency: Agency, on: datetime.date) -> str:
    """The next 索引号 of ``agency`` from its template (Art. 12; no national standard).

    The agency's counter row is locked while the number is made, and only ever goes
    up: a number is never handed out twice, even if its item is later deleted. A
    number already in the catalogue (e.g. after the template was changed) is skipped.
    Must run inside a transaction.
    """
    template = agency.index_number_template
    year_key = on.year if "{year" in template else 0
    counter, _created = IndexNumberCounter.objects.get_or_create(
        agency=agency, year=year_key
    )
    counter = IndexNumberCounter.objects.select_for_update().get(pk=counter.pk)
    while True:
        counter.last_serial += 1
        try:
            number = template.format(
                org_code=agency.org_code, year=on.year, serial=counter.last_serial
            )
        except (KeyError, IndexError, ValueError) as exc:
            raise ValidationError(
                _("The agency's index number template is invalid: %(template)s")
                % {"template": template}
            ) from exc
        if not CatalogueEntry.objects.filter(
            agency=agency, index_number=number
        ).exists():
            break
    counter.save(update_fields=["last_serial"])
    return number


def _entry_facts(page: DisclosureItemPage) -> dict[str, Any]:
    return {
        "title": page.title[:255],
        "kind": page.entry_kind,
        "category": page.category,
        "art21_category": page.art21_category,
        "topic": page.topic,
        "document_id": getattr(page, "document_id", None),
    }


@transaction.atomic
def catalogue_entry_record_publication(*, page: DisclosureItemPage) -> CatalogueEntry:
    """Record that ``page`` went live: first publication allocates its 索引号 and
    fixes its 发布日期; a later publication refreshes the counted facts."""
    entry = CatalogueEntry.objects.select_for_update().filter(page_id=page.pk).first()
    facts = _entry_facts(page)
    if entry is None:
        published_on = timezone.localdate(page.first_published_at or timezone.now())
        agency = page.agency
        entry = CatalogueEntry.objects.create(
            agency=agency,
            page=page,
            index_number=index_number_allocate(agency=agency, on=published_on),
            published_on=published_on,
            is_demo=page.is_demo,
            **facts,
        )
        before = None
        action = "catalogue.publish"
    else:
        before = audit_snapshot(entry, (*ENTRY_FIELDS, "withdrawn_on"))
        for name, value in facts.items():
            setattr(entry, name, value)
        entry.withdrawn_on = None
        entry.withdrawal_reason = ""
        entry.save()
        action = "catalogue.republish"
    audit_record(
        actor=current_actor(),
        action=action,
        agency=entry.agency_id,
        target=entry,
        before=before,
        after=audit_snapshot(
            entry, ("index_number", "published_on", *ENTRY_FIELDS, "page_id")
        ),
    )
    return entry


@transaction.atomic
def catalogue_entry_record_withdrawal(
    *, page: DisclosureItemPage, reason: str = "", deleted: bool = False
) -> CatalogueEntry | None:
    """Record that a published item left the portal (unpublished, expired, deleted).

    The reason comes from the withdrawal screen, or for a scheduled expiry from the
    page's ``withdrawal_reason``.
    """
    entry = CatalogueEntry.objects.select_for_update().filter(page_id=page.pk).first()
    if entry is None or (entry.withdrawn_on and not deleted):
        return entry
    reason = reason or current_reason() or page.withdrawal_reason
    if deleted:
        reason = reason or _("The page was deleted.")
    before = audit_snapshot(entry, ("withdrawn_on", "withdrawal_reason"))
    entry.withdrawn_on = entry.withdrawn_on or timezone.localdate()
    entry.withdrawal_reason = reason
    entry.save(update_fields=["withdrawn_on", "withdrawal_reason"])
    audit_record(
        actor=current_actor(),
        action="catalogue.delete" if deleted else "catalogue.withdraw",
        agency=entry.agency_id,
        target=entry,
        before=before,
        after=audit_snapshot(entry, ("withdrawn_on", "withdrawal_reason")),
    )
    return entry


@transaction.atomic
def catalogue_item_withdraw(
    *, acting_user: Any, page: DisclosureItemPage, reason: str
) -> CatalogueEntry | None:
    """Take a published item off the portal, with the reason (撤回).

    Permission: Perm.APPROVE on the item's agency (负责人). The reason is shown in the
    page history, kept on the catalogue entry and in the audit trail.
    """
    if not user_has_agency_perm(
        user=acting_user, agency=page.agency, perm=Perm.APPROVE
    ):
        raise PermissionDenied(_("You may not withdraw this agency's publications."))
    if not reason.strip():
        raise ValidationError({"reason": _("State the reason for the withdrawal.")})
    if not page.live:
        raise ValidationError({"reason": _("This item is not published.")})
    with acting(acting_user, reason.strip()):
        UnpublishPageAction(page, user=acting_user, log_action=False).execute(
            skip_permission_checks=True
        )
        log(
            instance=page,
            action="gongkai.withdraw",
            user=acting_user,
            data={"reason": reason.strip()},
        )
    return CatalogueEntry.objects.filter(page_id=page.pk).first()


def _site_root() -> Page:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page
    # Wagtail's migrations create the default locale and the tree's root, but a database
    # emptied since (a flushed test database, a restored dump) may lack them.
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root")
    )
    home = root.get_children().first() or root.add_child(
        instance=Page(title="首页", slug="home")
    )
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True
    )
    return home


def _publish_structure(page: Page) -> None:
    # Section pages are structure, not reviewed content: published on creation.
    page.save_revision().publish(skip_permission_checks=True, log_action=False)


@transaction.atomic
def disclosure_root_ensure() -> DisclosureRootPage:
    """The 政府信息公开 page (``/gk/``) under the default site's root."""
    existing = DisclosureRootPage.objects.first()
    if existing is not None:
        return existing
    root = DisclosureRootPage(title="政府信息公开", slug=ROOT_SLUG)
    _site_root().add_child(instance=root)
    _publish_structure(root)
    return root


@transaction.atomic
def disclosure_section_ensure(
    *, acting_user: Any, agency: Agency, slug: str = ""
) -> DisclosureIndexPage:
    """The agency's section (``/gk/<slug>/``), created and published if missing.

    Permission: a system administrator or Perm.MANAGE on the agency. Also sets up the
    agency's review workflow and page permissions (``review_workflow_configure``).
    """
    from .workflow import review_workflow_configure

    if not (
        getattr(acting_user, "is_superuser", False)
        or user_has_agency_perm(user=acting_user, agency=agency, perm=Perm.MANAGE)
    ):
        raise PermissionDenied(_("You may not set up this agency's section."))
    section = DisclosureIndexPage.objects.filter(agency=agency).first()
    if section is None:
        slug = slugify(slug or agency.org_code or f"agency-{agency.pk}")
        root = disclosure_root_ensure()
        if not slug or root.get_children().filter(slug=slug).exists():
            raise ValidationError(
                {
                    "slug": _("Choose another address: “%(slug)s” is taken.")
                    % {"slug": slug}
                }
            )
        section = DisclosureIndexPage(title=agency.name, slug=slug, agency=agency)
        root.add_child(instance=section)
        _publish_structure(section)
        audit_record(
            actor=acting_user,
            action="catalogue.section_create",
            agency=agency,
            target=section,
            after={"url_path": section.url_path},
        )
    review_workflow_configure(acting_user=acting_user, agency=agency)
    return section
