"""CSV import: every line validated, errors by line in Chinese, all or nothing."""

from datetime import date

from django.core.exceptions import ValidationError

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.holidays.models import CalendarDay, CalendarYear, CalendarYearStatus
from gongkai.holidays.services import calendar_csv_import

pytestmark = pytest.mark.django_db

GOOD = """date,type,name
2027-01-01,休,元旦
2027-02-06,班,春节调休上班
2027-02-08,holiday,春节
2027/2/9,休,春节
2027-02-20,workday,春节调休上班
"""


def test_good_file_imports_and_second_import_changes_nothing(sysadmin):
    result = calendar_csv_import(acting_user=sysadmin, content=GOOD.encode())
    assert result.created == [
        "2027-01-01",
        "2027-02-06",
        "2027-02-08",
        "2027-02-09",
        "2027-02-20",
    ]
    assert result.years_created == [2027]
    assert CalendarYear.objects.get(year=2027).status == CalendarYearStatus.DRAFT
    assert CalendarDay.objects.get(date=date(2027, 2, 6)).is_workday is True
    audits = AuditEntry.objects.filter(action="holidays.csv_import").count()
    days = list(
        CalendarDay.objects.values_list("date", "is_workday", "name", "updated_at")
    )

    again = calendar_csv_import(acting_user=sysadmin, content=GOOD.encode())
    assert not again.changed
    assert len(again.unchanged) == 5
    assert AuditEntry.objects.filter(action="holidays.csv_import").count() == audits
    assert (
        list(
            CalendarDay.objects.values_list("date", "is_workday", "name", "updated_at")
        )
        == days
    )


def test_changed_line_updates_the_day(sysadmin):
    calendar_csv_import(acting_user=sysadmin, content=GOOD.encode())
    result = calendar_csv_import(
        acting_user=sysadmin, content="2027-01-01,休,元旦（新年）\n".encode()
    )
    assert result.updated == ["2027-01-01"]
    assert CalendarDay.objects.get(date=date(2027, 1, 1)).name == "元旦（新年）"


def test_gb18030_file_with_excel_bom_free_header(sysadmin):
    text = "日期,类型,名称\r\n2027-01-01,休,元旦\r\n"
    result = calendar_csv_import(acting_user=sysadmin, content=text.encode("gb18030"))
    assert result.created == ["2027-01-01"]


def test_utf8_bom(sysadmin):
    text = "\ufeffdate,type,name\n2027-01-01,休,元旦\n"
    result = calendar_csv_import(acting_user=sysadmin, content=text.encode())
    assert result.created == ["2027-01-01"]


BAD = """date,type,name
2027-01-01,休,元旦
2027-13-01,休,春节
2027-02-10,假期,春节
2027-02-10,班,春节调休上班
2027-01-01,休,元旦
only-one-cell
2027-02-11,休,春节,多余
"""


def test_bad_file_reports_every_line_and_imports_nothing(sysadmin):
    count = CalendarDay.objects.count()
    with pytest.raises(ValidationError) as exc:
        calendar_csv_import(acting_user=sysadmin, content=BAD.encode())
    messages = exc.value.messages
    assert messages == [
        "第3行：“2027-13-01”不是有效日期，请写成 2025-10-01 的形式。",
        "第4行：类型“假期”无法识别；休息日请写“休”，调休上班请写“班”。",
        "第5行：2027-02-10 是周一至周五，本来就是工作日；只有周末调休上班的日子才录入为工作日。",
        "第6行：2027-01-01 已在第2行出现。",
        "第7行：应有3列（日期,类型,名称），实际为1列。",
        "第8行：应有3列（日期,类型,名称），实际为4列。",
    ]
    assert CalendarDay.objects.count() == count
    assert not CalendarYear.objects.filter(year=2027).exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "没有任何日期"),
        (b"date,type,name\n", "没有任何日期"),
        (b"\xff\xfe\x00\x00\xff", "不是 UTF-8"),
    ],
)
def test_empty_or_undecodable_file(sysadmin, content, message):
    with pytest.raises(ValidationError, match=message):
        calendar_csv_import(acting_user=sysadmin, content=content)
