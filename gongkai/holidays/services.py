"""Writes to the working-day calendar. Only system administrators (superusers) edit it.

Every service runs in a transaction, writes an audit entry and changes the calendar
version token, which invalidates the cached calendar in every process
(``selectors.calendar_get``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import audit_record, audit_snapshot
from gongkai.workdays.packaged import package_days, package_version, package_years

from .csv_format import day_problem, parse_calendar_csv
from .models import CalendarDay, CalendarVersion, CalendarYear, CalendarYearStatus

DAY_FIELDS = ("date", "is_workday", "name")
YEAR_FIELDS = ("year", "status", "source", "notes", "published_at")
SEED_SOURCE = (
    "国务院办公厅关于{year}年部分节假日安排的通知（据 chinesecalendar {version} 录入）"
)


def _require_admin(acting_user: Any) -> None:
    if not (
        acting_user is not None
        and getattr(acting_user, "is_active", False)
        and getattr(acting_user, "is_superuser", False)
    ):
        raise PermissionDenied(
            _("Only system administrators may change the working-day calendar.")
        )


def calendar_version_bump() -> None:
    """Give the calendar a new version token (call inside the changing transaction)."""
    CalendarVersion.objects.update_or_create(
        pk=1, defaults={"token": uuid.uuid4().hex, "changed_at": timezone.now()}
    )


def _ensure_years(years: Iterable[int]) -> list[int]:
    """Create a draft CalendarYear for each year not in the table yet."""
    existing = set(
        CalendarYear.objects.filter(year__in=set(years)).values_list("year", flat=True)
    )
    missing = sorted(set(years) - existing)
    CalendarYear.objects.bulk_create([CalendarYear(year=y) for y in missing])
    return missing


def _check_day(day: date, is_workday: bool) -> None:
    problem = day_problem(day, is_workday)
    if problem:
        raise ValidationError(problem)


@transaction.atomic
def calendar_year_create(
    *, acting_user: Any, year: int, source: str = "", notes: str = ""
) -> CalendarYear:
    """Start a new year's schedule as a draft (not yet used for deadlines)."""
    _require_admin(acting_user)
    if CalendarYear.objects.filter(year=year).exists():
        raise ValidationError(
            _("The year %(year)s is already in the calendar.") % {"year": year}
        )
    calendar_year = CalendarYear(year=year, source=source, notes=notes)
    calendar_year.full_clean()
    calendar_year.save()
    audit_record(
        actor=acting_user,
        action="holidays.year_create",
        target=calendar_year,
        after=audit_snapshot(calendar_year, YEAR_FIELDS),
    )
    calendar_version_bump()
    return calendar_year


@transaction.atomic
def calendar_year_update(
    *, acting_user: Any, calendar_year: CalendarYear, source: str, notes: str
) -> CalendarYear:
    """Change a year's source text and notes."""
    _require_admin(acting_user)
    calendar_year = CalendarYear.objects.select_for_update().get(pk=calendar_year.pk)
    before = audit_snapshot(calendar_year, YEAR_FIELDS)
    calendar_year.source, calendar_year.notes = source, notes
    calendar_year.full_clean()
    calendar_year.save()
    audit_record(
        actor=acting_user,
        action="holidays.year_update",
        target=calendar_year,
        before=before,
        after=audit_snapshot(calendar_year, YEAR_FIELDS),
    )
    return calendar_year


def _set_status(
    *, acting_user: Any, calendar_year: CalendarYear, status: str, action: str
) -> CalendarYear:
    calendar_year = CalendarYear.objects.select_for_update().get(pk=calendar_year.pk)
    if calendar_year.status == status:
        message = (
            _("The year %(year)s is already published.")
            if status == CalendarYearStatus.PUBLISHED
            else _("The year %(year)s is not published.")
        )
        raise ValidationError(message % {"year": calendar_year.year})
    before = audit_snapshot(calendar_year, YEAR_FIELDS)
    calendar_year.status = status
    calendar_year.published_at = (
        timezone.now() if status == CalendarYearStatus.PUBLISHED else None
    )
    calendar_year.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(
        actor=acting_user,
        action=action,
        target=calendar_year,
        before=before,
        after=audit_snapshot(calendar_year, YEAR_FIELDS),
    )
    calendar_version_bump()
    return calendar_year


@transaction.atomic
def calendar_year_publish(
    *, acting_user: Any, calendar_year: CalendarYear
) -> CalendarYear:
    """Publish a year's schedule: from now on deadlines may be computed into it
    (条例 Art. 33 counts working days by the State Council's schedule).

    A year without a single day off is refused: every State Council schedule has
    holidays, so an empty year is an unfinished entry, not a schedule.
    """
    _require_admin(acting_user)
    has_day_off = CalendarDay.objects.filter(
        date__year=calendar_year.year, is_workday=False
    ).exists()
    if not has_day_off:
        raise ValidationError(
            _(
                "The year %(year)s has no days off entered yet; enter its holidays "
                "before publishing it."
            )
            % {"year": calendar_year.year}
        )
    return _set_status(
        acting_user=acting_user,
        calendar_year=calendar_year,
        status=CalendarYearStatus.PUBLISHED,
        action="holidays.year_publish",
    )


@transaction.atomic
def calendar_year_unpublish(
    *, acting_user: Any, calendar_year: CalendarYear
) -> CalendarYear:
    """Take a year back to draft: deadlines into it are refused until republished."""
    _require_admin(acting_user)
    return _set_status(
        acting_user=acting_user,
        calendar_year=calendar_year,
        status=CalendarYearStatus.DRAFT,
        action="holidays.year_unpublish",
    )


@transaction.atomic
def calendar_day_add(
    *, acting_user: Any, day: date, is_workday: bool, name: str = ""
) -> CalendarDay:
    """Enter one day of the schedule (a day off, or a weekend make-up working day).

    The year is created as a draft if it is not in the table yet.
    """
    _require_admin(acting_user)
    _check_day(day, is_workday)
    if CalendarDay.objects.filter(date=day).exists():
        raise ValidationError(
            _("%(date)s is already entered; change that entry instead.")
            % {"date": day.isoformat()}
        )
    _ensure_years([day.year])
    calendar_day = CalendarDay(date=day, is_workday=is_workday, name=name)
    calendar_day.full_clean()
    calendar_day.save()
    audit_record(
        actor=acting_user,
        action="holidays.day_add",
        target=calendar_day,
        after=audit_snapshot(calendar_day, DAY_FIELDS),
    )
    calendar_version_bump()
    return calendar_day


@transaction.atomic
def calendar_day_update(
    *, acting_user: Any, calendar_day: CalendarDay, is_workday: bool, name: str
) -> CalendarDay:
    """Change a day's status or name (its date stays)."""
    _require_admin(acting_user)
    calendar_day = CalendarDay.objects.select_for_update().get(pk=calendar_day.pk)
    _check_day(calendar_day.date, is_workday)
    before = audit_snapshot(calendar_day, DAY_FIELDS)
    calendar_day.is_workday, calendar_day.name = is_workday, name
    calendar_day.full_clean()
    calendar_day.save()
    audit_record(
        actor=acting_user,
        action="holidays.day_update",
        target=calendar_day,
        before=before,
        after=audit_snapshot(calendar_day, DAY_FIELDS),
    )
    calendar_version_bump()
    return calendar_day


@transaction.atomic
def calendar_day_delete(*, acting_user: Any, calendar_day: CalendarDay) -> None:
    """Remove a day: it follows the weekend rule again."""
    _require_admin(acting_user)
    calendar_day = CalendarDay.objects.select_for_update().get(pk=calendar_day.pk)
    before = audit_snapshot(calendar_day, DAY_FIELDS)
    audit_record(
        actor=acting_user,
        action="holidays.day_delete",
        target=calendar_day,
        before=before,
    )
    calendar_day.delete()
    calendar_version_bump()


@dataclass
class CsvImportResult:
    """What an import changed (dates as ISO strings)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    years_created: list[int] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.years_created)


@transaction.atomic
def calendar_csv_import(*, acting_user: Any, content: bytes) -> CsvImportResult:
    """Import days from CSV (``date,type,name``; see ``csv_format``).

    Every line is validated first; if any line is bad, ValidationError lists every
    problem by line and nothing is imported. Days already entered with the same
    status and name are left alone, so importing the same file twice changes
    nothing the second time. Years not in the table yet are created as drafts.
    """
    _require_admin(acting_user)
    rows = parse_calendar_csv(content)
    existing = {
        d.date: d for d in CalendarDay.objects.filter(date__in=[r.day for r in rows])
    }
    result = CsvImportResult()
    result.years_created = _ensure_years({r.day.year for r in rows})
    for row in rows:
        current = existing.get(row.day)
        key = row.day.isoformat()
        if current is None:
            CalendarDay.objects.create(
                date=row.day, is_workday=row.is_workday, name=row.name
            )
            result.created.append(key)
        elif (current.is_workday, current.name) != (row.is_workday, row.name):
            current.is_workday, current.name = row.is_workday, row.name
            current.save()
            result.updated.append(key)
        else:
            result.unchanged.append(key)
    if result.changed:
        audit_record(
            actor=acting_user,
            action="holidays.csv_import",
            after={
                "created": result.created,
                "updated": result.updated,
                "years_created": result.years_created,
            },
        )
        calendar_version_bump()
    return result


@transaction.atomic
def calendar_seed_from_package(*, acting_user: Any = None) -> list[int]:
    """Enter, as published years, every year covered by the ``chinesecalendar``
    package that is not in the table yet. Years already present (possibly edited by
    an administrator) are left alone, so running it again changes nothing.

    ``acting_user=None`` is the system itself (data migration, demo loader).
    """
    if acting_user is not None:
        _require_admin(acting_user)
    present = set(CalendarYear.objects.values_list("year", flat=True))
    years = sorted(package_years() - present)
    if not years:
        return []
    version = package_version()
    now = timezone.now()
    CalendarYear.objects.bulk_create(
        CalendarYear(
            year=y,
            status=CalendarYearStatus.PUBLISHED,
            source=SEED_SOURCE.format(year=y, version=version),
            published_at=now,
        )
        for y in years
    )
    wanted = set(years)
    taken = set(
        CalendarDay.objects.filter(date__year__in=wanted).values_list("date", flat=True)
    )
    CalendarDay.objects.bulk_create(
        CalendarDay(date=d.day, is_workday=d.is_workday, name=d.name)
        for d in package_days()
        if d.day.year in wanted and d.day not in taken
    )
    audit_record(
        actor=acting_user,
        action="holidays.seed",
        after={"years": years, "package_version": version},
    )
    calendar_version_bump()
    return years
