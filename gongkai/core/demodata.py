"""Demo data: ``gongkai demo load``.

Each domain contributes a step: a module ``gongkai.<app>.demo`` with a function
``load(ctx)`` and an integer ``ORDER``. Steps run in that order in one transaction and
must be idempotent (running ``demo load`` twice leaves the same data). Every demo record
is marked 演示数据 (``is_demo`` or an equivalent visible marker).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from django.apps import apps
from django.db import transaction

DEMO_PASSWORD = "gongkai-demo"  # noqa: S105 - published demo login, demo data only


@dataclass
class DemoContext:
    """Shared state between demo steps (agencies and users created so far)."""

    agencies: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # (username, password, description)
    notes: list[str] = field(default_factory=list)


def demo_steps() -> list[ModuleType]:
    steps = []
    for config in apps.get_app_configs():
        if not config.name.startswith("gongkai."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name == f"{config.name}.demo":
                continue
            raise
        steps.append(module)
    return sorted(steps, key=lambda m: getattr(m, "ORDER", 100))


@transaction.atomic
def demo_load() -> DemoContext:
    ctx = DemoContext()
    for step in demo_steps():
        step.load(ctx)
    return ctx
