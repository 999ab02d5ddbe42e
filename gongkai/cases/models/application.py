"""The application aggregate (依申请公开, Art. 27–45): the application, its items and
attachments, and the per-year tracking number sequence."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import (
    ApplicantType,
    Channel,
    Delivery,
    IdType,
    Outcome,
    RequestedForm,
    Status,
)


class TrackingSequence(models.Model):
    """The last tracking number serial handed out in a year (global, never reused)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    last = models.PositiveIntegerField(_("last serial"), default=0)

    class Meta:
        verbose_name = _("tracking number sequence")
        verbose_name_plural = _("tracking number sequences")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Application(models.Model):
    """One application for government information (Art. 29).

    ``status`` is the process state; ``outcome`` the statutory result (a table-3 row),
    set when the reply is drafted or the case is abandoned. ``answered_on`` is the
    day the reply went out (or the case was closed as abandoned): the date that
    decides in which year's table 3 the application is counted as processed.
    Deadlines and "overdue" are derived from the dated records, never stored.
    """

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    tracking_number = models.CharField(_("tracking number"), max_length=20, unique=True)
    query_code_hash = models.CharField(_("query code (hashed)"), max_length=128)
    submission_token = models.CharField(
        _("submission token"), max_length=64, unique=True, null=True, blank=True
    )

    applicant_type = models.CharField(
        _("applicant type"), max_length=20, choices=ApplicantType.choices
    )
    applicant_name = models.CharField(_("applicant name"), max_length=200)
    contact_person = models.CharField(
        _("contact person"),
        max_length=100,
        blank=True,
        help_text=_("For organisations: the person who handles the application."),
    )
    id_type = models.CharField(
        _("identity document type"), max_length=20, choices=IdType.choices
    )
    id_number = models.CharField(_("identity document number"), max_length=40)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    requested_form = models.CharField(
        _("requested form"), max_length=20, choices=RequestedForm.choices
    )
    delivery = models.CharField(
        _("delivery channel"), max_length=20, choices=Delivery.choices
    )

    channel = models.CharField(
        _("channel of receipt"), max_length=20, choices=Channel.choices
    )
    received_on = models.DateField(_("date of receipt"), db_index=True)
    receipt_note = models.CharField(
        _("how receipt was confirmed"), max_length=200, blank=True
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED
    )
    outcome = models.CharField(
        _("outcome"), max_length=40, choices=Outcome.choices, blank=True
    )
    governing_outcome = models.CharField(
        _("governing outcome chosen by the handler"),
        max_length=40,
        choices=Outcome.choices,
        blank=True,
    )
    outcome_override = models.CharField(
        _("outcome set by the head"), max_length=40, choices=Outcome.choices, blank=True
    )
    outcome_override_reason = models.TextField(_("reason for the override"), blank=True)
    legal_basis = models.TextField(_("legal basis of the reply"), blank=True)
    reply_summary = models.TextField(_("summary of the reply"), blank=True)
    reply_drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reply drafted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reply_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reply approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reply_approved_on = models.DateField(_("reply approved on"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)

    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned clerk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_applications",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    possible_duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("possible duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="possible_duplicates",
    )
    split_from = models.ForeignKey(
        "self",
        verbose_name=_("split from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="split_into",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["agency", "-received_on", "-id"]),
            # Covering for the open cases of an agency (status, then receipt): the
            # due and overdue filters read them without touching the closed ones.
            models.Index(fields=["agency", "status", "received_on"]),
            models.Index(fields=["agency", "answered_on"]),
            models.Index(fields=["assigned_to", "status"]),
            models.Index(fields=["agency", "id_number"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=["", *Outcome.values]),
                name="cases_outcome_is_a_table3_row",
            ),
            # Closing without an outcome is impossible (Art. 36: every reply has a type).
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | ~Q(outcome=""),
                name="cases_answered_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True)
                | Q(answered_on__gte=models.F("received_on")),
                name="cases_answered_after_receipt",
            ),
            models.CheckConstraint(
                condition=(Q(status=Status.CLOSED) & Q(answered_on__isnull=False))
                | (~Q(status=Status.CLOSED) & Q(answered_on__isnull=True)),
                name="cases_closed_iff_answered",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_number

    @property
    def received_year(self) -> int:
        """The year the application counts as ``new_received`` in (table 3)."""
        return self.received_on.year

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED


class ApplicationItem(models.Model):
    """One piece of information asked for (Art. 29(2)): a description or a document
    number. Each item gets its own outcome (Art. 36); the application's outcome is
    derived from them (see ``outcomes.application_outcome``)."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    description = models.TextField(_("description of the information"))
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    # Lookup keys for duplicate detection (see ``services.intake.normalise``).
    normalised = models.CharField(
        _("normalised description"), max_length=255, db_index=True, editable=False
    )
    document_key = models.CharField(
        _("normalised document number"),
        max_length=100,
        blank=True,
        db_index=True,
        editable=False,
    )
    outcome = models.CharField(
        _("outcome"), max_length=40, choices=Outcome.choices, blank=True
    )
    basis_note = models.TextField(_("legal basis note"), blank=True)
    refer_to = models.CharField(
        _("agency to refer to"),
        max_length=200,
        blank=True,
        help_text=_(
            "Art. 36(5): when the information is not held, name the agency that holds it if known."
        ),
    )

    class Meta:
        verbose_name = _("requested item")
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=["", *Outcome.values]),
                name="cases_item_outcome_is_a_table3_row",
            )
        ]
        verbose_name_plural = _("requested items")
        ordering = ["application", "position", "id"]

    def __str__(self) -> str:
        return self.document_number or self.description[:40]


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"cases/{instance.application_id}/{filename}"


class Attachment(models.Model):
    """A file belonging to a case (scanned letter, supplement, reply copy…)."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title
