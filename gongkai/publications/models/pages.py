"""The public catalogue as Wagtail pages (Art. 12 目录, Art. 20 categories).

Tree: a ``DisclosureRootPage`` (政府信息公开, slug ``gk``) under the site root, one
``DisclosureIndexPage`` per agency under it (``/gk/<slug>/``), and the agency's items
below. Items go live only through the agency's review workflow (Art. 17, 三审三校):
nobody, not even a superuser, gets a direct "publish" on them.
"""

from __future__ import annotations

import datetime
from functools import cached_property
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PagePermissionTester

from modelcluster.fields import ParentalKey, ParentalManyToManyField

from gongkai.publications.files import validate_attachment
from gongkai.publications.page_forms import DisclosureItemForm

from .choices import (
    Art20Category,
    Art21Category,
    InterpretationForm,
    ItemKind,
    Topic,
    Validity,
)


class ReviewedPagePermissionTester(PagePermissionTester):
    """Publishing and unpublishing happen only through the review workflow.

    The workflow's last approval publishes (``gongkai.publications.workflow``);
    withdrawal goes through the back office's withdrawal screen, which asks for a
    reason. Direct publish, unpublish and publish-on-create are refused to everyone.
    """

    def can_publish(self) -> bool:
        return False

    def can_unpublish(self) -> bool:
        return False

    def can_publish_subpage(self) -> bool:
        return False

    def can_unschedule(self) -> bool:
        return self.user.is_active and (
            self.user.is_superuser or "change" in self.permissions
        )

    def can_move_to(self, destination: Any) -> bool:
        # An item belongs to its agency's section; its catalogue entry (and 索引号)
        # stays with that agency.
        return destination.pk == self.page.get_parent().pk and super().can_move_to(
            destination
        )


class SectionPermissionTester(PagePermissionTester):
    """An agency's section: its children are never published on creation."""

    def can_publish_subpage(self) -> bool:
        return False


def route_to_child(
    page: Page,
    request: HttpRequest,
    path_components: list[str],
    usual: type[Page],
    *related: str,
) -> Any:
    """``Page.route`` with one query for a child of the ``usual`` type instead of two
    (the generic page row, then its specific row), with its ``related`` rows. Other
    children, and a missing slug (404), go through Wagtail's own routing."""
    if path_components:
        child = (
            usual.objects.child_of(page)
            .filter(slug=path_components[0])
            .select_related(*related)
            .first()
        )
        if child is not None and child.content_type_id == _content_type_id(usual):
            child._cached_parent_obj = page  # as Page.route: no query for the parent
            if isinstance(page, DisclosureIndexPage):
                child.__dict__["section"] = page  # the cached ``section`` property
            return child.route(request, path_components[1:])
    return Page.route(page, request, path_components)


def _content_type_id(model: type[Page]) -> int:
    from django.contrib.contenttypes.models import ContentType

    return int(ContentType.objects.get_for_model(model).pk)


class DisclosureRootPage(Page):
    """政府信息公开: the parent of every agency's section."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["publications.DisclosureIndexPage"]
    is_creatable = False
    template = "publications/disclosure_root_page.html"

    class Meta:
        verbose_name = _("disclosure portal")

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        return route_to_child(
            self, request, path_components, DisclosureIndexPage, "agency"
        )

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = (
            DisclosureIndexPage.objects.child_of(self)
            .live()
            .select_related("agency")
            .order_by("path")
        )
        return context


class DisclosureIndexPage(Page):
    """One agency's disclosure section (``/gk/<slug>/``) holding its catalogue."""

    agency = models.OneToOneField(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="disclosure_section",
        editable=False,
    )
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["publications.DisclosureRootPage"]
    subpage_types = [
        "publications.CatalogueItemPage",
        "publications.InterpretationPage",
        "publications.ConsultationPage",
    ]
    is_creatable = False
    template = "publications/disclosure_index_page.html"

    class Meta:
        verbose_name = _("agency disclosure section")

    def permissions_for_user(self, user: Any) -> PagePermissionTester:
        return SectionPermissionTester(user, self)

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        return route_to_child(self, request, path_components, CatalogueItemPage)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict:
        from gongkai.publications.selectors.catalogue import catalogue_entry_list

        context = super().get_context(request, *args, **kwargs)
        context["entries"] = catalogue_entry_list(agency=self.agency, live_only=True)[
            :50
        ]
        return context


class DisclosureItemPage(Page):
    """What every published item of an agency's catalogue carries (Art. 12, Art. 20)."""

    category = models.CharField(
        _("Art. 20 category"), max_length=30, choices=Art20Category.choices
    )
    art21_category = models.CharField(
        _("Art. 21 category"),
        max_length=30,
        choices=Art21Category.choices,
        blank=True,
        help_text=_("Only for cities with districts, counties and townships."),
    )
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices)
    summary = models.TextField(_("summary"), blank=True)
    withdrawal_reason = models.CharField(
        _("reason for scheduled withdrawal"),
        max_length=200,
        blank=True,
        help_text=_("Required when an expiry time is set."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    parent_page_types = ["publications.DisclosureIndexPage"]
    subpage_types: list[str] = []
    base_form_class = DisclosureItemForm

    metadata_panels = [
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("art21_category"),
                FieldPanel("topic"),
                FieldPanel("summary"),
            ],
            heading=_("Catalogue metadata"),
        )
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("withdrawal_reason")]

    class Meta:
        abstract = True

    def permissions_for_user(self, user: Any) -> PagePermissionTester:
        return ReviewedPagePermissionTester(user, self)

    @cached_property
    def section(self) -> DisclosureIndexPage:
        """The agency section this item sits in (its parent), in one query."""
        return DisclosureIndexPage.objects.select_related("agency").get(
            path=self.path[: -self.steplen]
        )

    @property
    def agency(self) -> Any:
        return self.section.agency

    @property
    def entry_kind(self) -> str:
        raise NotImplementedError

    @cached_property
    def catalogue_entry_or_none(self) -> Any:
        from .catalogue import CatalogueEntry

        return CatalogueEntry.objects.filter(page_id=self.pk).first()


class CatalogueItemPage(DisclosureItemPage):
    """A document (文件) or information item (信息) of the catalogue."""

    kind = models.CharField(
        _("kind"),
        max_length=30,
        choices=[
            (ItemKind.DOCUMENT.value, ItemKind.DOCUMENT.label),
            (ItemKind.INFORMATION.value, ItemKind.INFORMATION.label),
            (
                ItemKind.RECONSIDERATION_DECISION.value,
                ItemKind.RECONSIDERATION_DECISION.label,
            ),
        ],
        default=ItemKind.INFORMATION,
    )
    document = models.ForeignKey(
        "publications.OfficialDocument",
        verbose_name=_("official document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The register entry this item publishes, if any."),
    )
    doc_number = models.CharField(_("document number"), max_length=60, blank=True)
    written_on = models.DateField(_("date of writing"), null=True, blank=True)
    validity = models.CharField(
        _("validity"),
        max_length=10,
        choices=Validity.choices,
        blank=True,
        help_text=_(
            "Computed from the register for regulations and normative documents."
        ),
    )
    body = RichTextField(_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("document"),
        MultiFieldPanel(
            [
                FieldPanel("doc_number"),
                FieldPanel("written_on"),
                FieldPanel("validity"),
            ],
            heading=_("Document metadata"),
        ),
        *DisclosureItemPage.metadata_panels,
        FieldPanel("body"),
        InlinePanel("attachments", label=_("attachments")),
    ]
    template = "publications/catalogue_item_page.html"

    class Meta:
        verbose_name = _("catalogue item")

    @property
    def entry_kind(self) -> str:
        return self.kind

    @property
    def display_doc_number(self) -> str:
        if self.document_id and self.document:
            return self.document.document_number or self.doc_number
        return self.doc_number

    @property
    def display_written_on(self) -> datetime.date | None:
        if self.document_id and self.document:
            return self.document.written_on
        return self.written_on

    @cached_property
    def live_interpretations(self) -> list[InterpretationPage]:
        """The live policy interpretations explaining this item."""
        return list(self.interpretations.live().order_by("path"))

    @property
    def display_validity(self) -> str:
        """有效性: for regulations and normative documents, computed from the register."""
        from gongkai.publications.selectors.documents import document_validity

        if self.document_id and self.document and self.document.is_rule:
            return str(
                Validity(
                    document_validity(document=self.document, on=timezone.localdate())
                ).label
            )
        return str(Validity(self.validity).label) if self.validity else ""


class Attachment(Orderable):
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to="publications/attachments/%Y/%m/",
        validators=[validate_attachment],
        help_text=_("PDF, DOCX or OFD."),
    )

    panels = [FieldPanel("title"), FieldPanel("file")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self) -> str:
        return self.title


class CatalogueAttachment(Attachment):
    page = ParentalKey(
        CatalogueItemPage, on_delete=models.CASCADE, related_name="attachments"
    )

    class Meta(Attachment.Meta):
        verbose_name = _("attachment")


class InterpretationPage(DisclosureItemPage):
    """A policy interpretation (政策解读) in text, graphics or video, linked to the
    documents it explains; both pages show the link."""

    form = models.CharField(
        _("form"),
        max_length=10,
        choices=InterpretationForm.choices,
        default=InterpretationForm.TEXT,
    )
    body = RichTextField(_("body"), blank=True)
    video_url = models.URLField(_("video address"), blank=True)
    explains = ParentalManyToManyField(
        "publications.CatalogueItemPage",
        verbose_name=_("documents explained"),
        blank=True,
        related_name="interpretations",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("form"),
        FieldPanel("explains"),
        *DisclosureItemPage.metadata_panels,
        FieldPanel("body"),
        FieldPanel("video_url"),
    ]
    template = "publications/interpretation_page.html"

    class Meta:
        verbose_name = _("policy interpretation")

    @property
    def entry_kind(self) -> str:
        return ItemKind.INTERPRETATION
