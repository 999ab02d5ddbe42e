"""Catalogue item pages rendered when they are published (静态化), served to anonymous
visitors with one indexed read.

An agency's catalogue holds tens of thousands of items, each read now and then, so a
cache filled by visits rarely holds the one asked for. Instead, the page an anonymous
visitor would receive is rendered when the item is published and stored in
``PageSnapshot`` (path × language); the public page middleware answers from it without
routing, queries or templates.

A snapshot is dropped at once (inside the transaction that changes what it shows) and
rendered again after that transaction commits, whenever something it shows changes:

- the item (publication, unpublication, move, deletion, any save of its row);
- its catalogue entry (索引号, date of publication) and its official document (文号,
  dates, 有效性 — which also changes with the date: ``stale_on``);
- its attachments; a policy interpretation published, withdrawn or deleted (the items
  it listed and those it explains now);
- its agency's name; a changed slug or a move of any page; a section or the root
  withdrawn or deleted; the site (every item below them);
- view restrictions (such pages are never stored);
- the templates, translations and static files (``epoch()``: a snapshot rendered with
  others is not served).

Whatever is not served from a snapshot is rendered as usual. Items that a change
touched beyond ``RERENDER_LIMIT`` at once, and those whose 有效性 changes on a date,
are rendered again by ``gongkai portal_snapshots`` (run daily, after
``publications_daily``). Only the default site's pages are stored, for visitors
without a session (``page_cache._cacheable_request``), for paths without a query.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

import wagtail
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished

import gongkai

from .models import PageSnapshot

PREFIX = "/gk/"
RERENDER_LIMIT = 200
BATCH = 500
_OLD_NAME_ATTR = "_gongkai_name_before_save"
logger = logging.getLogger(__name__)


# --- Rendering epoch ---


def _epoch_sources() -> Iterator[Path]:
    package = _package_root()
    for pattern in ("*/templates/**/*", "*/locale/**/*.mo"):
        yield from sorted(p for p in package.glob(pattern) if p.is_file())
    template_settings: dict[str, Any] = settings.TEMPLATES[0]
    for directory in template_settings.get("DIRS", []):
        yield from sorted(p for p in Path(directory).glob("**/*") if p.is_file())
    manifest = Path(str(settings.STATIC_ROOT or "")) / "staticfiles.json"
    if settings.STATIC_ROOT and manifest.is_file():
        yield manifest


def epoch() -> str:
    """A digest of what an item page is rendered with besides its records: the
    project's templates and compiled translations, the static files' manifest, the
    framework versions and the URL settings. Computed once per process, or on every
    call with ``DEBUG`` (templates edited while the development server runs)."""
    return _computed_epoch() if settings.DEBUG else _process_epoch()


def _package_root() -> Path:
    return Path(gongkai.__file__).resolve().parent


def _computed_epoch() -> str:
    digest = hashlib.sha256()
    for part in (
        django.__version__,
        wagtail.__version__,
        getattr(gongkai, "__version__", ""),
        settings.STATIC_URL,
        settings.MEDIA_URL,
        settings.LANGUAGE_CODE,
        getattr(settings, "X_FRAME_OPTIONS", "DENY"),
    ):
        digest.update(str(part).encode() + b"\0")
    root = _package_root()
    for path in _epoch_sources():
        name = path.relative_to(root) if path.is_relative_to(root) else path
        digest.update(str(name).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@functools.cache
def _process_epoch() -> str:
    return _computed_epoch()


# --- Serving ---


def enabled() -> bool:
    return bool(getattr(settings, "PORTAL_SNAPSHOTS", True))


def snapshot_response(request: HttpRequest) -> HttpResponse | None:
    """The stored page for this request, or None. The caller has checked that the
    request is a cacheable anonymous GET/HEAD."""
    path = request.path
    if not path.startswith(PREFIX) or request.META.get("QUERY_STRING"):
        return None
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    row = (
        PageSnapshot.objects.filter(path=path, language=language)
        .values_list("html", "epoch", "stale_on")
        .first()
    )
    if row is None:
        return None
    html, rendered_with, stale_on = row
    if rendered_with != epoch() or (
        stale_on is not None and stale_on <= timezone.localdate()
    ):
        return None
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["X-Frame-Options"] = getattr(settings, "X_FRAME_OPTIONS", "DENY").upper()
    response["X-Page-Cache"] = "snapshot"
    return response


# --- Rendering ---


def _item_model() -> Any:
    from gongkai.publications.models import CatalogueItemPage

    return CatalogueItemPage


def _default_site() -> Site | None:
    """The site whose pages are stored: the only one (with several sites, a path alone
    does not say which page it is, and nothing is stored)."""
    sites = list(Site.objects.select_related("root_page")[:2])
    return sites[0] if len(sites) == 1 else None


# Wagtail's own serve hooks: the request method check (a GET passes) and the view
# restrictions (restricted pages are never stored).
_KNOWN_HOOKS = {
    "before_serve_page": {"wagtail.wagtail_hooks.check_request_method"},
    "on_serve_page": {"wagtail.wagtail_hooks.check_view_restrictions"},
}


def _plain_serving() -> bool:
    """Snapshots are rendered with ``Page.serve``, past Wagtail's serve hooks: store
    them only while no other hook could change what a visitor receives."""
    from wagtail import hooks

    return all(
        {f"{fn.__module__}.{fn.__name__}" for fn in hooks.get_hooks(name)} <= known
        for name, known in _KNOWN_HOOKS.items()
    )


def _languages(languages: Iterable[str] | None) -> list[str]:
    known = [code for code, _name in settings.LANGUAGES]
    return [code for code in (languages or known) if code in known]


def _stale_on(page: Any, today: datetime.date) -> datetime.date | None:
    """The first day the page's 有效性 reads differently (see ``document_validity``)."""
    document = page.document if page.document_id else None
    if document is None or not document.is_rule:
        return None
    days = [
        document.repealed_on,
        document.valid_until + datetime.timedelta(days=1)
        if document.valid_until
        else None,
        document.starts_on,
    ]
    future = [day for day in days if day is not None and day > today]
    return min(future) if future else None


def _request(site: Site, path: str, language: str) -> HttpRequest:
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = path
    request.META = {
        "SERVER_NAME": site.hostname,
        "SERVER_PORT": str(site.port),
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
    }
    request._wagtail_site = site  # type: ignore[attr-defined]
    request.user = AnonymousUser()
    request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
    return request


def _render(page: Any, site: Site, path: str, language: str) -> str:
    with translation.override(language):
        request = _request(site, path, language)
        response = page.serve(request)
        response.render()
        return response.content.decode()


def _restricted_paths() -> list[str]:
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def _prepared(pages: list[Any]) -> list[Any]:
    """Attach what the template reads, in a few queries for the whole batch."""
    from gongkai.publications.models import (
        CatalogueEntry,
        DisclosureIndexPage,
        InterpretationPage,
    )

    if not pages:
        return pages
    steplen = Page.steplen
    section_paths = {page.path[:-steplen] for page in pages}
    sections = {
        section.path: section
        for section in DisclosureIndexPage.objects.filter(
            path__in=section_paths
        ).select_related("agency")
    }
    ids = [page.pk for page in pages]
    entries = {
        entry.page_id: entry for entry in CatalogueEntry.objects.filter(page_id__in=ids)
    }
    through = InterpretationPage.explains.through
    explained: dict[int, list[Any]] = {page_id: [] for page_id in ids}
    links = list(
        through.objects.filter(
            catalogueitempage_id__in=ids, interpretationpage__live=True
        ).values_list("catalogueitempage_id", "interpretationpage_id")
    )
    if links:
        interpretations = InterpretationPage.objects.in_bulk(
            {interpretation for _page, interpretation in links}
        )
        for page_id, interpretation_id in links:
            explained[page_id].append(interpretations[interpretation_id])
    for page in pages:
        section = sections.get(page.path[:-steplen])
        if section is not None:
            page.__dict__["section"] = section
        page.__dict__["catalogue_entry_or_none"] = entries.get(page.pk)
        page.__dict__["live_interpretations"] = sorted(
            explained[page.pk], key=lambda interpretation: interpretation.path
        )
    return pages


def render_snapshots(
    page_ids: Iterable[int] | None = None,
    *,
    languages: Iterable[str] | None = None,
    under_path: str | None = None,
) -> int:
    """Render and store the snapshots of these live catalogue items (all when neither
    ``page_ids`` nor ``under_path`` is given); drop those of the others. Returns the
    number of pages stored (per language)."""
    site = _default_site()
    codes = _languages(languages)
    item_model = _item_model()
    if page_ids is not None:
        ids = sorted(set(page_ids))
    else:
        live = item_model.objects.live()
        if under_path is not None:
            live = live.filter(path__startswith=under_path)
        ids = list(live.order_by("path").values_list("pk", flat=True))
    chunks = [ids[start : start + BATCH] for start in range(0, len(ids), BATCH)]
    if site is None or not _plain_serving():
        for chunk in chunks:
            PageSnapshot.objects.filter(page_id__in=chunk, language__in=codes).delete()
        return 0
    restricted = _restricted_paths()
    today = timezone.localdate()
    stored = 0
    for chunk in chunks:
        pages = _prepared(
            list(
                item_model.objects.live()
                .filter(pk__in=chunk)
                .select_related("document")
                .prefetch_related("attachments")
                .order_by("path")
            )
        )
        rows = []
        for page in pages:
            path = page.get_url(None)
            if (
                not path
                or not path.startswith(PREFIX)
                or any(page.path.startswith(r) for r in restricted)
            ):
                continue
            for language in codes:
                rows.append(
                    PageSnapshot(
                        page_id=page.pk,
                        path=path,
                        language=language,
                        html=_render(page, site, path, language),
                        epoch=epoch(),
                        stale_on=_stale_on(page, today),
                        interpretations="".join(
                            f",{i.pk}" for i in page.live_interpretations
                        )
                        + ",",
                        rendered_at=timezone.now(),
                    )
                )
        with transaction.atomic():
            PageSnapshot.objects.filter(
                Q(page_id__in=chunk) | Q(path__in={row.path for row in rows}),
                language__in=codes,
            ).delete()
            PageSnapshot.objects.bulk_create(rows)
        stored += len(rows) // max(1, len(codes))
    return stored


def pages_to_render(languages: Iterable[str] | None = None) -> list[int]:
    """Live catalogue items lacking a current snapshot in any of ``languages``:
    never rendered, rendered with other templates, or stale by date."""
    codes = _languages(languages)
    today = timezone.localdate()
    live = set(_item_model().objects.live().values_list("pk", flat=True))
    current = PageSnapshot.objects.filter(
        Q(stale_on__isnull=True) | Q(stale_on__gt=today),
        epoch=epoch(),
        language__in=codes,
    ).values_list("page_id", "language")
    have: dict[int, int] = {}
    for page_id, _language in current:
        have[page_id] = have.get(page_id, 0) + 1
    return sorted(pk for pk in live if have.get(pk, 0) < len(codes))


def drop_withdrawn() -> int:
    """Remove snapshots of pages no longer live (a safety net; withdrawal drops them)."""
    deleted, _ = PageSnapshot.objects.exclude(page__live=True).delete()
    return deleted


# --- Keeping snapshots true ---


def _drop(page_ids: Iterable[int] | None, under_path: str | None) -> None:
    if page_ids is None and under_path is None:
        PageSnapshot.objects.all().delete()
    elif page_ids is not None:
        PageSnapshot.objects.filter(page_id__in=list(page_ids)).delete()
    else:
        PageSnapshot.objects.filter(page__path__startswith=str(under_path)).delete()


class _Batch:
    """The changes of one transaction. Its callbacks all run one after another once it
    commits, each seeing everything it committed, so a page changed several times in
    it (published, then its attachments, then its catalogue entry) is rendered once."""

    def __init__(self) -> None:
        self.rendered: set[int] = set()
        self.running = False


class _AfterCommit:
    """One change, handled once its transaction commits."""

    def __init__(
        self, page_ids: list[int] | None, under_path: str | None, batch: _Batch
    ) -> None:
        self.page_ids = page_ids
        self.under_path = under_path
        self.batch = batch

    def __call__(self) -> None:
        self.batch.running = True
        if self.page_ids is None:
            _drop(None, self.under_path)
            items = _item_model().objects.live()
            if self.under_path is not None:
                items = items.filter(path__startswith=self.under_path)
            ids = set(items.values_list("pk", flat=True)[: RERENDER_LIMIT + 1])
        else:
            ids = set(self.page_ids)
        if len(ids) > RERENDER_LIMIT:
            _drop(sorted(ids - self.batch.rendered), None)
            return  # left to ``gongkai portal_snapshots``; served live until then
        ids -= self.batch.rendered
        if not ids:
            return  # rendered after this same commit by an earlier change
        _drop(sorted(ids), None)
        try:
            render_snapshots(ids)
        except Exception:  # the change is committed; these pages are served live
            logger.exception("Rendering item pages %s failed", sorted(ids)[:20])
        self.batch.rendered |= ids


def _batch(using: str | None) -> _Batch:
    """The batch of the transaction now open on this connection (a new one once the
    previous transaction's callbacks have started, or outside any transaction)."""
    connection = transaction.get_connection(using)
    batch: _Batch | None = getattr(connection, "_gongkai_snapshot_batch", None)
    if batch is None or batch.running or not connection.in_atomic_block:
        batch = _Batch()
        connection._gongkai_snapshot_batch = batch  # type: ignore[attr-defined]
    return batch


def snapshots_changed(
    page_ids: Iterable[int] | None = None,
    *,
    under_path: str | None = None,
    using: str | None = None,
) -> None:
    """What these pages show is changing (``page_ids``; or every page below
    ``under_path``; or every page when both are None): drop their snapshots now,
    inside the transaction (visitors get the live page from its commit on), and
    render them again once it commits (up to ``RERENDER_LIMIT`` pages; more are left
    to ``gongkai portal_snapshots``). A transaction rolled back renders nothing."""
    if not enabled():
        return
    ids = None if page_ids is None else [pk for pk in page_ids if pk is not None]
    _drop(ids, under_path)
    transaction.on_commit(_AfterCommit(ids, under_path, _batch(using)), using=using)


def _on_item_event(sender: Any, instance: Any, **kwargs: Any) -> None:
    """An item saved, published, withdrawn or deleted."""
    snapshots_changed([instance.pk], using=kwargs.get("using"))


def _on_interpretation_event(sender: Any, instance: Any, **kwargs: Any) -> None:
    """An interpretation published, withdrawn or deleted: the items it explained
    (their snapshots list it) and those it explains now."""
    listed = PageSnapshot.objects.filter(
        interpretations__contains=f",{instance.pk},"
    ).values_list("page_id", flat=True)
    ids = set(listed)
    if kwargs.get("signal") is not post_delete and instance.live:
        ids.update(instance.explains.values_list("pk", flat=True))
    if ids:
        snapshots_changed(ids, using=kwargs.get("using"))


def _on_page_event(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Other pages: a published item's routing or addresses may have changed."""
    from gongkai.publications.models import CatalogueItemPage, InterpretationPage

    if isinstance(instance, CatalogueItemPage):
        _on_item_event(sender, instance, **kwargs)
    elif isinstance(instance, InterpretationPage):
        _on_interpretation_event(sender, instance, **kwargs)
    else:
        snapshots_changed(using=kwargs.get("using"))


def _on_related(sender: Any, instance: Any, **kwargs: Any) -> None:
    from gongkai.agencies.models import Agency
    from gongkai.publications.models import (
        CatalogueAttachment,
        CatalogueEntry,
        CatalogueItemPage,
        OfficialDocument,
    )

    using = kwargs.get("using")
    if isinstance(instance, CatalogueEntry | CatalogueAttachment):
        if instance.page_id is not None:
            snapshots_changed([int(instance.page_id)], using=using)
    elif isinstance(instance, OfficialDocument):
        pages = CatalogueItemPage.objects.filter(document_id=instance.pk)
        snapshots_changed(list(pages.values_list("pk", flat=True)), using=using)
    elif isinstance(instance, Agency):
        # Item pages show the agency's name only.
        renamed = getattr(instance, _OLD_NAME_ATTR, instance.name) != instance.name
        section = getattr(instance, "disclosure_section", None)
        if section is not None and (renamed or kwargs.get("signal") is post_delete):
            snapshots_changed(under_path=section.path, using=using)
    elif isinstance(instance, PageViewRestriction | Site):
        snapshots_changed(using=using)


def _remember_agency_name(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.pk and not kwargs.get("raw"):
        old = type(instance).objects.filter(pk=instance.pk).values_list("name").first()
        setattr(instance, _OLD_NAME_ATTR, old[0] if old else instance.name)


def connect() -> None:
    from wagtail.signals import page_slug_changed, post_page_move

    from gongkai.agencies.models import Agency
    from gongkai.publications.models import (
        CatalogueAttachment,
        CatalogueEntry,
        CatalogueItemPage,
        DisclosureIndexPage,
        DisclosureRootPage,
        InterpretationPage,
        OfficialDocument,
    )

    def hook(signal: Any, receiver: Any, sender: Any = None) -> None:
        name = getattr(sender, "__name__", "any")
        signal.connect(
            receiver,
            sender=sender,
            weak=False,
            dispatch_uid=f"portal.snapshots.{receiver.__name__}.{name}.{id(signal)}",
        )

    for signal in (page_published, page_unpublished, post_save, post_delete):
        hook(signal, _on_item_event, CatalogueItemPage)
    for signal in (page_published, page_unpublished, post_delete):
        hook(signal, _on_interpretation_event, InterpretationPage)
    for container in (DisclosureIndexPage, DisclosureRootPage):
        hook(page_unpublished, _on_page_event, container)
        hook(post_delete, _on_page_event, container)
    # Any page: a changed slug or a move changes addresses below it.
    hook(page_slug_changed, _on_page_event)
    hook(post_page_move, _on_page_event)
    for model in (
        CatalogueEntry,
        CatalogueAttachment,
        OfficialDocument,
        Agency,
        PageViewRestriction,
        Site,
    ):
        hook(post_save, _on_related, model)
        hook(post_delete, _on_related, model)
    hook(pre_save, _remember_agency_name, Agency)
