"""Choice lists of the application procedure.

The applicant types and the outcome keys are the columns and rows of table 3 of the
annual report (国办公开办函〔2021〕30号; ``annual-report-spec.md`` §3): the keys are a
contract and must not change.
"""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class ApplicantType(models.TextChoices):
    """Art. 29; the six applicant columns of table 3."""

    NATURAL_PERSON = "natural_person", _("Natural person")
    COMMERCIAL = "commercial", _("Commercial enterprise")
    RESEARCH = "research", _("Research institution")
    SOCIAL_WELFARE = "social_welfare", _("Social welfare organisation")
    LEGAL_SERVICES = "legal_services", _("Legal services institution")
    OTHER_ORG = "other_org", _("Other organisation")


APPLICANT_COLUMNS: tuple[str, ...] = tuple(ApplicantType.values)


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("Resident identity card")
    PASSPORT = "passport", _("Passport")
    HK_MACAO_PERMIT = "hk_macao_permit", _("Mainland travel permit for HK and Macao")
    TAIWAN_PERMIT = "taiwan_permit", _("Mainland travel permit for Taiwan residents")
    FOREIGN_RESIDENT = "foreign_resident", _("Foreign permanent resident ID card")
    CREDIT_CODE = "credit_code", _("Unified social credit code")
    OTHER = "other", _("Other document")


class Channel(models.TextChoices):
    """How the application reached the agency (Art. 29, Art. 31)."""

    ONLINE = "online", _("Online form")
    LETTER_REGISTERED = "letter_registered", _("Registered letter")
    LETTER_ORDINARY = "letter_ordinary", _("Ordinary letter")
    IN_PERSON = "in_person", _("In person")
    FAX = "fax", _("Fax")
    EMAIL = "email", _("E-mail")


# Art. 31: the date of receipt depends on the channel.
RECEIPT_RULES: dict[str, Promise] = {
    Channel.IN_PERSON: _(
        "Art. 31: in person, the date of receipt is the day the application is handed in."
    ),
    Channel.LETTER_REGISTERED: _(
        "Art. 31: by registered post, the date of receipt is the day the agency signs for it."
    ),
    Channel.LETTER_ORDINARY: _(
        "Art. 31: by ordinary post, the date of receipt is the day the agency confirms receipt with the applicant."
    ),
    Channel.ONLINE: _(
        "Art. 31: online, the date of receipt is the day both parties confirm receipt."
    ),
    Channel.FAX: _(
        "Art. 31: by fax, the date of receipt is the day both parties confirm receipt."
    ),
    Channel.EMAIL: _(
        "Art. 31: by e-mail (electronic data), the date of receipt is the day both parties confirm receipt."
    ),
}

STAFF_CHANNELS = (
    Channel.LETTER_REGISTERED,
    Channel.LETTER_ORDINARY,
    Channel.IN_PERSON,
    Channel.FAX,
    Channel.EMAIL,
)


class RequestedForm(models.TextChoices):
    PAPER = "paper", _("Paper")
    ELECTRONIC = "electronic", _("Electronic data")
    OTHER = "other", _("Other form")


class Delivery(models.TextChoices):
    POST = "post", _("By post")
    EMAIL = "email", _("By e-mail")
    PICKUP = "pickup", _("Collect in person")
    ONLINE = "online", _("Online")
    FAX = "fax", _("By fax")


class Status(models.TextChoices):
    """Process state of a case; separate from its statutory outcome."""

    REGISTERED = "registered", _("Registered")
    AWAITING_SUPPLEMENT = "awaiting_supplement", _("Awaiting supplementation")
    IN_PROGRESS = "in_progress", _("In progress")
    AWAITING_PAYMENT = "awaiting_payment", _("Awaiting fee payment")
    REPLY_DRAFTED = "reply_drafted", _("Reply drafted")
    REPLY_APPROVED = "reply_approved", _("Reply approved")
    CLOSED = "closed", _("Replied (closed)")


OPEN_STATUSES: tuple[str, ...] = tuple(s for s in Status.values if s != Status.CLOSED)
# While the applicant has to act, the agency's reply clock is not what is due.
WAITING_FOR_APPLICANT: tuple[str, ...] = (
    Status.AWAITING_SUPPLEMENT,
    Status.AWAITING_PAYMENT,
)


class Outcome(models.TextChoices):
    """Art. 36 reply types: the 21 outcome rows of table 3, in the format's order."""

    GRANTED = "granted", _("Disclosed")
    PARTIALLY_GRANTED = "partially_granted", _("Partially disclosed")
    WITHHELD_STATE_SECRET = "withheld_state_secret", _("Withheld: state secret")
    WITHHELD_LAW_PROHIBITED = (
        "withheld_law_prohibited",
        _("Withheld: prohibited by other laws and regulations"),
    )
    WITHHELD_SECURITY_STABILITY = (
        "withheld_security_stability",
        _("Withheld: endangers the “three securities and one stability”"),
    )
    WITHHELD_THIRD_PARTY = (
        "withheld_third_party",
        _("Withheld: protects third-party rights"),
    )
    WITHHELD_INTERNAL_AFFAIRS = (
        "withheld_internal_affairs",
        _("Withheld: internal affairs information"),
    )
    WITHHELD_PROCESS_INFO = "withheld_process_info", _("Withheld: process information")
    WITHHELD_ENFORCEMENT_FILE = (
        "withheld_enforcement_file",
        _("Withheld: administrative enforcement case file"),
    )
    WITHHELD_INQUIRY_MATTER = (
        "withheld_inquiry_matter",
        _("Withheld: administrative inquiry matter"),
    )
    UNAVAILABLE_NOT_HELD = (
        "unavailable_not_held",
        _("Unavailable: the agency does not hold the information"),
    )
    UNAVAILABLE_NEEDS_CREATION = (
        "unavailable_needs_creation",
        _("Unavailable: would have to be newly created"),
    )
    UNAVAILABLE_STILL_UNCLEAR = (
        "unavailable_still_unclear",
        _("Unavailable: still unclear after supplementation"),
    )
    DECLINED_PETITION = "declined_petition", _("Not processed: petition or complaint")
    DECLINED_DUPLICATE = "declined_duplicate", _("Not processed: repeated application")
    DECLINED_PUBLICATION = (
        "declined_publication",
        _("Not processed: asks for publications"),
    )
    DECLINED_EXCESSIVE = (
        "declined_excessive",
        _("Not processed: unreasonable mass or repeated applications"),
    )
    DECLINED_CONFIRMATION = (
        "declined_confirmation",
        _("Not processed: asks to confirm or re-issue information obtained"),
    )
    OTHER_NO_CORRECTION = (
        "other_no_correction",
        _("Other: not supplemented in time, no longer processed"),
    )
    OTHER_FEE_UNPAID = "other_fee_unpaid", _("Other: fee not paid, no longer processed")
    OTHER_OTHER = "other_other", _("Other")


OUTCOME_KEYS: tuple[str, ...] = tuple(Outcome.values)
assert len(OUTCOME_KEYS) == 21  # noqa: S101 - the format has exactly 21 outcome rows
PROVIDED_OUTCOMES = frozenset({Outcome.GRANTED, Outcome.PARTIALLY_GRANTED})
# Outcomes an item can carry when the handler decides it (the last three close the
# case procedurally and are set by the abandonment services, not per item).
PROCEDURAL_OUTCOMES = frozenset({Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_FEE_UNPAID})
TABLE3_ROWS: tuple[str, ...] = (
    "new_received",
    "carried_over",
    *OUTCOME_KEYS,
    "processed_total",
    "carried_forward",
)


class ConsultationKind(models.TextChoices):
    THIRD_PARTY = "third_party", _("Third party (Art. 32)")
    AGENCY = "agency", _("Other agency (Art. 34)")


class ConsultationResponse(models.TextChoices):
    CONSENT = "consent", _("Consents to disclosure")
    OBJECTION = "objection", _("Objects to disclosure")
    NO_REPLY = "no_reply", _("No reply within the period")


class FeeMethod(models.TextChoices):
    """国办函〔2020〕109号: one method per application, never both."""

    PER_APPLICATION = "per_application", _("Per application")
    BY_VOLUME = "by_volume", _("By volume")


class AppealKind(models.TextChoices):
    """The three groups of table 4."""

    RECONSIDERATION = "reconsideration", _("Administrative reconsideration")
    LITIGATION_DIRECT = "litigation_direct", _("Litigation without reconsideration")
    LITIGATION_AFTER_RECONSIDERATION = (
        "litigation_after_reconsideration",
        _("Litigation after reconsideration"),
    )


class AppealResult(models.TextChoices):
    """The result cells of table 4 (``total`` is their sum)."""

    UPHELD = "upheld", _("Upheld")
    CORRECTED = "corrected", _("Corrected")
    OTHER = "other", _("Other result")
    PENDING = "pending", _("Pending")


TABLE4_CELLS: tuple[str, ...] = (*AppealResult.values, "total")


class EventKind(models.TextChoices):
    """Steps recorded in a case's timeline (Art. 45)."""

    REGISTERED = "registered", _("Registered")
    DUPLICATE_FLAGGED = "duplicate_flagged", _("Possible duplicate flagged")
    ASSIGNED = "assigned", _("Assigned")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Supplementation requested")
    SUPPLEMENTED = "supplemented", _("Supplement received")
    ABANDONED = "abandoned", _("Deemed abandoned")
    STARTED = "started", _("Handling started")
    CONSULTATION_SENT = "consultation_sent", _("Consultation sent")
    CONSULTATION_ANSWERED = "consultation_answered", _("Consultation answered")
    EXTENDED = "extended", _("Reply period extended")
    FEE_NOTICE_ISSUED = "fee_notice_issued", _("Fee notice issued")
    FEE_PAID = "fee_paid", _("Fee paid")
    REPLY_DRAFTED = "reply_drafted", _("Reply drafted")
    REPLY_RETURNED = "reply_returned", _("Draft reply returned")
    REPLY_APPROVED = "reply_approved", _("Reply approved")
    OUTCOME_OVERRIDDEN = "outcome_overridden", _("Outcome overridden")
    REPLIED = "replied", _("Reply sent")
    SPLIT = "split", _("Split (one matter per application)")
    APPEAL_FILED = "appeal_filed", _("Appeal filed")
    APPEAL_DECIDED = "appeal_decided", _("Appeal decided")
    NOTE = "note", _("Internal note")
    ATTACHMENT = "attachment", _("Attachment added")
    LETTER_DRAFTED = "letter_drafted", _("Letter drafted from the template")
    LETTER_EDITED = "letter_edited", _("Letter edited")
    LETTER_FINAL = "letter_final", _("Letter finalised")


class LetterKind(models.TextChoices):
    """The letters (文书) a case produces: the reply (告知书, Art. 36) and the three
    notices (Art. 30 supplementation, Art. 33 extension, 109号 fee)."""

    REPLY = "reply", _("Reply letter")
    SUPPLEMENTATION = "supplementation", _("Supplementation notice")
    EXTENSION = "extension", _("Extension notice")
    FEE_NOTICE = "fee_notice", _("Fee notice letter")
