"""Yearly figures held outside this system (table 2) and new-media accounts.

Licensing, penalty and enforcement decisions and administrative fees come from the
agency's own business systems; staff enter them here (or import a sheet), each with
its source and who entered it. A figure not entered stays blank in the report.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import user_has_agency_perm
from gongkai.audit.services import audit_record, audit_snapshot

from ..models import (
    FigureItem,
    NewMediaAccount,
    NewMediaYearFigures,
    Platform,
    YearlyFigure,
)

MIN_YEAR = 2008  # the first year of disclosure work under the 2007 regulations
MAX_YEAR = 2100
FEE_DECIMALS = 4


def _require_handle(user: Any, agency: Agency) -> None:
    if not user_has_agency_perm(user=user, agency=agency, perm=Perm.HANDLE):
        raise PermissionDenied(_("You may not enter figures for this agency."))


def year_problem(year: Any) -> str:
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        return _("The year must be between %(min)s and %(max)s.") % {
            "min": MIN_YEAR,
            "max": MAX_YEAR,
        }
    return ""


def parse_figure(item: str, raw: Any) -> Decimal:
    """The value of a figure, or ValueError with a Chinese message.

    Decisions are whole numbers; fees are 10,000 yuan with up to 4 decimals.
    """
    text = str(raw).strip().replace(",", "").replace("，", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": raw}) from None
    if not value.is_finite() or value < 0:
        raise ValueError(_("“%(value)s” must be zero or more.") % {"value": raw})
    if item == FigureItem.FEES:
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -FEE_DECIMALS:
            raise ValueError(
                _("“%(value)s” has more than 4 decimals (the unit is 10,000 yuan).")
                % {"value": raw}
            )
    elif value != value.to_integral_value():
        raise ValueError(
            _("“%(value)s” must be a whole number of decisions.") % {"value": raw}
        )
    return value


def _write_figure(
    *,
    acting_user: Any,
    agency: Agency,
    year: int,
    item: str,
    value: Decimal,
    source: str,
    is_demo: bool = False,
) -> YearlyFigure:
    existing = YearlyFigure.objects.filter(agency=agency, year=year, item=item).first()
    if existing is not None and (existing.value, existing.source) == (value, source):
        return existing  # nothing changes (e.g. the same form posted twice)
    before = audit_snapshot(existing, ("value", "source")) if existing else None
    figure, _created = YearlyFigure.objects.update_or_create(
        agency=agency,
        year=year,
        item=item,
        defaults={
            "value": value,
            "source": source,
            "entered_by": acting_user if getattr(acting_user, "pk", None) else None,
            "is_demo": is_demo,
        },
    )
    audit_record(
        actor=acting_user,
        action="figures.set",
        agency=agency,
        target=figure,
        before=before,
        after={"year": year, "item": item, "value": value, "source": source},
    )
    return figure


@transaction.atomic
def yearly_figure_set(
    *,
    acting_user: Any,
    agency: Agency,
    year: int,
    item: str,
    value: Any,
    source: str,
    is_demo: bool = False,
) -> YearlyFigure | None:
    """Enter or correct one figure; an empty value removes it (blank, not 0).

    Permission: Perm.HANDLE on the agency.
    """
    _require_handle(acting_user, agency)
    problems: dict[str, str] = {}
    if item not in FigureItem.values:
        problems["item"] = _("Unknown figure.")
    if year_problem(year):
        problems["year"] = year_problem(year)
    if value not in (None, "") and not source.strip():
        problems["source"] = _("Say where the figure comes from.")
    parsed = None
    if value not in (None, "") and "item" not in problems:
        try:
            parsed = parse_figure(item, value)
        except ValueError as exc:
            problems["value"] = str(exc)
    if problems:
        raise ValidationError(problems)
    if parsed is None:
        _clear_figure(acting_user, agency, year, item)
        return None
    return _write_figure(
        acting_user=acting_user,
        agency=agency,
        year=year,
        item=item,
        value=parsed,
        source=source.strip(),
        is_demo=is_demo,
    )


def _clear_figure(acting_user: Any, agency: Agency, year: int, item: str) -> None:
    existing = YearlyFigure.objects.filter(agency=agency, year=year, item=item).first()
    if existing is None:
        return
    audit_record(
        actor=acting_user,
        action="figures.clear",
        agency=agency,
        target=existing,
        before=audit_snapshot(existing, ("year", "item", "value", "source")),
    )
    existing.delete()


@transaction.atomic
def new_media_account_save(
    *,
    acting_user: Any,
    agency: Agency,
    platform: str,
    name: str,
    operator: str,
    is_active: bool = True,
    is_demo: bool = False,
) -> NewMediaAccount:
    """Register (or update the operator of) a new-media account. Perm.HANDLE."""
    _require_handle(acting_user, agency)
    problems: dict[str, str] = {}
    if platform not in Platform.values:
        problems["platform"] = _("Choose a platform.")
    if not name.strip():
        problems["name"] = _("Give the account's name.")
    if not operator.strip():
        problems["operator"] = _("Say who operates the account.")
    if problems:
        raise ValidationError(problems)
    existing = NewMediaAccount.objects.filter(
        agency=agency, platform=platform, name=name.strip()
    ).first()
    if existing is not None and (existing.operator, existing.is_active) == (
        operator.strip(),
        is_active,
    ):
        return existing
    account, created = NewMediaAccount.objects.update_or_create(
        agency=agency,
        platform=platform,
        name=name.strip(),
        defaults={
            "operator": operator.strip(),
            "is_active": is_active,
            "is_demo": is_demo,
        },
    )
    audit_record(
        actor=acting_user,
        action="new_media.account_save",
        agency=agency,
        target=account,
        after=audit_snapshot(account, ("platform", "name", "operator", "is_active")),
    )
    return account


@transaction.atomic
def new_media_figures_set(
    *,
    acting_user: Any,
    account: NewMediaAccount,
    year: int,
    issues: int,
    articles: int,
    source: str,
) -> NewMediaYearFigures:
    """Enter an account's yearly publishing figures (期 and 篇). Perm.HANDLE."""
    _require_handle(acting_user, account.agency)
    problems: dict[str, str] = {}
    if year_problem(year):
        problems["year"] = year_problem(year)
    if issues < 0 or articles < 0:
        problems["issues"] = _("Counts must be zero or more.")
    elif articles < issues:
        problems["articles"] = _("Each issue has at least one article.")
    if not source.strip():
        problems["source"] = _("Say where the figures come from.")
    if problems:
        raise ValidationError(problems)
    existing = NewMediaYearFigures.objects.filter(account=account, year=year).first()
    if existing is not None and (
        existing.issues,
        existing.articles,
        existing.source,
    ) == (issues, articles, source.strip()):
        return existing
    before = (
        audit_snapshot(existing, ("issues", "articles", "source")) if existing else None
    )
    figures, _created = NewMediaYearFigures.objects.update_or_create(
        account=account,
        year=year,
        defaults={
            "issues": issues,
            "articles": articles,
            "source": source.strip(),
            "entered_by": acting_user if getattr(acting_user, "pk", None) else None,
        },
    )
    audit_record(
        actor=acting_user,
        action="new_media.figures_set",
        agency=account.agency,
        target=figures,
        before=before,
        after={"year": year, "issues": issues, "articles": articles, "source": source},
    )
    return figures
