"""Comments from the public on a consultation draft (征求意见)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import CommentAdoption, CommentStatus


class ConsultationComment(models.Model):
    """One comment received during a consultation's window; shown once moderated."""

    consultation = models.ForeignKey(
        "publications.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    name = models.CharField(_("name"), max_length=50, blank=True)
    contact = models.CharField(_("contact"), max_length=100, blank=True)
    body = models.TextField(_("comment"))
    submitted_at = models.DateTimeField(_("submitted at"))
    status = models.CharField(
        _("moderation"),
        max_length=10,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderation_note = models.CharField(_("moderation note"), max_length=200, blank=True)
    adoption = models.CharField(
        _("adoption"),
        max_length=12,
        choices=CommentAdoption.choices,
        default=CommentAdoption.UNDECIDED,
        blank=True,
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("consultation comment")
        verbose_name_plural = _("consultation comments")
        ordering = ["submitted_at", "id"]
        indexes = [
            models.Index(fields=["consultation", "status"], name="pub_comment_status")
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}: {self.body[:30]}"
