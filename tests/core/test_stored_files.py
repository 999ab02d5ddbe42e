"""Files named by a deleted row leave storage once the deletion commits
(gongkai/core/stored_files.py)."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

import pytest

from gongkai.cases.models import Attachment
from tests.factories.cases import ApplicationFactory

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _attachment(case, title="身份证明"):
    attachment = Attachment(application=case, title=title)
    attachment.file.save("id.png", ContentFile(PNG), save=True)
    assert default_storage.exists(attachment.file.name)
    return attachment


def test_deleted_row_takes_its_file_along(django_capture_on_commit_callbacks):
    attachment = _attachment(ApplicationFactory())
    name = attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        attachment.delete()
    assert not default_storage.exists(name)


def test_deleted_case_takes_the_files_of_its_rows(django_capture_on_commit_callbacks):
    case = ApplicationFactory()
    names = [_attachment(case, title).file.name for title in ("身份证明", "补正材料")]
    with django_capture_on_commit_callbacks(execute=True):
        case.delete()
    assert not any(default_storage.exists(name) for name in names)


def test_deletion_not_committed_keeps_the_file(django_capture_on_commit_callbacks):
    attachment = _attachment(ApplicationFactory())
    name = attachment.file.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        attachment.delete()
    assert len(callbacks) == 1  # runs only if the deletion commits
    assert default_storage.exists(name)
    default_storage.delete(name)
