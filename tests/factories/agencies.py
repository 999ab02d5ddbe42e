from __future__ import annotations

from django.contrib.auth import get_user_model

import factory

from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel, Membership, Role
from gongkai.agencies.services import staff_group


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试市第{n}局")
    short_name = factory.Sequence(lambda n: f"第{n}局")
    kind = AgencyKind.DEPARTMENT
    level = AgencyLevel.MUNICIPAL
    org_code = factory.Sequence(lambda n: f"T{n:08d}")
    office_name = "办公室"
    address = "测试市测试路1号"
    postcode = "755000"
    phone = "0955-1234567"
    email = "office@example.org"

    class Params:
        government = factory.Trait(
            kind=AgencyKind.GOVERNMENT,
            name=factory.Sequence(lambda n: f"测试市{n}人民政府"),
        )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "pw")

    @factory.post_generation
    def staff(self, create, extracted, **kwargs):  # noqa: ANN001
        if create:
            self.save()
            self.groups.add(staff_group())


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = Role.CLERK

    class Params:
        reviewer = factory.Trait(role=Role.REVIEWER)
        head = factory.Trait(role=Role.HEAD)
        admin = factory.Trait(role=Role.ADMIN)
        supervisor = factory.Trait(role=Role.SUPERVISOR)
