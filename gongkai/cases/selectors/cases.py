"""Reading cases: gatekeeper-scoped lists and single cases, and applicant look-up.

Every staff read goes through ``gongkai.agencies.selectors`` (agency and permission
scope); filters on derived facts (overdue, due soon) compute the deadlines on read.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import (
    agency_ids_for_user,
    scope_queryset_for_user,
    user_has_agency_perm,
)
from gongkai.workdays import Calendar, UnknownYearError, add_working_days

from ..choices import OPEN_STATUSES
from ..models import Application, Consultation, FeeNotice, Supplementation
from .deadlines import CLOCK_STATUSES, DUE_SOON_WORKING_DAYS, case_reply_deadline

# A reply deadline is at least 20 working days, hence at least 20 calendar days,
# after receipt: a cheap pre-filter before computing deadlines exactly.
MIN_REPLY_CALENDAR_DAYS = 20
PLAINLY_OVERDUE_DAYS = 120
DUE_OVERDUE = "overdue"
DUE_SOON = "due_soon"
ASSIGNED_ME = "me"
ASSIGNED_NONE = "none"


@dataclass(frozen=True)
class CaseFilters:
    """Filters of the case lists (all optional)."""

    agency_id: int | None = None
    status: str = ""
    due: str = ""  # DUE_OVERDUE or DUE_SOON
    outcome: str = ""
    applicant_type: str = ""
    year: int | None = None  # year of receipt
    assigned: str = ""  # ASSIGNED_ME, ASSIGNED_NONE or a user id
    query: str = ""  # tracking number or applicant name
    open_only: bool = False


def _with_related(queryset: QuerySet[Application]) -> QuerySet[Application]:
    """What a row needs (agency, clerk and the records its deadline is computed from)
    in a constant number of queries."""
    return queryset.select_related(
        "agency", "assigned_to", "extension", "supplementation", "fee_notice"
    ).prefetch_related("consultations")


def _filter_assigned(
    queryset: QuerySet[Application], assigned: str, user: Any
) -> QuerySet[Application]:
    if assigned == ASSIGNED_ME:
        return queryset.filter(assigned_to=user)
    if assigned == ASSIGNED_NONE:
        return queryset.filter(assigned_to__isnull=True)
    if assigned.isdigit():
        return queryset.filter(assigned_to_id=int(assigned))
    return queryset


def _filter_plain(
    queryset: QuerySet[Application], filters: CaseFilters
) -> QuerySet[Application]:
    exact = {
        "agency_id": filters.agency_id,
        "status": filters.status,
        "outcome": filters.outcome,
        "applicant_type": filters.applicant_type,
    }
    queryset = queryset.filter(**{k: v for k, v in exact.items() if v})
    if filters.open_only:
        queryset = queryset.filter(status__in=OPEN_STATUSES)
    if filters.year:
        queryset = queryset.filter(
            received_on__range=(
                datetime.date(filters.year, 1, 1),
                datetime.date(filters.year, 12, 31),
            )
        )
    if filters.query:
        term = filters.query.strip()
        by_number = queryset.filter(tracking_number__iexact=term)
        queryset = by_number | queryset.filter(applicant_name__icontains=term)
    return queryset


ID_CHUNK = 2000


def _paused_ids(open_cases: QuerySet[Application]) -> set[int]:
    """The open cases whose deadline can move: a supplementation, a consultation or
    a fee notice (Art. 30, 32–33, 42) exists for them. These records are few, so
    each table is read whole against the open cases' ids."""
    ids = open_cases.order_by().values("pk")
    paused: set[int] = set()
    for model in (Consultation, Supplementation, FeeNotice):
        paused.update(
            model.objects.filter(application_id__in=ids).values_list(  # type: ignore[attr-defined]
                "application_id", flat=True
            )
        )
    return paused


def _due_ids(
    queryset: QuerySet[Application],
    due: str,
    calendar: Calendar,
    today: datetime.date,
) -> list[int]:
    """Ids of the open cases in ``queryset`` that are overdue or due soon.

    The open cases are read first, by the (agency, status) index: a handful of
    columns for what an office still has to answer, however many closed cases it
    holds. A case received more than ``PLAINLY_OVERDUE_DAYS`` ago with nothing that
    moves its deadline is overdue whatever the calendar says (at most 40 working
    days, 20 plus a 20-day extension, fall within ~75 calendar days even across the
    longest holidays); the deadlines of the others are computed exactly.
    """
    try:
        horizon = (
            today
            if due == DUE_OVERDUE
            else add_working_days(calendar, today, DUE_SOON_WORKING_DAYS)
        )
    except UnknownYearError:
        horizon = today + datetime.timedelta(days=2 * DUE_SOON_WORKING_DAYS)
    bound = horizon - datetime.timedelta(days=MIN_REPLY_CALENDAR_DAYS)
    plain_before = today - datetime.timedelta(days=PLAINLY_OVERDUE_DAYS)
    open_qs = queryset.filter(status__in=CLOCK_STATUSES)
    open_cases = list(open_qs.order_by().values_list("pk", "received_on"))
    paused = _paused_ids(open_qs)
    plainly_overdue: list[int] = []
    to_compute: list[int] = []
    for pk, received in open_cases:
        if received > bound:
            continue  # not even the shortest reply period can have run out
        if received < plain_before and pk not in paused:
            plainly_overdue.append(pk)
        else:
            to_compute.append(pk)
    computed = _computed_due(to_compute, due, calendar, today, horizon)
    return (plainly_overdue if due == DUE_OVERDUE else []) + computed


def _computed_due(
    ids: list[int],
    due: str,
    calendar: Calendar,
    today: datetime.date,
    horizon: datetime.date,
) -> list[int]:
    """Those of ``ids`` whose computed reply deadline is past (overdue) or falls
    between today and ``horizon`` (due soon)."""
    matching = []
    for start in range(0, len(ids), ID_CHUNK):
        chunk = Application.objects.filter(pk__in=ids[start : start + ID_CHUNK])
        for case in _with_related(chunk):
            try:
                deadline = case_reply_deadline(case, calendar, today)
            except UnknownYearError:
                continue
            if due == DUE_OVERDUE:
                matches = deadline.due < today
            else:
                matches = today <= deadline.due <= horizon
            if matches:
                matching.append(case.pk)
    return matching


def _filter_due(
    queryset: QuerySet[Application],
    due: str,
    calendar: Calendar,
    today: datetime.date,
) -> QuerySet[Application]:
    return queryset.filter(pk__in=_due_ids(queryset, due, calendar, today))


def case_list_for_user(
    *,
    user: Any,
    filters: CaseFilters | None = None,
    perm: Perm = Perm.VIEW,
    calendar: Calendar | None = None,
    today: datetime.date | None = None,
) -> QuerySet[Application]:
    """The cases ``user`` may see with ``perm``, filtered, newest receipt first.

    ``filters.due`` needs ``calendar`` and ``today``: overdue = the reply deadline
    (Art. 33) has passed and the agency still has to act; due soon = it falls within
    the next 5 working days.
    """
    filters = filters or CaseFilters()
    queryset = scope_queryset_for_user(Application.objects.all(), user=user, perm=perm)
    queryset = _filter_plain(queryset, filters)
    queryset = _filter_assigned(queryset, filters.assigned, user)
    if filters.due in (DUE_OVERDUE, DUE_SOON):
        if calendar is None or today is None:
            raise ValueError("filtering by due date needs a calendar and today")
        queryset = _filter_due(queryset, filters.due, calendar, today)
    return _with_related(queryset).order_by("-received_on", "-id")


def case_ids(queryset: QuerySet[Application]) -> QuerySet[Application, int]:
    """The ids of a case list, in its order, without joins: a lean query both
    SQLite and PostgreSQL answer from the (agency, received_on, id) index, whatever
    their statistics say (paginate this, then load the page with ``case_rows``)."""
    return (
        queryset.select_related(None)
        .prefetch_related(None)
        .values_list(  # type: ignore[return-value]
            "pk", flat=True
        )
    )


def case_rows(ids: list[int]) -> list[Application]:
    """The cases with these ids, in that order, with what a list row needs (agency,
    clerk and the records the deadline is computed from) in three queries."""
    by_pk = _with_related(Application.objects.filter(pk__in=ids)).in_bulk()
    return [by_pk[pk] for pk in ids if pk in by_pk]


def case_get_for_user(*, user: Any, pk: int, perm: Perm = Perm.VIEW) -> Application:
    """One case ``user`` may act on with ``perm``; 404 when not visible.

    Raises ``PermissionDenied`` when the case is visible but ``perm`` is missing.
    """
    visible = scope_queryset_for_user(Application.objects.all(), user=user)
    case = get_object_or_404(_with_related(visible), pk=pk)
    if perm != Perm.VIEW and not user_has_agency_perm(
        user=user, agency=case.agency_id, perm=perm
    ):
        raise PermissionDenied
    return case


def case_may_see_identity(*, user: Any, case: Application) -> bool:
    """Whether ``user`` may see the applicant's full ID number: only those who handle
    or approve the case in its agency (not supervisors, not reviewers)."""
    return any(
        case.agency_id in agency_ids_for_user(user=user, perm=perm)
        for perm in (Perm.HANDLE, Perm.APPROVE)
    )


def mask_id_number(number: str) -> str:
    """``640302199001011234`` → ``6403**********1234`` (first and last four kept)."""
    number = number.strip()
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def case_get_for_applicant(
    *, tracking_number: str, query_code: str
) -> Application | None:
    """The case with this tracking number if ``query_code`` matches its stored hash
    (for the public portal's tracking page); ``None`` otherwise."""
    case = (
        Application.objects.select_related("agency")
        .filter(tracking_number__iexact=tracking_number.strip())
        .first()
    )
    if case is None:
        make_password(query_code)  # same work either way: no timing oracle
        return None
    if not check_password(query_code.strip().upper(), case.query_code_hash):
        return None
    return case


def case_applicant_nth_in_month(case: Application) -> int:
    """The position of ``case`` among the same applicant's applications to the same
    agency in its calendar month of receipt (国办函〔2020〕109号: per-application
    fees count cumulatively per applicant and natural month). Same applicant = same
    ID number."""
    first = case.received_on.replace(day=1)
    earlier = Q(received_on__lt=case.received_on) | Q(
        received_on=case.received_on, pk__lte=case.pk
    )
    return (
        Application.objects.filter(
            agency_id=case.agency_id,
            id_number=case.id_number,
            received_on__gte=first,
        )
        .filter(earlier)
        .count()
    )
