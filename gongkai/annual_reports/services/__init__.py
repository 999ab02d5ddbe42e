"""Writes of the annual report workspace. Each checks the permission through the
gatekeeper selectors, runs in a transaction and writes an audit entry.

Workflow (Art. 49–50; 国办公开办函〔2021〕30号): a clerk (Perm.HANDLE) drafts the text,
overrides cells with a reason and acknowledges warnings; the head of the office
(Perm.APPROVE) approves — refused while any error finding, unacknowledged warning or
unwritten gap remains — and publishes. Approval freezes the numbers; a published report
is changed only through a new version with a correction note.
"""

from ._common import FIRST_REPORT_YEAR, validate_year
from .drafting import (
    parse_cell_value,
    report_acknowledge_warning,
    report_clear_override,
    report_override_cell,
    report_redraft_section,
    report_save_draft,
    report_start,
)
from .settings import aggregation_scope_set, report_import
from .workflow import (
    report_approve,
    report_new_version,
    report_publish,
    report_reopen,
    supervising_government,
)

__all__ = [
    "FIRST_REPORT_YEAR",
    "aggregation_scope_set",
    "parse_cell_value",
    "report_acknowledge_warning",
    "report_approve",
    "report_clear_override",
    "report_import",
    "report_new_version",
    "report_override_cell",
    "report_publish",
    "report_redraft_section",
    "report_reopen",
    "report_save_draft",
    "report_start",
    "supervising_government",
    "validate_year",
]
