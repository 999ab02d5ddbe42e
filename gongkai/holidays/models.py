"""The working-day calendar as an administrator maintains it.

A year becomes usable for deadline arithmetic only once its schedule is published:
the State Council announces each year's holidays late in the previous year
(条例 Art. 33 counts in working days), and the software refuses to compute into a
year it does not know rather than guess. ``CalendarDay`` stores only the days that
differ from the weekend rule (plus the weekend days inside a holiday span, which name
the span in the calendar view).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MIN_YEAR = 1990
MAX_YEAR = 2200


class CalendarYearStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class CalendarYear(models.Model):
    """One year's schedule. Only published years are known to the arithmetic."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)],
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CalendarYearStatus.choices,
        default=CalendarYearStatus.DRAFT,
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("The State Council notice, e.g. 国办发明电〔2024〕7号."),
    )
    notes = models.TextField(_("notes"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)

    @property
    def is_published(self) -> bool:
        return self.status == CalendarYearStatus.PUBLISHED


class CalendarDay(models.Model):
    """A day whose status is set by the schedule: a day off, or a make-up working
    day (调休上班) on a weekend."""

    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(_("working day"))
    name = models.CharField(_("name"), max_length=100, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name}".strip()


class CalendarVersion(models.Model):
    """A single row whose token changes with every change to the calendar.

    The cached calendar is keyed by this token, so a change made by any process
    invalidates every process's cache; a random token (not a counter) is never
    reused, even when the transaction that wrote it rolls back.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("calendar version")
        verbose_name_plural = _("calendar versions")

    def __str__(self) -> str:
        return self.token
