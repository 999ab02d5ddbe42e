"""Public consultations (征求意见): the draft page and the comments from the public."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from modelcluster.fields import ParentalKey

from .choices import CommentAdoption, CommentStatus, ItemKind
from .pages import Attachment, DisclosureItemPage


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


class ConsultationPage(DisclosureItemPage):
    """A draft put out for public comment (征求意见), with the feedback on adoption
    (意见反馈) published after it closes."""

    body = RichTextField(_("draft"), blank=True)
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(
        _("open until"),
        help_text=_("Comments are accepted until the end of this day."),
    )
    identity_required = models.BooleanField(
        _("commenters must give name and contact"), default=False
    )
    feedback = RichTextField(
        _("feedback on adoption"),
        blank=True,
        help_text=_("Published after the consultation closes."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("opens_on"),
                FieldPanel("closes_on"),
                FieldPanel("identity_required"),
            ],
            heading=_("Consultation period"),
        ),
        *DisclosureItemPage.metadata_panels,
        FieldPanel("body"),
        InlinePanel("attachments", label=_("attachments")),
        FieldPanel("feedback"),
    ]
    template = "publications/consultation_page.html"

    class Meta:
        verbose_name = _("public consultation")

    @property
    def entry_kind(self) -> str:
        return ItemKind.CONSULTATION

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from gongkai.publications.views.public import consultation_serve

        return consultation_serve(self, request, *args, **kwargs)


class ConsultationAttachment(Attachment):
    page = ParentalKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="attachments"
    )

    class Meta(Attachment.Meta):
        verbose_name = _("attachment")
