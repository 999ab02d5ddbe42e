"""Catalogue item pages rendered on publication (gongkai/portal/snapshots.py): what a
visitor receives from a snapshot is byte for byte what the live page would be, and
every change of what the page shows reaches the next visitor."""

from __future__ import annotations

import datetime
import io

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from gongkai.portal import snapshots
from gongkai.portal.models import PageSnapshot
from gongkai.publications.models import CatalogueItemPage
from tests.factories.portal import publish
from tests.factories.publications import draft_item

pytestmark = pytest.mark.django_db

ITEMS = ("rule", "old", "info")


@pytest.fixture
def rendered(catalogue):
    count = snapshots.render_snapshots()
    assert count == 3  # the three catalogue items; interpretations and consultations
    return catalogue  # are rendered as usual


@pytest.fixture
def live(client, settings):
    """live(url, **headers) -> the page rendered as usual (no snapshot, no cache)."""

    def get(url, **headers):
        settings.PORTAL_SNAPSHOTS = False
        settings.PORTAL_PAGE_CACHE = False
        try:
            return client.get(url, **headers)
        finally:
            settings.PORTAL_SNAPSHOTS = True
            settings.PORTAL_PAGE_CACHE = True

    return get


def _served(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    assert response.get("X-Page-Cache") == "snapshot", url
    return response


def _assert_true_to_live(client, live, url, **headers):
    stored = _served(client, url, **headers)
    usual = live(url, **headers)
    assert stored.content == usual.content
    return stored.content.decode()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_snapshot_is_the_page_a_visitor_would_get(client, live, rendered, language):
    for name in ITEMS:
        url = rendered[name].url
        with CaptureQueriesContext(connection) as queries:
            stored = _served(client, url, HTTP_ACCEPT_LANGUAGE=language)
        assert len(queries) == 1
        usual = live(url, HTTP_ACCEPT_LANGUAGE=language)
        assert stored.content == usual.content
        headers = {k: v for k, v in usual.items()}
        assert {k: v for k, v in stored.items() if k != "X-Page-Cache"} == headers
    assert PageSnapshot.objects.count() == 6


def test_interpretations_are_listed_on_the_item_they_explain(client, live, rendered):
    html = _assert_true_to_live(client, live, rendered["rule"].url)
    assert rendered["interpretation"].title in html


def test_publication_renders_the_page(
    client, live, catalogue, django_capture_on_commit_callbacks
):
    page = draft_item(catalogue["section"], title="2024年度部门预算公开")
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(page)
    assert set(
        PageSnapshot.objects.filter(page=page).values_list("language", flat=True)
    ) == {"zh-hans", "en"}
    assert "2024年度部门预算公开" in _assert_true_to_live(client, live, page.url)


def test_withdrawal_removes_the_page_within_the_transaction(client, rendered):
    info = rendered["info"]
    info.unpublish()  # no commit yet: the snapshot is gone already
    assert not PageSnapshot.objects.filter(page=info).exists()
    assert client.get(info.url).status_code == 404


def test_new_revision_replaces_the_page(
    client, live, rendered, django_capture_on_commit_callbacks
):
    info = rendered["info"]
    info.body = "<p>预算收入合计5678万元。</p>"
    with django_capture_on_commit_callbacks(execute=True):
        publish(info)
    html = _assert_true_to_live(client, live, info.url)
    assert "5678万元" in html and "1234万元" not in html


def test_a_page_changed_several_times_in_one_transaction_is_rendered_once(
    client, live, rendered, django_capture_on_commit_callbacks, monkeypatch
):
    calls = []
    render = snapshots.render_snapshots

    def counting(ids, **kwargs):
        calls.append(sorted(ids))
        return render(ids, **kwargs)

    monkeypatch.setattr(snapshots, "render_snapshots", counting)
    info = rendered["info"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        info.body = "<p>预算收入合计5678万元。</p>"
        publish(info)
        info.body = "<p>预算收入合计9012万元。</p>"
        publish(info)
    assert len(callbacks) > 2  # one per change
    assert calls == [[info.pk]]  # rendered once, after the last change
    html = _assert_true_to_live(client, live, info.url)
    assert "9012万元" in html
    # the next transaction is a batch of its own: its change is rendered again
    with django_capture_on_commit_callbacks(execute=True):
        info.body = "<p>预算收入合计3456万元。</p>"
        publish(info)
    assert calls == [[info.pk], [info.pk]]
    assert "3456万元" in _assert_true_to_live(client, live, info.url)


def test_attachment_added_in_a_revision_shows(
    client, live, rendered, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.publications.models import CatalogueAttachment
    from tests.factories.portal import PDF

    info = CatalogueItemPage.objects.get(pk=rendered["info"].pk)
    info.attachments.add(
        CatalogueAttachment(
            title="预算表",
            file=SimpleUploadedFile("budget.pdf", PDF, "application/pdf"),
        )
    )
    with django_capture_on_commit_callbacks(execute=True):
        publish(info)
    assert "预算表" in _assert_true_to_live(client, live, info.url)


def test_register_change_shows_the_new_validity(
    client, live, rendered, django_capture_on_commit_callbacks
):
    rule = rendered["rule"]
    before = _served(client, rule.url).content
    document = rule.document
    document.repealed_on = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        document.save()
    assert _assert_true_to_live(client, live, rule.url) != before.decode()


def test_withdrawn_interpretation_leaves_the_item(
    client, live, rendered, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rendered["interpretation"].unpublish()
    html = _assert_true_to_live(client, live, rendered["rule"].url)
    assert rendered["interpretation"].title not in html


def test_agency_renamed_shows_on_every_item(
    client, live, rendered, django_capture_on_commit_callbacks
):
    agency = rendered["agency"]
    agency.name = "甲市司法局（更名）"
    with django_capture_on_commit_callbacks(execute=True):
        agency.save()
    for name in ITEMS:
        assert "甲市司法局（更名）" in _assert_true_to_live(
            client, live, rendered[name].url
        )


def test_section_address_change_moves_every_item(
    client, live, rendered, django_capture_on_commit_callbacks
):
    old_url = rendered["info"].url
    section = rendered["section"]
    section.slug = "sfj-new"
    with django_capture_on_commit_callbacks(execute=True):
        publish(section)
    new_url = CatalogueItemPage.objects.get(pk=rendered["info"].pk).url
    assert new_url != old_url and "/sfj-new/" in new_url
    old = client.get(old_url)  # Wagtail's automatic redirect, not a stale page
    assert old.status_code == 301 and old["Location"] == new_url
    _assert_true_to_live(client, live, new_url)


def test_restricted_pages_are_never_stored(
    client, rendered, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=rendered["section"], restriction_type=PageViewRestriction.LOGIN
        )
    assert not PageSnapshot.objects.exists()
    assert snapshots.render_snapshots() == 0
    response = client.get(rendered["info"].url)
    assert response.status_code == 302 and "X-Page-Cache" not in response


def test_only_anonymous_visitors_without_a_query_get_snapshots(
    client, rendered, member, settings
):
    url = rendered["info"].url
    assert client.get(url, {"print": "1"}).get("X-Page-Cache") != "snapshot"
    settings.PORTAL_SNAPSHOTS = False
    assert client.get(url).get("X-Page-Cache") != "snapshot"
    settings.PORTAL_SNAPSHOTS = True
    client.force_login(member(rendered["agency"], "clerk"))
    response = client.get(url)
    assert response.status_code == 200 and "X-Page-Cache" not in response


def test_snapshot_of_other_templates_or_past_its_date_is_not_served(client, rendered):
    url = rendered["info"].url
    PageSnapshot.objects.filter(path=url).update(epoch="0" * 16)
    assert client.get(url).get("X-Page-Cache") != "snapshot"
    PageSnapshot.objects.filter(path=url).update(
        epoch=snapshots.epoch(), stale_on=timezone.localdate()
    )
    assert client.get(url).get("X-Page-Cache") != "snapshot"
    PageSnapshot.objects.filter(path=url).update(
        stale_on=timezone.localdate() + datetime.timedelta(days=1)
    )
    _served(client, url)


def test_stale_on_is_the_next_day_validity_changes(rendered):
    today = timezone.localdate()
    rule = CatalogueItemPage.objects.select_related("document").get(
        pk=rendered["rule"].pk
    )
    assert snapshots._stale_on(rule, today) is None  # in force, no end date
    rule.document.valid_until = today + datetime.timedelta(days=10)
    assert snapshots._stale_on(rule, today) == today + datetime.timedelta(days=11)
    rule.document.repealed_on = today + datetime.timedelta(days=3)
    assert snapshots._stale_on(rule, today) == today + datetime.timedelta(days=3)
    info = CatalogueItemPage.objects.get(pk=rendered["info"].pk)
    assert snapshots._stale_on(info, today) is None


def test_daily_command_renders_what_is_missing_or_stale(rendered):
    PageSnapshot.objects.filter(page=rendered["info"]).delete()
    PageSnapshot.objects.filter(page=rendered["rule"], language="en").update(
        stale_on=timezone.localdate()
    )
    assert snapshots.pages_to_render() == sorted(
        [rendered["info"].pk, rendered["rule"].pk]
    )
    out = io.StringIO()
    call_command("portal_snapshots", stdout=out)
    assert "已生成 2 个信息页面的静态页（zh-hans、en）" in out.getvalue()
    assert snapshots.pages_to_render() == []
    out = io.StringIO()
    call_command("portal_snapshots", "--all", "--language", "zh-hans", stdout=out)
    assert "已生成 3 个信息页面的静态页（zh-hans）" in out.getvalue()


def test_daily_command_refuses_an_unknown_language(rendered):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="未知的语言：fr"):
        call_command("portal_snapshots", "--language", "fr")
    assert PageSnapshot.objects.count() == 6


def test_interpretation_renders_only_the_items_it_explains(
    client, live, rendered, django_capture_on_commit_callbacks
):
    info_row = PageSnapshot.objects.get(page=rendered["info"], language="zh-hans")
    rule_row = PageSnapshot.objects.get(page=rendered["rule"], language="zh-hans")
    assert rule_row.interpretations == f",{rendered['interpretation'].pk},"
    interpretation = rendered["interpretation"]
    interpretation.title = "《甲市法律援助实施办法》图解"
    with django_capture_on_commit_callbacks(execute=True):
        publish(interpretation)
    assert "图解" in _assert_true_to_live(client, live, rendered["rule"].url)
    assert PageSnapshot.objects.get(pk=info_row.pk).rendered_at == info_row.rendered_at
    # Now it explains the budget instead: both items change.
    interpretation = type(interpretation).objects.get(pk=interpretation.pk)
    interpretation.explains.set([rendered["info"]])
    with django_capture_on_commit_callbacks(execute=True):
        publish(interpretation)
    assert "图解" in _assert_true_to_live(client, live, rendered["info"].url)
    assert "图解" not in _assert_true_to_live(client, live, rendered["rule"].url)


def test_agency_edit_that_items_do_not_show_keeps_the_pages(
    rendered, django_capture_on_commit_callbacks
):
    before = dict(PageSnapshot.objects.values_list("pk", "rendered_at"))
    agency = rendered["agency"]
    agency.phone = "0955-7654321"
    with django_capture_on_commit_callbacks(execute=True):
        agency.save()
    assert dict(PageSnapshot.objects.values_list("pk", "rendered_at")) == before


def test_pages_are_not_stored_while_another_serve_hook_is_registered(catalogue):
    from wagtail import hooks

    def add_header(page, request, serve_args, serve_kwargs):
        return None

    with hooks.register_temporarily("before_serve_page", add_header):
        assert snapshots.render_snapshots() == 0
    assert snapshots.render_snapshots() == 3


def test_failed_rendering_after_publication_leaves_the_page_live(
    client, catalogue, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise RuntimeError("template error")

    monkeypatch.setattr(snapshots, "_render", broken)
    page = draft_item(catalogue["section"], title="2025年度部门预算公开")
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(page)
    assert not PageSnapshot.objects.filter(page=page).exists()
    assert "Rendering item pages" in caplog.text
    response = client.get(page.url)
    assert response.status_code == 200 and "2025年度部门预算公开" in response.text


def test_large_changes_render_in_batches(catalogue, monkeypatch):
    monkeypatch.setattr(snapshots, "BATCH", 2)
    assert snapshots.render_snapshots() == 3
    ids = [catalogue[name].pk for name in ITEMS]
    assert snapshots.render_snapshots([*ids, catalogue["open"].pk]) == 3
    assert PageSnapshot.objects.count() == 6


def test_epoch_follows_the_templates_while_debugging(settings, monkeypatch):
    settings.DEBUG = False
    fixed = snapshots.epoch()
    monkeypatch.setattr(snapshots, "_computed_epoch", lambda: "edited-template")
    assert snapshots.epoch() == fixed  # computed once per process
    settings.DEBUG = True
    assert snapshots.epoch() == "edited-template"


def test_unchanged_page_is_not_sent_again(
    client, rendered, django_capture_on_commit_callbacks
):
    url = rendered["info"].url
    first = _served(client, url)
    assert first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    info = rendered["info"]
    info.body = "<p>预算收入合计5678万元。</p>"
    with django_capture_on_commit_callbacks(execute=True):
        publish(info)
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and "5678万元" in changed.text
