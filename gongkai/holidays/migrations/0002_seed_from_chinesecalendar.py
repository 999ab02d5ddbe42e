"""Seed the working-day calendar with every year the ``chinesecalendar`` package knows.

Uses the historical models and the pure ``gongkai.workdays.packaged`` data; years
already present are left alone (``calendar_seed_from_package`` does the same, audited,
for the demo loader and for installations migrated before a package upgrade).
"""

import uuid

from django.db import migrations
from django.utils import timezone

SOURCE = "国务院办公厅关于{year}年部分节假日安排的通知（据 chinesecalendar {version} 录入）"


def seed(apps, schema_editor):
    from gongkai.workdays.packaged import package_days, package_version, package_years

    CalendarYear = apps.get_model("holidays", "CalendarYear")
    CalendarDay = apps.get_model("holidays", "CalendarDay")
    CalendarVersion = apps.get_model("holidays", "CalendarVersion")
    present = set(CalendarYear.objects.values_list("year", flat=True))
    years = sorted(package_years() - present)
    wanted = set(years)
    version = package_version()
    now = timezone.now()
    CalendarYear.objects.bulk_create(
        CalendarYear(
            year=year,
            status="published",
            source=SOURCE.format(year=year, version=version),
            published_at=now,
        )
        for year in years
    )
    taken = set(CalendarDay.objects.values_list("date", flat=True))
    CalendarDay.objects.bulk_create(
        CalendarDay(date=d.day, is_workday=d.is_workday, name=d.name)
        for d in package_days()
        if d.day.year in wanted and d.day not in taken
    )
    CalendarVersion.objects.update_or_create(
        pk=1, defaults={"token": uuid.uuid4().hex, "changed_at": now}
    )


class Migration(migrations.Migration):
    dependencies = [("holidays", "0001_calendar")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
