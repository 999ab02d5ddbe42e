"""Demo agencies and staff (演示数据). Runs first; other demo steps build on it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from gongkai.core.demodata import DEMO_PASSWORD, DemoContext

from .models import Agency, AgencyKind, AgencyLevel, Membership, Role
from .services import staff_group

ORDER = 10

GOVERNMENT = {
    "name": "中卫市人民政府",
    "short_name": "市政府",
    "kind": AgencyKind.GOVERNMENT,
    "level": AgencyLevel.MUNICIPAL,
    "org_code": "DEMO00001",
    "office_name": "中卫市人民政府办公室（政务公开办）（演示数据）",
    "address": "中卫市沙坡头区（演示数据）",
    "postcode": "755000",
    "phone": "0955-0000000",
    "email": "demo-gov@example.org",
    "office_hours": "工作日 上午 8:30—12:00，下午 14:30—18:00",
}

DEPARTMENTS = [
    {
        # Real agency; its records here are synthetic and reproduce its 2023 report.
        "name": "中卫市司法局",
        "short_name": "市司法局",
        "org_code": "DEMO00002",
        "office_name": "中卫市司法局办公室",
        "address": "中卫市沙坡头区利民街3号",
        "postcode": "755000",
        "phone": "0955—7068636",
        "email": "zwsfj@163.com",
        "office_hours": "工作日 上午 8:30—12:00，下午 14:30—18:00",
        "website": "https://www.nxzw.gov.cn/",
    },
    {
        "name": "中卫市示范民政局（演示）",
        "short_name": "示范民政局",
        "org_code": "DEMO00003",
    },
    {
        "name": "中卫市示范交通运输局（演示）",
        "short_name": "示范交通局",
        "org_code": "DEMO00004",
    },
    {
        "name": "中卫市示范市场监督管理局（演示）",
        "short_name": "示范市监局",
        "org_code": "DEMO00005",
    },
]

# username, agency name, roles, description
STAFF: list[tuple[str, str, list[str], str]] = [
    ("sfj_clerk", "中卫市司法局", [Role.CLERK], "司法局 经办人 / clerk"),
    ("sfj_reviewer", "中卫市司法局", [Role.REVIEWER], "司法局 审核人 / reviewer"),
    ("sfj_head", "中卫市司法局", [Role.HEAD], "司法局 办公室负责人 / head of office"),
    ("sfj_admin", "中卫市司法局", [Role.ADMIN], "司法局 管理员 / agency admin"),
    ("mz_clerk", "中卫市示范民政局（演示）", [Role.CLERK], "示范民政局 经办人 / clerk"),
    (
        "gov_supervisor",
        "中卫市人民政府",
        [Role.SUPERVISOR, Role.HEAD],
        "政务公开办 监督人 / supervisor",
    ),
]


def _agency(ctx: DemoContext, fields: dict[str, Any], parent: Agency | None) -> Agency:
    defaults = {
        "kind": AgencyKind.DEPARTMENT,
        "level": AgencyLevel.MUNICIPAL,
        **fields,
        "parent": parent,
        "is_demo": True,
    }
    name = defaults.pop("name")
    agency, _created = Agency.objects.update_or_create(name=name, defaults=defaults)
    ctx.agencies[name] = agency
    return agency


def load(ctx: DemoContext) -> None:
    government = _agency(ctx, GOVERNMENT, None)
    for fields in DEPARTMENTS:
        _agency(ctx, fields, government)

    user_model = get_user_model()
    admin, created = user_model.objects.get_or_create(
        username="admin",
        defaults={"is_staff": True, "is_superuser": True, "email": "admin@example.org"},
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    ctx.users["admin"] = admin
    ctx.logins.append(("admin", DEMO_PASSWORD, "系统管理员 / system administrator"))

    group = staff_group()
    for username, agency_name, roles, description in STAFF:
        user, created = user_model.objects.get_or_create(
            username=username, defaults={"first_name": description.split(" /")[0]}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(group)
        for role in roles:
            Membership.objects.get_or_create(
                user=user, agency=ctx.agencies[agency_name], role=role
            )
        ctx.users[username] = user
        ctx.logins.append((username, DEMO_PASSWORD, description))
