from .appeal import Appeal
from .application import Application, ApplicationItem, Attachment, TrackingSequence
from .steps import CaseEvent, Consultation, Extension, FeeNotice, Supplementation

__all__ = [
    "Appeal",
    "Application",
    "ApplicationItem",
    "Attachment",
    "CaseEvent",
    "Consultation",
    "Extension",
    "FeeNotice",
    "Supplementation",
    "TrackingSequence",
]
