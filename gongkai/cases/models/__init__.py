from .appeal import Appeal
from .application import Application, ApplicationItem, Attachment, TrackingSequence
from .letters import CaseLetter
from .steps import CaseEvent, Consultation, Extension, FeeNotice, Supplementation

__all__ = [
    "Appeal",
    "Application",
    "ApplicationItem",
    "Attachment",
    "CaseEvent",
    "CaseLetter",
    "Consultation",
    "Extension",
    "FeeNotice",
    "Supplementation",
    "TrackingSequence",
]
