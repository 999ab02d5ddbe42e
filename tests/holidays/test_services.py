"""Calendar services: permissions, validation, audit, seeding, cache invalidation."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.holidays import services
from gongkai.holidays.models import CalendarDay, CalendarYear, CalendarYearStatus
from gongkai.holidays.selectors import calendar_get
from gongkai.workdays import UnknownYearError, add_working_days
from gongkai.workdays.packaged import package_calendar
from tests.factories.holidays import CalendarDayFactory, CalendarYearFactory

pytestmark = pytest.mark.django_db


def test_migration_seeded_every_package_year():
    years = CalendarYear.objects.filter(status=CalendarYearStatus.PUBLISHED)
    assert set(years.values_list("year", flat=True)) == set(range(2004, 2027))
    assert calendar_get() == package_calendar()
    assert CalendarDay.objects.get(date=date(2024, 9, 29)).name == "国庆节调休上班"


def test_seed_is_idempotent_and_keeps_admin_edits(sysadmin):
    day = CalendarDay.objects.get(date=date(2024, 10, 1))
    services.calendar_day_update(
        acting_user=sysadmin, calendar_day=day, is_workday=False, name="国庆节（改）"
    )
    count = CalendarDay.objects.count()
    assert services.calendar_seed_from_package(acting_user=None) == []
    assert CalendarDay.objects.count() == count
    assert CalendarDay.objects.get(date=date(2024, 10, 1)).name == "国庆节（改）"


def test_seed_restores_missing_years():
    CalendarDay.objects.filter(date__year=2025).delete()
    CalendarYear.objects.filter(year=2025).delete()
    assert services.calendar_seed_from_package() == [2025]
    assert calendar_get() == package_calendar()
    entry = AuditEntry.objects.get(action="holidays.seed")
    assert entry.after["years"] == [2025]
    assert entry.actor is None


def test_only_superusers_change_the_calendar(member, tree):
    admin_of_agency = member(tree["gov"], "admin")
    with pytest.raises(PermissionDenied):
        services.calendar_year_create(acting_user=admin_of_agency, year=2027)
    with pytest.raises(PermissionDenied):
        services.calendar_day_add(
            acting_user=None, day=date(2027, 1, 1), is_workday=False
        )
    with pytest.raises(PermissionDenied):
        services.calendar_seed_from_package(acting_user=admin_of_agency)
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_new_year_is_unknown_until_published(sysadmin):
    calendar_year = services.calendar_year_create(
        acting_user=sysadmin, year=2027, source="国办发明电〔2026〕X号"
    )
    services.calendar_day_add(
        acting_user=sysadmin, day=date(2027, 1, 1), is_workday=False, name="元旦"
    )
    with pytest.raises(UnknownYearError):
        add_working_days(calendar_get(), date(2026, 12, 30), 5)
    services.calendar_year_publish(acting_user=sysadmin, calendar_year=calendar_year)
    # Wed 30 Dec → 31 Dec, (Fri 1 Jan off), 4–7 Jan
    assert add_working_days(calendar_get(), date(2026, 12, 30), 5) == date(2027, 1, 7)
    actions = list(
        AuditEntry.objects.filter(action__startswith="holidays.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "holidays.year_create",
        "holidays.day_add",
        "holidays.year_publish",
    ]


def test_publishing_an_empty_year_or_twice_is_refused(sysadmin):
    calendar_year = services.calendar_year_create(acting_user=sysadmin, year=2027)
    with pytest.raises(ValidationError, match="尚未录入任何休息日"):
        services.calendar_year_publish(
            acting_user=sysadmin, calendar_year=calendar_year
        )
    CalendarDayFactory(date=date(2027, 1, 1))
    services.calendar_year_publish(acting_user=sysadmin, calendar_year=calendar_year)
    with pytest.raises(ValidationError, match="已经发布"):
        services.calendar_year_publish(
            acting_user=sysadmin, calendar_year=calendar_year
        )
    services.calendar_year_unpublish(acting_user=sysadmin, calendar_year=calendar_year)
    assert 2027 not in calendar_get().known_years


def test_year_created_twice_is_refused(sysadmin):
    services.calendar_year_create(acting_user=sysadmin, year=2027)
    with pytest.raises(ValidationError, match="已在工作日历中"):
        services.calendar_year_create(acting_user=sysadmin, year=2027)


@pytest.mark.parametrize(
    ("day", "is_workday", "message"),
    [
        (date(2027, 1, 6), True, "本来就是工作日"),  # a Wednesday as "working day"
        (date(2024, 10, 1), False, "已经录入"),  # entered by the seed
        (date(1800, 1, 4), False, "年份应在"),
    ],
)
def test_day_add_refuses_bad_days(sysadmin, day, is_workday, message):
    count = CalendarDay.objects.count()
    with pytest.raises(ValidationError, match=message):
        services.calendar_day_add(
            acting_user=sysadmin, day=day, is_workday=is_workday, name="x"
        )
    assert CalendarDay.objects.count() == count


def test_day_add_creates_a_draft_year(sysadmin):
    services.calendar_day_add(
        acting_user=sysadmin, day=date(2027, 2, 6), is_workday=True, name="调休上班"
    )
    assert CalendarYear.objects.get(year=2027).status == CalendarYearStatus.DRAFT


def test_day_update_and_delete_change_the_cached_calendar(sysadmin):
    before = calendar_get()
    assert before.is_workday(date(2024, 10, 12)) is True
    day = CalendarDay.objects.get(date=date(2024, 10, 12))
    services.calendar_day_update(
        acting_user=sysadmin, calendar_day=day, is_workday=False, name="假"
    )
    assert calendar_get().is_workday(date(2024, 10, 12)) is False
    services.calendar_day_delete(acting_user=sysadmin, calendar_day=day)
    # A Saturday without an entry is a weekend day off.
    assert calendar_get().is_workday(date(2024, 10, 12)) is False
    assert not CalendarDay.objects.filter(date=date(2024, 10, 12)).exists()
    entry = AuditEntry.objects.get(action="holidays.day_delete")
    assert entry.before["name"] == "假"


def test_calendar_get_is_cached_until_a_change(sysadmin, django_assert_num_queries):
    first = calendar_get()
    with django_assert_num_queries(1):  # the version token only
        assert calendar_get() is first
    year = CalendarYearFactory(year=2031)
    CalendarDayFactory(date=date(2031, 1, 1))
    services.calendar_year_publish(acting_user=sysadmin, calendar_year=year)
    second = calendar_get()
    assert second is not first
    assert 2031 in second.known_years


def test_update_year_source(sysadmin):
    year = CalendarYearFactory(year=2032)
    services.calendar_year_update(
        acting_user=sysadmin,
        calendar_year=year,
        source="国办发明电〔2031〕1号",
        notes="",
    )
    year.refresh_from_db()
    assert year.source == "国办发明电〔2031〕1号"
    assert AuditEntry.objects.filter(action="holidays.year_update").count() == 1


def test_factories_make_their_rows_visible_to_calendar_get():
    calendar_get()
    CalendarYearFactory(year=2033, published=True)
    CalendarDayFactory(date=date(2033, 1, 3))  # a Monday
    cal = calendar_get()
    assert 2033 in cal.known_years
    assert cal.is_workday(date(2033, 1, 3)) is False
