from __future__ import annotations

import datetime

import factory

from gongkai.holidays.models import CalendarDay, CalendarYear, CalendarYearStatus


class CalendarYearFactory(factory.django.DjangoModelFactory):
    """Years from 2030 on: 2004–2026 are entered by the data migration."""

    class Meta:
        model = CalendarYear
        django_get_or_create = ("year",)

    year = factory.Sequence(lambda n: 2030 + n)
    source = "国办发明电（测试）"

    class Params:
        published = factory.Trait(status=CalendarYearStatus.PUBLISHED)


class CalendarDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarDay
        django_get_or_create = ("date",)

    date = datetime.date(2030, 1, 1)
    is_workday = False
    name = "元旦"

    class Params:
        makeup = factory.Trait(is_workday=True, name="调休上班")
