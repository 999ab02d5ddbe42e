"""The letters (文书) of a case: the reply letter (告知书, Art. 36) and the
supplementation (Art. 30), extension (Art. 33) and fee (109号) notices.

Every save of a letter's text is a new row (a version); the highest version of a
kind is the current one and nothing a user typed is lost. A version is ``final``
once the reply is approved or the notice issued; final versions are never edited.
The rendered DOCX and PDF are stored with the version (default storage).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import LetterKind
from .application import Application


def letter_path(instance: CaseLetter, filename: str) -> str:
    return f"cases/{instance.application_id}/letters/{filename}"


class CaseLetter(models.Model):
    """One version of one letter of a case."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="letters",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=LetterKind.choices)
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=100)
    body = models.TextField(_("text"), help_text=_("Plain paragraphs, one per line."))
    docx = models.FileField(_("DOCX file"), upload_to=letter_path, blank=True)
    pdf = models.FileField(_("PDF file"), upload_to=letter_path, blank=True)
    edited = models.BooleanField(
        _("edited by hand"),
        default=False,
        help_text=_("False: the text is the template's, filled from the case."),
    )
    decisions_digest = models.CharField(
        _("decisions digest"),
        max_length=64,
        blank=True,
        help_text=_(
            "Reply letter: the digest of the reply's decisions its text was filled"
            " from (kept by hand edits); empty when unknown."
        ),
    )
    final = models.BooleanField(_("final"), default=False)
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["application", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "version"],
                name="cases_letter_unique_version",
            ),
            models.CheckConstraint(
                condition=Q(final=False) | Q(finalised_at__isnull=False),
                name="cases_letter_final_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.kind} v{self.version}"
