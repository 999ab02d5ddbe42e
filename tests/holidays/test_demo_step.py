from django.core.management import call_command

import pytest

from gongkai.holidays.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db


def test_demo_load_keeps_the_calendar_and_notes_it(capsys):
    counts = (CalendarYear.objects.count(), CalendarDay.objects.count())
    call_command("demo", "load")
    call_command("demo", "load")
    assert (CalendarYear.objects.count(), CalendarDay.objects.count()) == counts
    assert "工作日历：已发布 2004–2026 年" in capsys.readouterr().out


def test_demo_load_seeds_an_empty_table(capsys):
    CalendarDay.objects.all().delete()
    CalendarYear.objects.all().delete()
    call_command("demo", "load")
    assert CalendarYear.objects.count() == 23
    assert "已从 chinesecalendar 录入 2004–2026 年" in capsys.readouterr().out
