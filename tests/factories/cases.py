"""Factories for applications and appeals, one trait per workflow state.

They write rows directly (no services, no timeline) for selector tests; service and
HTTP tests go through the services.
"""

from __future__ import annotations

import datetime

import factory

from gongkai.cases.choices import (
    AppealKind,
    AppealResult,
    ApplicantType,
    Channel,
    Delivery,
    IdType,
    Outcome,
    RequestedForm,
    Status,
)
from gongkai.cases.models import Appeal, Application, ApplicationItem

from .agencies import AgencyFactory

# One precomputed hash (of "TESTCODE") keeps factories fast.
QUERY_CODE = "TESTCODE"
QUERY_CODE_HASH = "md5$salt$" + "0" * 32


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application
        skip_postgeneration_save = True

    agency = factory.SubFactory(AgencyFactory)
    tracking_number = factory.Sequence(lambda n: f"TST{n:09d}")
    query_code_hash = QUERY_CODE_HASH
    applicant_type = ApplicantType.NATURAL_PERSON
    applicant_name = factory.Sequence(lambda n: f"申请人{n}")
    id_type = IdType.RESIDENT_ID
    id_number = factory.Sequence(lambda n: f"64030219900101{n:04d}")
    phone = "13900000000"
    requested_form = RequestedForm.PAPER
    delivery = Delivery.POST
    channel = Channel.IN_PERSON
    received_on = datetime.date(2023, 3, 1)
    status = Status.REGISTERED

    class Params:
        in_progress = factory.Trait(status=Status.IN_PROGRESS)
        awaiting_supplement = factory.Trait(status=Status.AWAITING_SUPPLEMENT)
        drafted = factory.Trait(status=Status.REPLY_DRAFTED, outcome=Outcome.GRANTED)
        approved = factory.Trait(status=Status.REPLY_APPROVED, outcome=Outcome.GRANTED)
        closed = factory.Trait(
            status=Status.CLOSED,
            outcome=Outcome.GRANTED,
            answered_on=factory.LazyAttribute(
                lambda o: o.received_on + datetime.timedelta(days=14)
            ),
        )

    @factory.post_generation
    def items(self, create, extracted, **kwargs):  # noqa: ANN001
        if not create:
            return
        for position, text in enumerate(extracted or ["某项政府信息"], start=1):
            ApplicationItem.objects.create(
                application=self,
                position=position,
                description=text,
                normalised=text,
                outcome=self.outcome if self.outcome else "",
            )


class AppealFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appeal

    agency = factory.SubFactory(AgencyFactory)
    kind = AppealKind.RECONSIDERATION
    filed_on = datetime.date(2023, 5, 1)
    result = AppealResult.PENDING

    class Params:
        decided = factory.Trait(
            result=AppealResult.UPHELD,
            decided_on=factory.LazyAttribute(
                lambda o: o.filed_on + datetime.timedelta(days=60)
            ),
        )
