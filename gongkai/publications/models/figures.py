"""Yearly figures held outside this system, and new-media accounts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import FigureItem, Platform


class YearlyFigure(models.Model):
    """One table-2 figure not computed here (Art. 20 (5), (6), (8)).

    Licensing, penalty and enforcement decisions are counts; fees are in 10,000 yuan.
    A figure never entered is absent, which the report shows blank, not as 0.
    """

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="yearly_figures",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    item = models.CharField(_("figure"), max_length=20, choices=FigureItem.choices)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    source = models.CharField(_("source"), max_length=200)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("yearly figure")
        verbose_name_plural = _("yearly figures")
        ordering = ["agency", "-year", "item"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "item"], name="publications_one_figure"
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=0),
                name="publications_figure_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.get_item_display()}: {self.value}"


class NewMediaAccount(models.Model):
    """A government new-media account (政务新媒体) run by or for the agency."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="new_media_accounts",
    )
    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    name = models.CharField(_("account name"), max_length=100)
    operator = models.CharField(_("operator"), max_length=100)
    is_active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("new-media account")
        verbose_name_plural = _("new-media accounts")
        ordering = ["agency", "platform", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "platform", "name"],
                name="publications_unique_account",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()}“{self.name}”"


class NewMediaYearFigures(models.Model):
    """How much an account published in one year (期 issues, 篇 articles)."""

    account = models.ForeignKey(
        NewMediaAccount,
        verbose_name=_("new-media account"),
        on_delete=models.CASCADE,
        related_name="year_figures",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    issues = models.PositiveIntegerField(_("issues"))
    articles = models.PositiveIntegerField(_("articles"))
    source = models.CharField(_("source"), max_length=200)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)

    class Meta:
        verbose_name = _("new-media yearly figures")
        verbose_name_plural = _("new-media yearly figures")
        ordering = ["account", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "year"], name="publications_one_media_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.year}"
