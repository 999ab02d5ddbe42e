"""The annual report workspace: one report per agency, year and version.

The tables of a draft are never stored: they are computed from the records every time
(Art. 50: the report states the year's disclosure work; the figures come from the
records of that work). What is stored is what people decide: the narrative's revisions,
the overridden cells with their reasons, the acknowledged warnings and, once approved,
the frozen snapshot that is published (``annual-report-spec.md`` §5 shape).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.report.model import SECTION_KEYS

PREAMBLE = "preamble"
TEXT_KEYS: tuple[str, ...] = (PREAMBLE, *SECTION_KEYS)


class ReportStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("annual report status", "Draft")
    APPROVED = "approved", pgettext_lazy("annual report status", "Approved")
    PUBLISHED = "published", pgettext_lazy("annual report status", "Published")
    SUPERSEDED = "superseded", pgettext_lazy("annual report status", "Superseded")


def report_file_path(instance: ReportFile, filename: str) -> str:
    report = instance.report
    return (
        f"annual_reports/{report.agency_id}/{report.year}/v{report.version}/{filename}"
    )


class AnnualReport(models.Model):
    """One version of an agency's annual report on one year (Art. 49–50).

    Version 1 is the original; a published report is changed only by a new version
    with a correction note, which supersedes it when published.
    """

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="annual_reports",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ReportStatus.choices,
        default=ReportStatus.DRAFT,
    )
    snapshot = models.JSONField(
        _("frozen report"),
        null=True,
        blank=True,
        help_text=_("The approved report in the JSON shape of the specification."),
    )
    findings = models.JSONField(_("findings when frozen"), default=list, blank=True)
    correction_note = models.TextField(_("correction note"), blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    filed_with = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("filed with"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="filed_annual_reports",
    )
    filed_at = models.DateTimeField(_("filed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["agency__name", "-year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "version"],
                name="unique_annual_report_version",
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="annual_report_version_gte_1"
            ),
        ]
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} v{self.version}"

    @property
    def is_editable(self) -> bool:
        return self.status == ReportStatus.DRAFT


class ReportSectionRevision(models.Model):
    """One saved text of the preamble or a section. Every save is kept; the latest wins."""

    report = models.ForeignKey(
        AnnualReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    section = models.CharField(
        _("section"), max_length=20, choices=[(k, k) for k in TEXT_KEYS]
    )
    text = models.TextField(_("text"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("section revision")
        verbose_name_plural = _("section revisions")
        ordering = ["report", "section", "-created_at", "-id"]
        indexes = [models.Index(fields=["report", "section", "-id"])]

    def __str__(self) -> str:
        return f"{self.report} {self.section} #{self.pk}"


class CellOverride(models.Model):
    """A cell whose computed value is replaced, with the reason (e.g. the agency adopted
    the system mid-year, or its licensing figures are kept elsewhere)."""

    report = models.ForeignKey(
        AnnualReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="overrides",
    )
    path = models.CharField(_("cell"), max_length=80)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    computed_value = models.DecimalField(
        _("computed value when overridden"),
        max_digits=16,
        decimal_places=4,
        null=True,
        blank=True,
    )
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now=True)

    class Meta:
        verbose_name = _("cell override")
        verbose_name_plural = _("cell overrides")
        ordering = ["report", "path"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "path"], name="unique_override_per_cell"
            ),
            models.CheckConstraint(
                condition=~models.Q(reason=""), name="override_reason_required"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.path} = {self.value}"


class WarningAcknowledgement(models.Model):
    """A warning finding the office has seen and explained (warnings never block, but
    must be acknowledged with a note before approval)."""

    report = models.ForeignKey(
        AnnualReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="acknowledgements",
    )
    rule = models.CharField(_("rule"), max_length=40)
    where = models.CharField(_("where"), max_length=500)
    note = models.TextField(_("note"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now=True)

    class Meta:
        verbose_name = _("warning acknowledgement")
        verbose_name_plural = _("warning acknowledgements")
        ordering = ["report", "rule", "where"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "rule", "where"], name="unique_acknowledgement"
            ),
            models.CheckConstraint(
                condition=~models.Q(note=""), name="acknowledgement_note_required"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.rule} {self.where}"


class ReportFile(models.Model):
    """A rendered download of a published version (DOCX, PDF, standalone HTML)."""

    report = models.ForeignKey(
        AnnualReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="files",
    )
    fmt = models.CharField(_("format"), max_length=10)
    file = models.FileField(_("file"), upload_to=report_file_path, max_length=300)
    size = models.PositiveIntegerField(_("size"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "fmt"], name="unique_report_file_format"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.fmt}"


class ImportedReport(models.Model):
    """A report published outside this system and read by the checker (or typed in as
    JSON): the "previous year" of the cross-year rules when that year was not built
    here, and a department's figures in an aggregation when it does not use the system."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="imported_reports",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    source_name = models.CharField(_("source file"), max_length=255)
    data = models.JSONField(_("report"))
    findings = models.JSONField(_("findings when imported"), default=list, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("imported report")
        verbose_name_plural = _("imported reports")
        ordering = ["agency__name", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"], name="unique_imported_report"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} ({self.source_name})"


class AggregationScope(models.Model):
    """Which agencies a people's government's report sums (by default: the government
    itself and all its departments)."""

    government = models.OneToOneField(
        "agencies.Agency",
        verbose_name=_("government"),
        on_delete=models.CASCADE,
        related_name="aggregation_scope",
    )
    included = models.ManyToManyField(
        "agencies.Agency",
        verbose_name=_("included agencies"),
        related_name="+",
        blank=True,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("aggregation scope")
        verbose_name_plural = _("aggregation scopes")

    def __str__(self) -> str:
        return str(self.government)
