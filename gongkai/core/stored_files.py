"""Files stored with a row leave storage with the row.

Deleting a row (or its case, by cascade) does not delete the files its ``FileField``\\s
name; an identity document or a reply letter left behind would be personal data kept
with nothing pointing at it. ``delete_files_with(Model, …)`` removes them from storage
once the deletion commits; a deletion rolled back keeps them.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import models, transaction
from django.db.models.signals import post_delete

logger = logging.getLogger(__name__)


def _stored_files(instance: models.Model) -> list[tuple[Any, str]]:
    found = []
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.FileField):
            stored = getattr(instance, field.name)
            if stored and stored.name:
                found.append((stored.storage, str(stored.name)))
    return found


def _remove_after_commit(
    sender: Any, instance: models.Model, using: str | None = None, **kwargs: Any
) -> None:
    files = _stored_files(instance)
    if not files:
        return

    def remove() -> None:
        for storage, name in files:
            try:
                storage.delete(name)
            except OSError:
                logger.warning("Could not delete %s of a deleted row", name)

    transaction.on_commit(remove, using=using, robust=True)


def delete_files_with(*model_classes: type[models.Model]) -> None:
    for model in model_classes:
        post_delete.connect(
            _remove_after_commit,
            sender=model,
            dispatch_uid=f"core.stored_files.{model._meta.label}",
        )
