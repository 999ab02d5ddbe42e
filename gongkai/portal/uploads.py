"""Checking an uploaded identity document (Art. 29: proof of identity) by content.

The client's file name and content type are not trusted: the type is read from the
file's first bytes, and the stored name is made from it.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import IO, Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_ID_DOCUMENT_BYTES = 10 * 1024 * 1024

# (magic bytes, extension, content type)
SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\xff\xd8\xff", "jpg", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png", "image/png"),
    (b"%PDF-", "pdf", "application/pdf"),
)
ACCEPT = ",".join(content_type for _magic, _ext, content_type in SIGNATURES)


def sniff_type(head: bytes) -> tuple[str, str] | None:
    """``(extension, content type)`` for a JPEG, PNG or PDF header, else ``None``."""
    for magic, extension, content_type in SIGNATURES:
        if head.startswith(magic):
            return extension, content_type
    return None


def _head(file: IO[bytes] | Any) -> bytes:
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    return bytes(head)


def check_id_document(file: Any) -> str:
    """The extension of an acceptable identity document, or ``ValidationError``.

    Accepted: JPEG, PNG or PDF (by content), not empty, at most 10 MB.
    """
    size = getattr(file, "size", None)
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > MAX_ID_DOCUMENT_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)s MB. Please upload a smaller scan."),
            code="too_large",
            params={"limit": MAX_ID_DOCUMENT_BYTES // (1024 * 1024)},
        )
    found = sniff_type(_head(file))
    if found is None:
        raise ValidationError(
            _(
                "The file is not a JPEG or PNG picture or a PDF document. Please upload a photo or scan of the identity document."
            ),
            code="bad_type",
        )
    return found[0]


# --- Keeping a valid upload while the rest of the form is corrected -------------
#
# A browser cannot re-fill a file input, so when the form comes back with an error
# (or with one more item row) a valid identity document already sent is kept in the
# default storage and referred to by a signed value in the form, bound to the form's
# submission token. ``gongkai portal_purge_pending`` (daily) removes what was never
# used.

PENDING_DIR = "portal/pending"
PENDING_SALT = "gongkai.portal.pending-id-document"
PENDING_MAX_AGE = 24 * 3600


def _token_dir(token: str) -> str:
    return f"{PENDING_DIR}/{hashlib.sha256(token.encode()).hexdigest()[:24]}"


def pending_stash(*, file: Any, extension: str, token: str) -> str:
    """Store ``file`` for the form with ``token``; returns the signed reference."""
    directory = _token_dir(token)
    for _magic, old_extension, _type in SIGNATURES:
        pending_discard(f"{directory}/identity.{old_extension}")
    file.seek(0)
    path = default_storage.save(f"{directory}/identity.{extension}", file)
    original = str(getattr(file, "name", "") or "")[-100:]
    return signing.dumps({"p": path, "t": token, "n": original}, salt=PENDING_SALT)


def pending_resolve(*, reference: str, token: str) -> tuple[str, str, str] | None:
    """``(storage path, extension, original name)`` of a kept upload, or ``None``
    when the reference is missing, forged, expired, for another form, or gone."""
    if not reference:
        return None
    try:
        data = signing.loads(reference, salt=PENDING_SALT, max_age=PENDING_MAX_AGE)
    except signing.BadSignature:
        return None
    path = str(data.get("p", ""))
    if data.get("t") != token or not path.startswith(_token_dir(token) + "/"):
        return None
    if not default_storage.exists(path):
        return None
    return path, path.rsplit(".", 1)[-1], str(data.get("n", ""))


def pending_discard(path: str) -> None:
    if default_storage.exists(path):
        default_storage.delete(path)


def pending_purge(*, older_than: datetime.timedelta) -> int:
    """Delete kept uploads older than ``older_than`` (forms never sent); returns how
    many files were deleted."""
    if not default_storage.exists(PENDING_DIR):
        return 0
    cutoff = timezone.now() - older_than
    deleted = 0
    for directory in default_storage.listdir(PENDING_DIR)[0]:
        for name in default_storage.listdir(f"{PENDING_DIR}/{directory}")[1]:
            path = f"{PENDING_DIR}/{directory}/{name}"
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                deleted += 1
    return deleted
