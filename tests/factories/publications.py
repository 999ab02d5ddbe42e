"""Factories and helpers for proactive disclosure (register, catalogue pages, review)."""

from __future__ import annotations

import datetime
from typing import Any

import factory

from gongkai.publications.models import (
    Art20Category,
    CatalogueItemPage,
    ConsultationPage,
    DisclosureAttribute,
    DocumentType,
    InterpretationPage,
    ItemKind,
    OfficialDocument,
    Topic,
    TrialKind,
)
from gongkai.publications.services.catalogue import disclosure_section_ensure

from .agencies import AgencyFactory, UserFactory


class OfficialDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfficialDocument

    agency = factory.SubFactory(AgencyFactory)
    title = factory.Sequence(lambda n: f"关于测试事项的通知（{n}）")
    organ_code = "测发"
    doc_year = 2023
    doc_serial = factory.Sequence(lambda n: n + 1)
    written_on = datetime.date(2023, 3, 1)
    doc_type = DocumentType.OTHER
    attribute = DisclosureAttribute.PROACTIVE

    class Params:
        normative = factory.Trait(
            doc_type=DocumentType.NORMATIVE,
            effective_from=factory.SelfAttribute("written_on"),
        )
        regulation = factory.Trait(doc_type=DocumentType.REGULATION)
        on_trial = factory.Trait(trial=TrialKind.TRIAL)
        withheld = factory.Trait(
            attribute=DisclosureAttribute.WITHHELD,
            attribute_reason="涉及国家秘密（条例第十四条）",
        )
        on_application = factory.Trait(
            attribute=DisclosureAttribute.ON_APPLICATION,
            attribute_reason="仅涉及特定对象，不宜主动公开",
        )


def superuser() -> Any:
    return UserFactory(username="root", is_superuser=True, is_staff=True)


def section_for(agency: Any, slug: str = "") -> Any:
    """The agency's disclosure section with its review workflow."""
    return disclosure_section_ensure(
        acting_user=superuser(), agency=agency, slug=slug or f"a{agency.pk}"
    )


ITEM_DEFAULTS: dict[str, Any] = {
    "category": Art20Category.OTHER,
    "topic": Topic.JUSTICE,
}


def draft_item(section: Any, *, owner: Any = None, **fields: Any) -> CatalogueItemPage:
    """A draft catalogue item under ``section`` with one saved revision."""
    n = CatalogueItemPage.objects.count() + 1
    values = {
        "title": f"测试信息{n}",
        "slug": f"item-{section.pk}-{n}",
        "kind": ItemKind.INFORMATION,
        **ITEM_DEFAULTS,
        **fields,
        "live": False,
        "owner": owner,
    }
    page = CatalogueItemPage(**values)
    section.add_child(instance=page)
    page.save_revision(user=owner)
    return page


def draft_interpretation(section: Any, **fields: Any) -> InterpretationPage:
    n = InterpretationPage.objects.count() + 1
    values = {
        "title": f"解读{n}",
        "slug": f"interp-{section.pk}-{n}",
        **ITEM_DEFAULTS,
        "category": Art20Category.RULES,
        **fields,
        "live": False,
    }
    page = InterpretationPage(**values)
    section.add_child(instance=page)
    page.save_revision()
    return page


def draft_consultation(section: Any, **fields: Any) -> ConsultationPage:
    n = ConsultationPage.objects.count() + 1
    today = datetime.date.today()
    values = {
        "title": f"征求意见稿{n}",
        "slug": f"consult-{section.pk}-{n}",
        "opens_on": today - datetime.timedelta(days=1),
        "closes_on": today + datetime.timedelta(days=28),
        **ITEM_DEFAULTS,
        "category": Art20Category.RULES,
        **fields,
        "live": False,
    }
    page = ConsultationPage(**values)
    section.add_child(instance=page)
    page.save_revision()
    return page


def run_review(page: Any, *, submitter: Any, reviewers: dict[str, Any]) -> Any:
    """Submit ``page`` to its workflow and approve every step with the given users
    (step name → user). Returns the page reloaded."""
    workflow = page.get_workflow()
    state = workflow.start(page, submitter)
    while state.status == state.STATUS_IN_PROGRESS:
        task_state = state.current_task_state
        step = task_state.task.name.split("·")[-1]
        task_state.task.specific.on_action(
            task_state, reviewers[step], "approve", comment=""
        )
        state.refresh_from_db()
    return type(page).objects.get(pk=page.pk)
