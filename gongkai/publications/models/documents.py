"""The register of official documents (公文) and their disclosure attribute."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import DisclosureAttribute, DocumentType, TrialKind


class OfficialDocument(models.Model):
    """One official document the agency issues, published or not.

    国办发〔2016〕80号: every document carries a disclosure attribute decided when it is
    drafted; anything but 主动公开 needs a stated legal reason, and the attribute is
    reviewed (属性审核人). Normative documents (行政规范性文件) and regulations (规章)
    also carry their validity: these dates feed table 2 (issued / repealed / in force).
    Whether a document is in force, lapsed or overdue for publication is computed from
    the dates (``selectors``), never stored.
    """

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("issuing agency"),
        on_delete=models.PROTECT,
        related_name="official_documents",
    )
    co_issuers = models.ManyToManyField(
        "agencies.Agency",
        verbose_name=_("co-issuing agencies"),
        blank=True,
        related_name="co_issued_documents",
    )
    title = models.CharField(_("title"), max_length=300)
    organ_code = models.CharField(
        _("issuing organ code"),
        max_length=30,
        blank=True,
        help_text=_("The organ code of the document number, e.g. 卫司发."),
    )
    doc_year = models.PositiveSmallIntegerField(_("number year"), null=True, blank=True)
    doc_serial = models.PositiveIntegerField(_("serial number"), null=True, blank=True)
    written_on = models.DateField(_("date of writing"))
    doc_type = models.CharField(
        _("document type"),
        max_length=20,
        choices=DocumentType.choices,
        default=DocumentType.OTHER,
    )
    signer = models.CharField(_("signer"), max_length=50, blank=True)

    attribute = models.CharField(
        _("disclosure attribute"), max_length=20, choices=DisclosureAttribute.choices
    )
    attribute_reason = models.TextField(
        _("legal reason for the attribute"),
        blank=True,
        help_text=_("Required unless the document is to be disclosed proactively."),
    )
    attribute_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attribute reviewer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    attribute_decided_at = models.DateTimeField(
        _("attribute decided at"), null=True, blank=True
    )
    attribute_review_note = models.TextField(_("review note"), blank=True)

    # Validity of regulations and normative documents.
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("The last day the document is in force."),
    )
    trial = models.CharField(
        _("trial or interim"),
        max_length=10,
        choices=TrialKind.choices,
        default=TrialKind.NONE,
        blank=True,
    )
    amends = models.ForeignKey(
        "self",
        verbose_name=_("amends"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
    )
    repealed_on = models.DateField(_("repealed on"), null=True, blank=True)
    repeal_reason = models.TextField(_("reason for repeal"), blank=True)
    repealed_by = models.ForeignKey(
        "self",
        verbose_name=_("repealed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repeals",
    )
    lapse_recorded_on = models.DateField(
        _("lapse recorded on"),
        null=True,
        blank=True,
        help_text=_("The day the daily job recorded that the validity period ended."),
    )

    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("official document")
        verbose_name_plural = _("official documents")
        ordering = ["-written_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "organ_code", "doc_year", "doc_serial"],
                condition=~Q(organ_code=""),
                name="publications_unique_document_number",
            ),
            models.CheckConstraint(
                condition=Q(attribute="proactive") | ~Q(attribute_reason=""),
                name="publications_attribute_reason_required",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "doc_type"], name="pub_doc_agency_type"),
            models.Index(fields=["agency", "attribute"], name="pub_doc_agency_attr"),
        ]

    def __str__(self) -> str:
        number = self.document_number
        return f"{self.title}（{number}）" if number else self.title

    @property
    def document_number(self) -> str:
        """文号 in the usual form 卫司发〔2023〕5号."""
        if not self.organ_code:
            return ""
        return f"{self.organ_code}〔{self.doc_year}〕{self.doc_serial}号"

    @property
    def is_rule(self) -> bool:
        """A regulation or normative document: has validity and counts in table 2."""
        return self.doc_type in (DocumentType.REGULATION, DocumentType.NORMATIVE)

    @property
    def starts_on(self) -> datetime.date:
        return self.effective_from or self.written_on

    @property
    def ceases_on(self) -> datetime.date | None:
        """The first day the document is no longer in force (repeal or expiry)."""
        candidates = [d for d in (self.repealed_on,) if d]
        if self.valid_until:
            candidates.append(self.valid_until + datetime.timedelta(days=1))
        return min(candidates) if candidates else None


class ExpiryReminder(models.Model):
    """A re-evaluation reminder sent before a normative document expires (local practice:
    6 months before, configurable per agency)."""

    document = models.ForeignKey(
        OfficialDocument,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="expiry_reminders",
    )
    valid_until = models.DateField(_("valid until"))
    sent_on = models.DateField(_("sent on"))
    recipients = models.TextField(_("recipients"), blank=True)

    class Meta:
        verbose_name = _("expiry reminder")
        verbose_name_plural = _("expiry reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "valid_until"],
                name="publications_one_reminder_per_expiry",
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} → {self.valid_until}"
