"""The disclosure guide (政府信息公开指南, Art. 12), generated from the agency's
settings, with any section replaced by the agency's own wording (``GuideText``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency, AgencyKind

from .models import GUIDE_SECTIONS, GuideText

HEADINGS: dict[str, Promise] = {
    "intro": _("About this guide"),
    "proactive": _("Proactive disclosure"),
    "on_application": _("Disclosure on application"),
    "fees": _("Fees"),
    "remedies": _("Supervision and remedies"),
    "extra": _("Other information"),
}

CONTACT_LABELS: tuple[tuple[str, Promise], ...] = (
    ("office_name", _("Disclosure office")),
    ("address", _("Office address")),
    ("postcode", _("Postcode")),
    ("phone", _("Telephone")),
    ("fax", _("Fax")),
    ("email", _("E-mail")),
    ("office_hours", _("Office hours")),
    ("website", _("Website")),
)

INTRO = _(
    "This guide is prepared under the Regulations of the People's Republic of China on the Disclosure of Government Information (the Regulations). Citizens, legal persons and other organisations who wish to obtain government information from %(agency)s may consult it. It is updated whenever anything in it changes."
)
PROACTIVE = (
    _(
        "Scope: %(agency)s publishes of its own accord the information listed in Art. 20 of the Regulations. The catalogue on this website lists every item with its index number, title, date of writing and date of publication."
    ),
    _(
        "Means: the disclosure section of this website is the main channel. Information may also be published through government gazettes, press conferences, newspapers, radio and television, and at the reading points of archives and public libraries (Art. 23 and 25)."
    ),
    _(
        "Time limit: information within the scope of proactive disclosure is published within 20 working days of being formed or changed (Art. 26)."
    ),
)
ON_APPLICATION = (
    _(
        "Who may apply: apart from what is published proactively, citizens, legal persons and other organisations may apply to %(agency)s for government information (Art. 27)."
    ),
    _(
        "How to apply: online with the form on this website, by letter, or in person at the disclosure office. Applications are made in writing; where writing is genuinely difficult, the applicant may apply orally and the office fills in the form (Art. 29)."
    ),
    _(
        "What an application contains: the applicant's name, proof of identity and contact; the title, document number or another description of the information sought; the requested form and how to receive it (Art. 29)."
    ),
    _(
        "Date of receipt: handed in person, the day it is handed in; by registered post, the day the agency signs for it; by ordinary post, the day the agency confirms receipt with the applicant; online or by fax, the day both parties confirm receipt (Art. 31)."
    ),
    _(
        "Time limit: the agency replies within 20 working days of receipt, counted from the following day. With the approval of the head of the disclosure office and notice to the applicant, it may extend this once by at most 20 working days. Time spent consulting third parties or other agencies does not count (Art. 33). If an application is unclear, the agency asks once, within 7 working days of receipt, for everything to be supplemented (Art. 30)."
    ),
)
FEES = _(
    "Government information is provided free of charge. Only where the number or frequency of an applicant's requests clearly exceeds a reasonable range may an information processing fee be charged, under the Measures on Information Processing Fees (国办函〔2020〕109号) (Art. 42)."
)
REMEDIES_COMPLAINT = _(
    "Anyone who believes that %(agency)s has infringed their lawful rights and interests in its disclosure work may complain or report to the agency at the next level up or to the department in charge of government information disclosure (Art. 51)."
)
REMEDIES_APPEAL_BODY = _(
    "They may also apply to %(body)s for administrative reconsideration within 60 days of learning of the decision, or bring an administrative lawsuit before the people's court within 6 months."
)
REMEDIES_APPEAL = _(
    "They may also apply for administrative reconsideration within 60 days of learning of the decision, or bring an administrative lawsuit before the people's court within 6 months."
)


@dataclass(frozen=True)
class GuideSection:
    key: str
    heading: str
    paragraphs: list[str]
    custom: bool


@dataclass(frozen=True)
class Guide:
    agency: Agency
    sections: list[GuideSection]
    contacts: list[tuple[str, str]] = field(default_factory=list)
    updated_at: datetime.datetime | None = None


def _remedies(agency: Agency) -> list[str]:
    params = {"agency": agency.name}
    paragraphs = [str(REMEDIES_COMPLAINT) % params]
    if agency.kind == AgencyKind.DEPARTMENT and agency.parent is not None:
        paragraphs.append(str(REMEDIES_APPEAL_BODY) % {"body": agency.parent.name})
    else:
        paragraphs.append(str(REMEDIES_APPEAL))
    return paragraphs


def generated_section(agency: Agency, key: str) -> list[str]:
    """The generated paragraphs of one section (empty for ``extra``)."""
    params = {"agency": agency.name}
    generated: dict[str, list[str]] = {
        "intro": [str(INTRO) % params],
        "proactive": [str(text) % params for text in PROACTIVE],
        "on_application": [str(text) % params for text in ON_APPLICATION],
        "fees": [str(FEES)],
        "remedies": _remedies(agency),
        "extra": [],
    }
    return generated[key]


def _paragraphs(text: str) -> list[str]:
    return [
        part.strip()
        for part in text.replace("\r\n", "\n").split("\n\n")
        if part.strip()
    ]


def agency_contacts(agency: Agency) -> list[tuple[str, str]]:
    """The disclosure office's contact block (Art. 12), filled fields only."""
    return [
        (str(label), value)
        for name, label in CONTACT_LABELS
        if (value := getattr(agency, name))
    ]


def guide_for_agency(*, agency: Agency) -> Guide:
    """The agency's disclosure guide (Art. 12): each section is the agency's own
    wording when it wrote one, the generated text otherwise."""
    own = GuideText.objects.filter(agency=agency).first()
    sections = []
    for key in GUIDE_SECTIONS:
        custom_text = getattr(own, key, "") if own else ""
        paragraphs = (
            _paragraphs(custom_text) if custom_text else generated_section(agency, key)
        )
        if paragraphs:
            sections.append(
                GuideSection(
                    key=key,
                    heading=str(HEADINGS[key]),
                    paragraphs=paragraphs,
                    custom=bool(custom_text),
                )
            )
    return Guide(
        agency=agency,
        sections=sections,
        contacts=agency_contacts(agency),
        updated_at=own.updated_at if own else None,
    )
