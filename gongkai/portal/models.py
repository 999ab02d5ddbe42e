"""What the portal itself stores: the editable parts of an agency's disclosure guide.

The guide (政府信息公开指南, Art. 12) is generated from the agency's contact block;
an agency administrator may replace any section's generated text with its own.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The guide's sections an agency may rewrite, in the order they are printed.
GUIDE_SECTIONS = ("intro", "proactive", "on_application", "fees", "remedies", "extra")


class GuideText(models.Model):
    """An agency's own wording for sections of its disclosure guide (Art. 12).

    A blank section is generated from the agency's settings; the contact block
    (office, address, postcode, phone, fax, e-mail, hours) is always the agency's own.
    """

    agency = models.OneToOneField(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="guide_text",
    )
    intro = models.TextField(_("introduction"), blank=True)
    proactive = models.TextField(_("proactive disclosure"), blank=True)
    on_application = models.TextField(_("disclosure on application"), blank=True)
    fees = models.TextField(_("fees"), blank=True)
    remedies = models.TextField(_("supervision and remedies"), blank=True)
    extra = models.TextField(_("other information"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("disclosure guide text")
        verbose_name_plural = _("disclosure guide texts")

    def __str__(self) -> str:
        return str(self.agency_id)


class PageSnapshot(models.Model):
    """A published catalogue item's page as an anonymous visitor receives it, rendered
    when it is published (see ``gongkai.portal.snapshots``)."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    path = models.CharField(_("path"), max_length=255)
    language = models.CharField(_("language"), max_length=15)
    html = models.TextField(_("HTML"))
    # What the page was rendered with (templates, translations, static files).
    epoch = models.CharField(_("rendering epoch"), max_length=16)
    # The first day on which the page would read differently (有效性 changes); null
    # when only an edit can change it.
    stale_on = models.DateField(_("stale on"), null=True, blank=True)
    # The policy interpretations listed on the page, as ",12,34," (a withdrawn
    # interpretation finds the pages that list it).
    interpretations = models.TextField(_("interpretations listed"), blank=True)
    rendered_at = models.DateTimeField(_("rendered at"))

    class Meta:
        verbose_name = _("page snapshot")
        verbose_name_plural = _("page snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["path", "language"], name="portal_snapshot_path_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.path} ({self.language})"
