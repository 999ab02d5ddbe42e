from __future__ import annotations

import datetime

import factory

from gongkai.holidays.models import CalendarDay, CalendarYear, CalendarYearStatus
from gongkai.holidays.services import calendar_version_bump


class _BumpsCalendarVersion(factory.django.DjangoModelFactory):
    """Rows written by a factory bypass the services; bump the version token so that
    ``calendar_get()`` sees them, as it would after a service call."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def bump_version(self, create, extracted, **kwargs):  # noqa: ANN001
        if create:
            calendar_version_bump()


class CalendarYearFactory(_BumpsCalendarVersion):
    """Years from 2030 on: 2004–2026 are entered by the data migration."""

    class Meta:
        model = CalendarYear
        django_get_or_create = ("year",)

    year = factory.Sequence(lambda n: 2030 + n)
    source = "国办发明电（测试）"

    class Params:
        published = factory.Trait(status=CalendarYearStatus.PUBLISHED)


class CalendarDayFactory(_BumpsCalendarVersion):
    class Meta:
        model = CalendarDay
        django_get_or_create = ("date",)

    date = datetime.date(2030, 1, 1)
    is_workday = False
    name = "元旦"

    class Params:
        makeup = factory.Trait(is_workday=True, name="调休上班")
