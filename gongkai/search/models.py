"""The search index: one entry per published object, fed by the apps that own it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """What the public search knows about one published object.

    The owning app calls ``search_index_upsert`` when the object is published or
    changed and ``search_index_remove`` when it is withdrawn; the index holds only
    what the public may read. ``segmented`` is the jieba-segmented text matched by
    the database's full-text index (an FTS5 table on SQLite, a generated tsvector
    column on PostgreSQL, both created by migration 0002, outside the model).
    """

    # Small columns first: SQLite reads a row's columns in order, and the large
    # texts at the end spill into overflow pages that filters need not touch.
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="search_entries",
    )
    kind = models.CharField(
        _("kind"), max_length=40, help_text=_("e.g. catalogue_item, consultation")
    )
    category = models.CharField(_("category"), max_length=40, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)
    doc_number_key = models.CharField(max_length=100, blank=True, db_index=True)
    index_number_key = models.CharField(max_length=100, blank=True, db_index=True)
    object_key = models.CharField(
        _("object key"),
        max_length=200,
        unique=True,
        help_text=_("e.g. publications.CatalogueItemPage:123"),
    )
    url = models.CharField(_("URL"), max_length=500)
    title = models.CharField(_("title"), max_length=500)
    doc_number = models.CharField(_("document number"), max_length=100, blank=True)
    index_number = models.CharField(_("index number"), max_length=100, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body_text = models.TextField(_("body text"), blank=True)
    attachment_text = models.TextField(_("attachment text"), blank=True)
    segmented_title = models.TextField(blank=True)
    segmented = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            models.Index(fields=["agency", "year"], name="gk_search_agency_year"),
            # Covers the join from full-text matches to the columns that filter,
            # count and order them, so that SQLite never reads the wide rows of
            # the thousands of entries a common word matches.
            models.Index(
                fields=["id", "agency", "category", "year", "kind", "published_at"],
                name="gk_search_cover",
            ),
        ]

    def __str__(self) -> str:
        return self.title
