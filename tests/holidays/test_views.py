"""Back-office calendar screens over HTTP: who sees what, who changes what."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from gongkai.holidays.models import CalendarDay, CalendarYear, CalendarYearStatus
from tests.factories import UserFactory
from tests.factories.holidays import CalendarDayFactory, CalendarYearFactory

pytestmark = pytest.mark.django_db

BASE = "/admin/gongkai/holidays/"


@pytest.fixture
def clerk(tree, member):
    return member(tree["a"], "clerk")


def test_staff_see_the_year_list_and_a_year(client, clerk):
    client.force_login(clerk)
    body = client.get(BASE).content.decode()
    assert "工作日历" in body
    assert f"{BASE}2024/" in body
    assert "添加年度" not in body  # no edit buttons for a clerk
    body = client.get(f"{BASE}2024/").content.decode()
    # 1 Oct 2024 is a day off, 12 Oct a make-up working day, 13 Oct a weekend.
    assert 'class="gk-day--holiday" title="国庆节" data-date="2024-10-01"' in body
    assert (
        'class="gk-day--makeup" title="国庆节调休上班" data-date="2024-10-12"' in body
    )
    assert 'class="gk-day--weekend" data-date="2024-10-13"' in body
    assert "发布本年度" not in body


def test_outsiders_are_refused(client, db):
    client.force_login(UserFactory(username="nobody"))
    response = client.get(BASE)
    assert response.status_code == 403
    assert "只有机关工作人员" in response.content.decode()


def test_unknown_year_page_is_404(client, clerk):
    client.force_login(clerk)
    assert client.get(f"{BASE}2099/").status_code == 404


EDIT_REQUESTS = [
    ("post", "years/add/", {"year": "2027"}),
    ("get", "years/add/", None),
    ("post", "2024/publish/", {}),
    ("post", "2024/unpublish/", {}),
    ("post", "2024/days/add/", {"date": "2024-11-01", "kind": "off", "name": "x"}),
    ("post", "2024/edit/", {"source": "x", "notes": ""}),
    ("get", "import/", None),
]


@pytest.mark.parametrize(("method", "url", "data"), EDIT_REQUESTS)
@pytest.mark.parametrize("role", ["clerk", "admin", "supervisor"])
def test_only_superusers_may_edit(client, tree, member, method, url, data, role):
    client.force_login(member(tree["gov"], role))
    count = (CalendarDay.objects.count(), CalendarYear.objects.count())
    response = getattr(client, method)(BASE + url, data or {})
    assert response.status_code == 403
    assert "只有系统管理员" in response.content.decode()
    assert (CalendarDay.objects.count(), CalendarYear.objects.count()) == count
    assert CalendarYear.objects.get(year=2024).status == CalendarYearStatus.PUBLISHED


def test_day_edit_and_delete_refused_to_staff(client, clerk):
    client.force_login(clerk)
    day = CalendarDay.objects.get(date=date(2024, 10, 1))
    assert client.post(f"{BASE}days/{day.pk}/delete/").status_code == 403
    assert (
        client.post(f"{BASE}days/{day.pk}/edit/", {"kind": "work"}).status_code == 403
    )
    assert CalendarDay.objects.filter(pk=day.pk, is_workday=False).exists()


def test_administrator_enters_and_publishes_a_new_year(client, sysadmin):
    client.force_login(sysadmin)
    assert "添加年度" in client.get(BASE).content.decode()
    response = client.post(
        f"{BASE}years/add/", {"year": "2027", "source": "国办发明电〔2026〕X号"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}2027/"
    # Publishing before any day is entered is refused with a message.
    response = client.post(f"{BASE}2027/publish/", follow=True)
    assert "尚未录入任何休息日" in response.content.decode()
    assert CalendarYear.objects.get(year=2027).status == CalendarYearStatus.DRAFT
    response = client.post(
        f"{BASE}2027/days/add/", {"date": "2027-01-01", "kind": "off", "name": "元旦"}
    )
    assert response.status_code == 302
    response = client.post(
        f"{BASE}2027/days/add/",
        {"date": "2027-02-06", "kind": "work", "name": "春节调休上班"},
    )
    assert response.status_code == 302
    body = client.get(f"{BASE}2027/").content.decode()
    assert 'class="gk-day--makeup" title="春节调休上班" data-date="2027-02-06"' in body
    client.post(f"{BASE}2027/publish/")
    assert CalendarYear.objects.get(year=2027).status == CalendarYearStatus.PUBLISHED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "2028-01-01", "kind": "off"}, "日期应在 2027 年内"),
        ({"date": "2027-01-06", "kind": "work"}, "本来就是工作日"),
        ({"date": "not a date", "kind": "off"}, "有效的日期"),
        ({"date": "2027-01-01", "kind": "??"}, "有效的选项"),
    ],
)
def test_day_form_errors_are_shown_and_nothing_is_saved(
    client, sysadmin, data, message
):
    CalendarYearFactory(year=2027)
    client.force_login(sysadmin)
    response = client.post(f"{BASE}2027/days/add/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CalendarDay.objects.filter(date__year__in=[2027, 2028]).exists()


def test_day_posted_twice_is_refused_the_second_time(client, sysadmin):
    CalendarYearFactory(year=2027)
    client.force_login(sysadmin)
    data = {"date": "2027-01-01", "kind": "off", "name": "元旦"}
    assert client.post(f"{BASE}2027/days/add/", data).status_code == 302
    response = client.post(f"{BASE}2027/days/add/", data)
    assert response.status_code == 200
    assert "已经录入" in response.content.decode()
    assert CalendarDay.objects.filter(date=date(2027, 1, 1)).count() == 1


def test_edit_and_delete_a_day(client, sysadmin):
    day = CalendarDayFactory(date=date(2030, 1, 1))
    client.force_login(sysadmin)
    assert client.get(f"{BASE}days/{day.pk}/edit/").status_code == 200
    response = client.post(
        f"{BASE}days/{day.pk}/edit/", {"kind": "off", "name": "元旦节"}
    )
    assert response.status_code == 302
    day.refresh_from_db()
    assert day.name == "元旦节"
    assert "元旦节" in client.get(f"{BASE}days/{day.pk}/delete/").content.decode()
    assert client.post(f"{BASE}days/{day.pk}/delete/").status_code == 302
    assert not CalendarDay.objects.filter(pk=day.pk).exists()


def test_csv_upload_good_then_bad(client, sysadmin):
    client.force_login(sysadmin)
    good = SimpleUploadedFile(
        "2027.csv", "2027-01-01,休,元旦\n2027-02-06,班,春节调休上班\n".encode()
    )
    response = client.post(f"{BASE}import/", {"file": good}, follow=True)
    assert "新增 2 天" in response.content.decode()
    bad = SimpleUploadedFile("bad.csv", "2027-03-01,休,x\n2027-03-02,??,y\n".encode())
    response = client.post(f"{BASE}import/", {"file": bad})
    body = response.content.decode()
    assert response.status_code == 200
    assert "未导入任何内容" in body
    assert "第2行" in body
    assert not CalendarDay.objects.filter(date=date(2027, 3, 1)).exists()


def test_csv_upload_without_file(client, sysadmin):
    client.force_login(sysadmin)
    response = client.post(f"{BASE}import/", {})
    assert response.status_code == 200
    assert '<p class="error-message" role="alert">' in response.content.decode()


def test_menu_item_shown_to_staff_only(client, clerk):
    client.force_login(clerk)
    assert BASE in client.get("/admin/").content.decode()
