"""Admin forms of the catalogue pages: scoped choices and the item rules."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from wagtail.admin.forms import WagtailAdminPageForm

from . import rules


class DisclosureItemForm(WagtailAdminPageForm):
    """Shared by every item page: knows the agency from the section page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agency = self._find_agency()
        if "document" in self.fields:
            from .models import OfficialDocument

            self.fields["document"].queryset = OfficialDocument.objects.filter(  # type: ignore[attr-defined]
                agency=self.agency
            ).order_by("-written_on")
        if "explains" in self.fields:
            from .models import CatalogueItemPage

            # Published documents of any agency (a department explains the
            # government's rules too); drafts of other agencies stay hidden.
            self.fields["explains"].queryset = (  # type: ignore[attr-defined]
                CatalogueItemPage.objects.live()
                .filter(kind="document")
                .order_by("-first_published_at", "title")
            )
        self._set_consultation_defaults()

    def _find_agency(self) -> Any:
        parent = self.parent_page
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        return getattr(getattr(parent, "specific", None), "agency", None)

    def _set_consultation_defaults(self) -> None:
        if "opens_on" not in self.fields or self.instance.pk or self.agency is None:
            return
        from .selectors.documents import disclosure_settings_for

        days = disclosure_settings_for(agency=self.agency).consultation_days
        today = timezone.localdate()
        self.initial.setdefault("opens_on", None)
        self.initial["opens_on"] = self.initial["opens_on"] or today
        self.initial["closes_on"] = self.initial.get("closes_on") or (
            today + datetime.timedelta(days=days - 1)
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.agency is None:
            return cleaned
        problems = {
            "art21_category": rules.art21_problem(
                agency=self.agency, art21_category=cleaned.get("art21_category", "")
            ),
            "withdrawal_reason": rules.expiry_problem(
                expire_at=cleaned.get("expire_at"),
                withdrawal_reason=cleaned.get("withdrawal_reason", ""),
            ),
        }
        if "document" in self.fields:
            problems["document"] = rules.document_problem(
                agency=self.agency,
                kind=cleaned.get("kind", ""),
                document=cleaned.get("document"),
            )
        if "opens_on" in self.fields:
            problems.update(
                rules.consultation_problems(
                    opens_on=cleaned.get("opens_on"),
                    closes_on=cleaned.get("closes_on"),
                    feedback=cleaned.get("feedback", "") or "",
                    today=timezone.localdate(),
                )
            )
        for field, message in problems.items():
            if message and field in self.fields:
                self.add_error(field, message)
        return cleaned
