"""Appeals about disclosure: administrative reconsideration and litigation (table 4)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import AppealKind, AppealResult
from .application import Application


class Appeal(models.Model):
    """A reconsideration or a lawsuit about the agency's handling of an application.

    ``result`` stays ``pending`` until ``decided_on`` is set; see
    ``selectors.reports.case_table4`` for how appeals are counted per year.
    """

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="appeals",
    )
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals",
    )
    kind = models.CharField(_("kind"), max_length=40, choices=AppealKind.choices)
    reference = models.CharField(_("case number"), max_length=100, blank=True)
    authority = models.CharField(
        _("reconsideration body or court"), max_length=200, blank=True
    )
    appellant = models.CharField(_("appellant"), max_length=200, blank=True)
    filed_on = models.DateField(_("filed on"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    result = models.CharField(
        _("result"),
        max_length=20,
        choices=AppealResult.choices,
        default=AppealResult.PENDING,
    )
    note = models.TextField(_("note"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-filed_on", "-id"]
        indexes = [models.Index(fields=["agency", "filed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(decided_on__isnull=True) & Q(result=AppealResult.PENDING))
                | (
                    Q(decided_on__isnull=False)
                    & ~Q(result=AppealResult.PENDING)
                    & Q(decided_on__gte=models.F("filed_on"))
                ),
                name="cases_appeal_decided_has_result",
            )
        ]

    def __str__(self) -> str:
        return self.reference or f"{self.get_kind_display()} {self.filed_on}"
