"""The letters (文书) of a case: drafting from the template, editing, rendering to
DOCX and PDF, and finalising.

Every change of text is a new version (``CaseLetter``); an unchanged text creates
none, so a form posted twice leaves one version. A final version is never edited:
the reply letter becomes final when the reply is approved (``letter_freeze_reply``,
called by ``case_approve_reply`` in its transaction); a notice becomes final when it
is issued (``case_letter_finalise``). The DOCX and PDF of a version are rendered
into storage only after its transaction commits (``letter_files_render``), so a step
that rolls back leaves no file without its row. Who handles the case (``Perm.HANDLE``) drafts
and edits; anyone who may see the case may download.
"""

from __future__ import annotations

import datetime
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import user_has_agency_perm
from gongkai.workdays import Calendar

from ..choices import EventKind, LetterKind, Status
from ..letter_render import render_docx, render_pdf
from ..letter_text import TITLES, letter_text
from ..models import Application, CaseLetter
from ..selectors.letters import (
    case_letter_latest,
    case_letter_unavailable,
    case_reply_digest,
)
from ..transitions import Action, CaseActionRefused
from ._common import calendar_or_default, lock, record_step, today

FINAL_REFUSED = _("This letter is final and can no longer be changed.")


def _check_may_handle(user: Any, case: Application) -> None:
    if not user_has_agency_perm(user=user, agency=case.agency_id, perm=Perm.HANDLE):
        raise PermissionDenied(_("You may not draft or edit letters in this agency."))


def _normalise(body: str) -> str:
    """One paragraph per line, no trailing spaces, no empty lines."""
    lines = (line.strip() for line in body.replace("\r\n", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def letter_files_render(*, letter_id: int) -> CaseLetter:
    """Render the DOCX and PDF of a saved version into storage, if not there yet.

    Never called inside a service's transaction: the files are written only once the
    row is committed (``transaction.on_commit`` in ``_new_version``) or on the first
    download, so a rolled-back step leaves no file behind. The files are stored
    together with the row's update in one short transaction under the row's lock; if
    that update fails the files just written are deleted. A version whose rendering
    failed after commit has no files yet and is rendered again on download."""
    letter = CaseLetter.objects.select_related("application__agency").get(pk=letter_id)
    if letter.docx and letter.pdf:
        return letter
    case = letter.application
    args = {"heading": case.agency.name, "title": letter.title, "body": letter.body}
    stem = f"{case.tracking_number}-{letter.kind}-v{letter.version}"
    rendered = {"docx": render_docx(**args), "pdf": render_pdf(**args)}
    written: list[Any] = []
    try:
        with transaction.atomic():
            locked = CaseLetter.objects.select_for_update().get(pk=letter_id)
            for fmt, data in rendered.items():
                field = getattr(locked, fmt)
                if not field:
                    field.save(f"{stem}.{fmt}", ContentFile(data), save=False)
                    written.append((field.storage, field.name))
            if written:
                locked.save(update_fields=["docx", "pdf"])
    except BaseException:
        for storage, name in written:
            storage.delete(name)
        raise
    locked.application = case
    return locked


def _render_after_commit(letter: CaseLetter) -> None:
    transaction.on_commit(
        partial(letter_files_render, letter_id=letter.pk), robust=True
    )


def _new_version(
    case: Application,
    kind: str,
    body: str,
    acting_user: Any,
    *,
    edited: bool = False,
    final: bool = False,
) -> CaseLetter:
    latest = case_letter_latest(case, kind)
    digest = ""
    if kind == LetterKind.REPLY:
        # A hand edit keeps the decisions its text came from; the template's own
        # text is filled from the decisions as they are now.
        inherited = latest.decisions_digest if latest else ""
        digest = inherited if edited else case_reply_digest(case)
    letter = CaseLetter(
        application=case,
        decisions_digest=digest,
        kind=kind,
        version=(latest.version + 1) if latest else 1,
        title=latest.title if latest else TITLES[kind],
        body=body,
        edited=edited,
        final=final,
        finalised_at=timezone.now() if final else None,
        created_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    letter.save()
    _render_after_commit(letter)
    return letter


def _label(letter: CaseLetter) -> str:
    return gettext("%(letter)s, version %(version)s") % {
        "letter": LetterKind(letter.kind).label,
        "version": letter.version,
    }


def _data(letter: CaseLetter) -> dict[str, Any]:
    return {"letter": letter.kind, "version": letter.version, "letter_id": letter.pk}


@transaction.atomic
def case_letter_draft(
    *,
    acting_user: Any,
    case: Application,
    kind: str,
    calendar: Calendar | None = None,
    on: datetime.date | None = None,
) -> CaseLetter:
    """Draft the letter of ``kind`` from its template filled from the case (or
    refresh it: a new version when the template's text differs from the current
    one). Refused once the letter is final or while the case lacks what the
    template needs (``case_letter_unavailable``)."""
    case = lock(case)
    _check_may_handle(acting_user, case)
    if kind not in LetterKind.values:
        raise CaseActionRefused(_("Unknown kind of letter."))
    reason = case_letter_unavailable(case, kind)
    if reason is not None:
        raise CaseActionRefused(reason)
    latest = case_letter_latest(case, kind)
    if latest is not None and latest.final:
        raise CaseActionRefused(FINAL_REFUSED)
    body = letter_text(
        case, kind, calendar=calendar_or_default(calendar), today=on or today()
    )
    if latest is not None and latest.body == body:
        return latest
    letter = _new_version(case, kind, body, acting_user)
    record_step(
        acting_user=acting_user,
        case=case,
        action=Action.DRAFT_LETTER,
        kind=EventKind.LETTER_DRAFTED,
        note=_label(letter),
        data=_data(letter),
    )
    return letter


@transaction.atomic
def case_letter_edit(*, acting_user: Any, letter: CaseLetter, body: str) -> CaseLetter:
    """Save ``body`` as a new version of the letter (the previous versions stay).
    An unchanged text saves nothing; a final letter is refused."""
    case = lock(letter.application)
    _check_may_handle(acting_user, case)
    latest = case_letter_latest(case, letter.kind)
    assert latest is not None  # noqa: S101 - ``letter`` itself is a version
    if latest.final:
        raise CaseActionRefused(FINAL_REFUSED)
    text = _normalise(body)
    if not text:
        raise CaseActionRefused(_("The letter's text cannot be empty."))
    if text == latest.body:
        return latest
    edited = _new_version(case, letter.kind, text, acting_user, edited=True)
    record_step(
        acting_user=acting_user,
        case=case,
        action=Action.EDIT_LETTER,
        kind=EventKind.LETTER_EDITED,
        note=_label(edited),
        data=_data(edited),
    )
    return edited


@transaction.atomic
def case_letter_finalise(*, acting_user: Any, letter: CaseLetter) -> CaseLetter:
    """Mark the current version final: the notice has been issued, or the reply
    letter of a case closed without approval (abandoned, Art. 30 / 109号) has gone
    out. A reply still under review is finalised by its approval instead."""
    case = lock(letter.application)
    _check_may_handle(acting_user, case)
    latest = case_letter_latest(case, letter.kind)
    assert latest is not None  # noqa: S101 - ``letter`` itself is a version
    if latest.final:
        return latest
    if latest.kind == LetterKind.REPLY and case.status == Status.REPLY_DRAFTED:
        raise CaseActionRefused(
            _("The reply letter becomes final when the reply is approved.")
        )
    latest.final = True
    latest.finalised_at = timezone.now()
    latest.save(update_fields=["final", "finalised_at"])
    record_step(
        acting_user=acting_user,
        case=case,
        action=Action.FINALISE_LETTER,
        kind=EventKind.LETTER_FINAL,
        note=_label(latest),
        data=_data(latest),
    )
    return latest


def letter_freeze_reply(
    *, acting_user: Any, case: Application, on: datetime.date
) -> CaseLetter:
    """Make the reply letter final as part of approving the reply (call inside the
    approval's transaction, with the case locked).

    A text edited by hand is frozen as typed. A text that is still the template's
    (or no letter at all) is filled again from the case as approved, dated ``on``,
    and frozen, so every approved reply has its letter and an untouched draft never
    goes out with stale decisions or the drafting date."""
    latest = case_letter_latest(case, LetterKind.REPLY)
    if latest is None or not (latest.edited or latest.final):
        body = letter_text(
            case, LetterKind.REPLY, calendar=calendar_or_default(None), today=on
        )
        if latest is None or latest.body != body:
            return _new_version(case, LetterKind.REPLY, body, acting_user, final=True)
    assert latest is not None  # noqa: S101 - handled above
    if not latest.final:
        latest.final = True
        latest.finalised_at = timezone.now()
        latest.save(update_fields=["final", "finalised_at"])
    return latest
