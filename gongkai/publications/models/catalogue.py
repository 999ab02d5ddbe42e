"""The catalogue register (政府信息公开目录, Art. 12) and its index numbers (索引号)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Art20Category, Art21Category, ItemKind, Topic


class IndexNumberCounter(models.Model):
    """The last serial allocated for an agency (and year, when the template has one).

    Locked with ``select_for_update`` while a number is allocated; it only ever goes
    up, so a number is never handed out twice (Art. 12 catalogue).
    """

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), help_text=_("0 when the agency's template has no {year}.")
    )
    last_serial = models.PositiveIntegerField(_("last serial"), default=0)

    class Meta:
        verbose_name = _("index number counter")
        verbose_name_plural = _("index number counters")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"], name="publications_one_counter_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last_serial}"


class CatalogueEntry(models.Model):
    """One item of an agency's catalogue, from its first publication on.

    The countable facts of a published catalogue page (kind, category, date of first
    publication) live here, so the annual report's statistics are aggregate queries on
    one narrow table. The entry outlives its page: a deleted page leaves its entry (and
    its 索引号, which is never reused) behind with ``page`` empty.
    """

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("publishing agency"),
        on_delete=models.PROTECT,
        related_name="catalogue_entries",
    )
    index_number = models.CharField(_("index number"), max_length=100)
    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="catalogue_entry",
    )
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=30, choices=ItemKind.choices)
    category = models.CharField(
        _("Art. 20 category"), max_length=30, choices=Art20Category.choices
    )
    art21_category = models.CharField(
        _("Art. 21 category"),
        max_length=30,
        choices=Art21Category.choices,
        blank=True,
    )
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices)
    document = models.ForeignKey(
        "publications.OfficialDocument",
        verbose_name=_("official document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="catalogue_entries",
    )
    published_on = models.DateField(_("first published on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("catalogue entry")
        verbose_name_plural = _("catalogue entries")
        ordering = ["-published_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "index_number"],
                name="publications_unique_index_number",
            )
        ]
        indexes = [
            # The annual statistics: one agency, one year, counted by kind and category.
            # Covering on PostgreSQL, so the count is an index-only scan.
            models.Index(
                fields=["agency", "published_on"],
                include=["kind", "category"],
                name="pub_entry_agency_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.index_number} {self.title}"


class DisclosureSettings(models.Model):
    """Local practice an agency administrator may change (statutory-rules: configurable)."""

    agency = models.OneToOneField(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="disclosure_settings",
    )
    normative_validity_years = models.PositiveSmallIntegerField(
        _("validity of normative documents (years)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    trial_validity_years = models.PositiveSmallIntegerField(
        _("validity of trial or interim documents (years)"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    expiry_reminder_months = models.PositiveSmallIntegerField(
        _("re-evaluation reminder before expiry (months)"),
        default=6,
        validators=[MaxValueValidator(24)],
    )
    consultation_days = models.PositiveSmallIntegerField(
        _("default consultation period (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    fee_payment_instructions = models.TextField(
        _("how to pay the information processing fee"),
        blank=True,
        max_length=500,
        help_text=_(
            "Printed in the fee notice (收费通知书): payee, bank and account, or the"
            " payment channel. Empty: a general sentence asking to pay through the"
            " agency's designated channel."
        ),
    )
    review_workflow = models.ForeignKey(
        "wagtailcore.Workflow",
        verbose_name=_("review workflow"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("disclosure settings")
        verbose_name_plural = _("disclosure settings")

    def __str__(self) -> str:
        return str(self.agency)


class ReviewStep(models.Model):
    """One step of an agency's pre-publication review (Art. 17; locally 三审三校).

    The agency's Wagtail workflow is built from these steps; each step's reviewers are
    the agency's staff holding ``role``.
    """

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="review_steps",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("step name"), max_length=40)
    role = models.CharField(_("reviewers' role"), max_length=20)

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        ordering = ["agency", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "position"], name="publications_step_position"
            ),
            models.UniqueConstraint(
                fields=["agency", "name"], name="publications_step_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency}·{self.name}"
