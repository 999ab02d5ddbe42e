"""Agencies (机关) as a tree, and the staff who work for them with a role each."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    GOVERNMENT = "government", _("People's government")
    DEPARTMENT = "department", _("Department")
    SUBUNIT = "subunit", _("Sub-unit")


class AgencyLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    MUNICIPAL = "municipal", _("Municipal")
    COUNTY = "county", _("County")
    TOWNSHIP = "township", _("Township or street")


credit_code_validator = RegexValidator(
    r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$",
    _(
        "A unified social credit code has 18 characters (digits and capital letters except I, O, Z, S, V)."
    ),
)


class Agency(models.Model):
    """One agency: a people's government, a department, or a sub-unit.

    The parent link makes the tree (government → departments → sub-units; a
    township or street government sits under its county). The disclosure office's
    contact block is printed by the guide (Art. 12) and by every annual report.
    """

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[credit_code_validator],
    )
    org_code = models.CharField(
        _("organisation code"),
        max_length=20,
        blank=True,
        help_text=_("Used in the index number (索引号), e.g. 000014349."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)
    level = models.CharField(
        _("administrative level"), max_length=20, choices=AgencyLevel.choices
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    office_name = models.CharField(_("disclosure office"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postcode"),
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^\d{6}$", _("A postcode has 6 digits."))],
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)

    index_number_template = models.CharField(
        _("index number template"),
        max_length=100,
        default="{org_code}/{year}-{serial:05d}",
        help_text=_(
            "Placeholders: {org_code}, {year}, {serial}. Example result: 000014349/2018-00222."
        ),
    )
    report_deadline_month = models.PositiveSmallIntegerField(
        _("annual report deadline (month)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_(
            "Leave blank for the statutory default (Art. 49): 31 January for departments, 31 March for governments."
        ),
    )
    report_deadline_day = models.PositiveSmallIntegerField(
        _("annual report deadline (day)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]
        permissions = [("manage_all_agencies", _("Can manage every agency"))]

    def __str__(self) -> str:
        return self.name

    @property
    def display_short_name(self) -> str:
        return self.short_name or self.name

    def statutory_report_deadline(self, report_year: int) -> datetime.date:
        """The day by which the report on ``report_year`` must be published.

        Art. 49: departments of governments at county level and above by 31 January,
        people's governments by 31 March of the following year; local practice may set
        an earlier date, stored on the agency.
        """
        year = report_year + 1
        if self.report_deadline_month and self.report_deadline_day:
            return datetime.date(
                year, self.report_deadline_month, self.report_deadline_day
            )
        if self.kind == AgencyKind.GOVERNMENT:
            return datetime.date(year, 3, 31)
        return datetime.date(year, 1, 31)


class Role(models.TextChoices):
    """Roles a staff member holds in one agency."""

    CLERK = "clerk", _("Clerk (经办人)")
    REVIEWER = "reviewer", _("Reviewer (审核人)")
    HEAD = "head", _("Head of the disclosure office (负责人)")
    ADMIN = "admin", _("Agency administrator (管理员)")
    SUPERVISOR = "supervisor", _("Supervisor (监督人)")


class Membership(models.Model):
    """A staff member's role in one agency. A person may hold several roles."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"], name="unique_membership_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.agency} ({self.get_role_display()})"
