"""Entry point for ``WAGTAIL_FINISH_WORKFLOW_ACTION``.

Wagtail imports this while its own models load, so nothing here may import models at
module level; the work is done by ``services.workflow.publish_after_review``.
"""

from __future__ import annotations

from typing import Any


def publish_after_review(workflow_state: Any, user: Any = None) -> None:
    from .services.workflow import publish_after_review as publish

    publish(workflow_state, user=user)
