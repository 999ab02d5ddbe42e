"""Proactive disclosure (主动公开): register, catalogue, figures."""

from .catalogue import (
    CatalogueEntry,
    DisclosureSettings,
    IndexNumberCounter,
    ReviewStep,
)
from .choices import (
    Art20Category,
    Art21Category,
    CommentAdoption,
    CommentStatus,
    DisclosureAttribute,
    DocumentType,
    FigureItem,
    InterpretationForm,
    ItemKind,
    Platform,
    Topic,
    TrialKind,
    Validity,
)
from .consultations import (
    ConsultationAttachment,
    ConsultationComment,
    ConsultationPage,
)
from .documents import ExpiryReminder, OfficialDocument
from .figures import NewMediaAccount, NewMediaYearFigures, YearlyFigure
from .pages import (
    CatalogueAttachment,
    CatalogueItemPage,
    DisclosureIndexPage,
    DisclosureItemPage,
    DisclosureRootPage,
    InterpretationPage,
)

__all__ = [
    "Art20Category",
    "Art21Category",
    "CatalogueAttachment",
    "CatalogueEntry",
    "CatalogueItemPage",
    "CommentAdoption",
    "CommentStatus",
    "ConsultationAttachment",
    "ConsultationComment",
    "ConsultationPage",
    "DisclosureAttribute",
    "DisclosureIndexPage",
    "DisclosureItemPage",
    "DisclosureRootPage",
    "DisclosureSettings",
    "DocumentType",
    "ExpiryReminder",
    "FigureItem",
    "IndexNumberCounter",
    "InterpretationForm",
    "InterpretationPage",
    "ItemKind",
    "NewMediaAccount",
    "NewMediaYearFigures",
    "OfficialDocument",
    "Platform",
    "ReviewStep",
    "Topic",
    "TrialKind",
    "Validity",
    "YearlyFigure",
]
