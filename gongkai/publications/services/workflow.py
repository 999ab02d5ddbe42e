"""The pre-publication review (Art. 17; locally 三审三校) as a Wagtail workflow per agency.

Each agency's section has its own workflow of ``GroupApprovalTask`` steps (default
初审 → 保密审查 → 终审). A step's reviewers are a group named "<agency>·<step>", kept
equal to the agency's staff holding the step's role. Authors (clerks and heads) get
add/change permission on their own agency's section only, never "publish": a page
goes live when the last step approves it (``publish_after_review``), and only if
every step approved the exact revision that goes live.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Task,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.workflows import publish_workflow_state

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import user_has_agency_perm
from gongkai.audit.services import audit_record

from ..context import acting
from ..models import (
    DisclosureIndexPage,
    DisclosureItemPage,
    DisclosureSettings,
    ReviewStep,
)

DEFAULT_STEPS: tuple[tuple[str, str], ...] = (
    ("初审", Role.REVIEWER),
    ("保密审查", Role.REVIEWER),
    ("终审", Role.HEAD),
)
EDITOR_ROLES = (Role.CLERK, Role.HEAD)
STEP_ROLES = (Role.CLERK, Role.REVIEWER, Role.HEAD)
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
MAX_STEPS = 6


def step_group_name(agency: Agency, step: str) -> str:
    return f"{agency.name}·{step}"


def editor_group_name(agency: Agency) -> str:
    return f"{agency.name}·编辑"


def workflow_name(agency: Agency) -> str:
    return f"{agency.name}·发布审核"


def _step_problems(steps: Sequence[tuple[str, str]]) -> list[str]:
    problems = []
    names = [name.strip() for name, _role in steps]
    if not 1 <= len(steps) <= MAX_STEPS:
        problems.append(
            _("A review has between 1 and %(max)s steps.") % {"max": MAX_STEPS}
        )
    if any(not name for name in names) or len(set(names)) != len(names):
        problems.append(_("Every step needs a name, and names must differ."))
    if any(role not in STEP_ROLES for _name, role in steps):
        problems.append(_("A step's reviewers are clerks, reviewers or heads."))
    return problems


def _current_steps(agency: Agency) -> list[tuple[str, str]]:
    saved = list(
        ReviewStep.objects.filter(agency=agency)
        .order_by("position")
        .values_list("name", "role")
    )
    return saved or list(DEFAULT_STEPS)


def _ensure_task(agency: Agency, name: str, group: Group) -> GroupApprovalTask:
    full_name = step_group_name(agency, name)
    task = GroupApprovalTask.objects.filter(name=full_name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=full_name)
    elif not task.active:
        task.active = True
        task.save(update_fields=["active"])
    task.groups.set([group])
    return task


def _ensure_workflow(agency: Agency) -> tuple[Workflow, DisclosureSettings]:
    settings, _created = DisclosureSettings.objects.get_or_create(agency=agency)
    workflow = settings.review_workflow
    if workflow is None:
        workflow = Workflow.objects.create(name=workflow_name(agency), active=True)
        settings.review_workflow = workflow
        settings.save(update_fields=["review_workflow"])
    elif not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    return workflow, settings


def _set_tasks(workflow: Workflow, tasks: list[GroupApprovalTask], user: Any) -> None:
    keep = {task.pk for task in tasks}
    for old in Task.objects.filter(workflow_tasks__workflow=workflow).exclude(
        pk__in=keep
    ):
        old.specific.deactivate(user=user)
    WorkflowTask.objects.filter(workflow=workflow).delete()
    for position, task in enumerate(tasks):
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=position)


def _grant_editor_permissions(agency: Agency, section: DisclosureIndexPage) -> None:
    group, _created = Group.objects.get_or_create(name=editor_group_name(agency))
    for codename in EDITOR_PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(
            group=group, page=section, permission=permission
        )


@transaction.atomic
def review_workflow_configure(
    *,
    acting_user: Any,
    agency: Agency,
    steps: Sequence[tuple[str, str]] | None = None,
) -> Workflow:
    """Build (or rebuild) the agency's review workflow from ``steps`` [(name, role)].

    Permission: a system administrator or Perm.MANAGE on the agency. Without
    ``steps``, the saved steps (or the default 初审, 保密审查, 终审) are used. Pages
    in a removed step have that step cancelled and must be resubmitted.
    """
    if not (
        getattr(acting_user, "is_superuser", False)
        or user_has_agency_perm(user=acting_user, agency=agency, perm=Perm.MANAGE)
    ):
        raise PermissionDenied(_("You may not configure this agency's review."))
    steps = [(n.strip(), r) for n, r in (steps or _current_steps(agency))]
    problems = _step_problems(steps)
    if problems:
        raise ValidationError(problems)
    section = DisclosureIndexPage.objects.filter(agency=agency).first()
    if section is None:
        raise ValidationError(_("This agency has no disclosure section yet."))
    had_steps = ReviewStep.objects.filter(agency=agency).exists()
    before = _current_steps(agency)
    ReviewStep.objects.filter(agency=agency).delete()
    ReviewStep.objects.bulk_create(
        ReviewStep(agency=agency, position=i, name=name, role=role)
        for i, (name, role) in enumerate(steps)
    )
    workflow, _settings = _ensure_workflow(agency)
    tasks = [
        _ensure_task(
            agency,
            name,
            Group.objects.get_or_create(name=step_group_name(agency, name))[0],
        )
        for name, _role in steps
    ]
    user = acting_user if getattr(acting_user, "pk", None) else None
    _set_tasks(workflow, tasks, user)
    WorkflowPage.objects.update_or_create(page=section, defaults={"workflow": workflow})
    _grant_editor_permissions(agency, section)
    review_groups_sync(agency=agency)
    if before != steps or not had_steps:
        audit_record(
            actor=acting_user,
            action="review.configure",
            agency=agency,
            target=workflow,
            before={"steps": before},
            after={"steps": steps},
        )
    return workflow


def review_groups_sync(*, agency: Agency) -> None:
    """Make the editor and step groups equal to the agency's staff by role."""
    by_role: dict[str, set[int]] = {}
    for user_id, role in Membership.objects.filter(agency=agency).values_list(
        "user_id", "role"
    ):
        by_role.setdefault(role, set()).add(user_id)
    editors = set().union(*(by_role.get(r, set()) for r in EDITOR_ROLES))
    group = Group.objects.filter(name=editor_group_name(agency)).first()
    if group is not None:
        group.user_set.set(editors)
    for step in ReviewStep.objects.filter(agency=agency):
        group = Group.objects.filter(name=step_group_name(agency, step.name)).first()
        if group is not None:
            group.user_set.set(by_role.get(step.role, set()))


def _unapproved_tasks(workflow_state: WorkflowState, revision: Any) -> list[str]:
    approved = set(
        TaskState.objects.filter(
            workflow_state=workflow_state,
            revision=revision,
            status=TaskState.STATUS_APPROVED,
        ).values_list("task_id", flat=True)
    )
    tasks = Task.objects.filter(
        workflow_tasks__workflow=workflow_state.workflow, active=True
    )
    return [task.name for task in tasks if task.pk not in approved]


def publish_after_review(workflow_state: WorkflowState, user: Any = None) -> None:
    """Wagtail's finishing action (``WAGTAIL_FINISH_WORKFLOW_ACTION``).

    Art. 17: a disclosure page goes live only when every step of its agency's review
    approved the revision that goes live. The approver of the last step publishes;
    nobody holds a direct "publish" permission on disclosure pages.
    """
    page = workflow_state.content_object
    specific = getattr(page, "specific", page)
    if not isinstance(specific, DisclosureItemPage):
        publish_workflow_state(workflow_state, user=user)
        return
    revision = specific.get_latest_revision()
    missing = _unapproved_tasks(workflow_state, revision)
    if missing:
        raise PermissionDenied(
            _("Not every review step approved this version: %(steps)s")
            % {"steps": "、".join(missing)}
        )
    with acting(user):
        revision.publish(user=user, skip_permission_checks=True)
