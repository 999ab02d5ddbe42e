"""Dated steps of a case: the timeline (Art. 45) and the records that pause or move
its deadlines (Art. 30, 32–34, 109号). Deadlines are computed from these records."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import ConsultationKind, ConsultationResponse, EventKind, FeeMethod
from .application import Application


class CaseEvent(models.Model):
    """One step of a case: who did what, when (Art. 45). Written by the services in
    the same transaction as the change, never edited."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField(_("kind"), max_length=40, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("actor name"), max_length=150)
    at = models.DateTimeField(_("recorded at"), default=timezone.now, db_index=True)
    on = models.DateField(_("date of the step"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["application", "at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.kind} {self.actor_name}"


class Consultation(models.Model):
    """A consultation of a third party (Art. 32) or another agency (Art. 34).

    From ``sent_on`` to ``answered_on`` the reply period is paused; the consulted
    party has 15 working days of its own to answer (silence of an agency = consent).
    """

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="consultations",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ConsultationKind.choices)
    party = models.CharField(_("consulted party"), max_length=200)
    sent_on = models.DateField(_("sent on"))
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    response = models.CharField(
        _("response"), max_length=20, choices=ConsultationResponse.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["application", "sent_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.party}"


class Extension(models.Model):
    """The one extension of the reply period (Art. 33 §2): at most 20 working days,
    approved by the head of the disclosure office, with notice to the applicant."""

    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="extension",
    )
    days = models.PositiveSmallIntegerField(
        _("working days"), validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    reason = models.TextField(_("reason"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_on = models.DateField(_("approved on"))
    notified_on = models.DateField(_("applicant notified on"), null=True, blank=True)

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(days__gte=1) & models.Q(days__lte=20),
                name="cases_extension_at_most_20",
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id} +{self.days}"


class Supplementation(models.Model):
    """The one request to supplement an unclear application (Art. 30).

    Notified within 7 working days of receipt, with a reasonable period; the reply
    period restarts when the supplement arrives; no supplement in time = abandoned.
    """

    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="supplementation",
    )
    notified_on = models.DateField(_("notified on"))
    period_days = models.PositiveSmallIntegerField(
        _("period (working days)"), validators=[MinValueValidator(1)]
    )
    requested = models.TextField(_("what must be supplemented"))
    supplemented_on = models.DateField(
        _("supplement received on"), null=True, blank=True
    )
    abandoned_on = models.DateField(_("deemed abandoned on"), null=True, blank=True)

    class Meta:
        verbose_name = _("supplementation")
        verbose_name_plural = _("supplementations")

    def __str__(self) -> str:
        return f"{self.application_id} {self.notified_on}"


class FeeNotice(models.Model):
    """The information processing fee notice (国办函〔2020〕109号), one per application
    and one method only. The applicant pays within 20 working days of receiving it."""

    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="fee_notice",
    )
    method = models.CharField(_("method"), max_length=20, choices=FeeMethod.choices)
    nth_in_month = models.PositiveIntegerField(
        _("applicant's nth application this month"), null=True, blank=True
    )
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=12, decimal_places=2)
    explanation = models.TextField(_("explanation"), blank=True)
    issued_on = models.DateField(_("issued on"))
    received_on = models.DateField(_("received by the applicant on"))
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    unpaid_on = models.DateField(_("deemed abandoned on"), null=True, blank=True)

    class Meta:
        verbose_name = _("fee notice")
        verbose_name_plural = _("fee notices")

    def __str__(self) -> str:
        return f"{self.application_id} {self.amount}"
