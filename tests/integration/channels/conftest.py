"""The form service on the real adapters (PynamoDB, S3, SES under moto) feeding the real mail ingest."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from helpdesk.channels.adapters.confirmations import MailedConfirmations
from helpdesk.channels.adapters.dynamo_forms import DynamoForms, DynamoHeldSubmissions
from helpdesk.channels.adapters.s3_intake import S3ChannelIntake
from helpdesk.channels.adapters.ticket_marks import TicketVerification
from helpdesk.channels.services.forms import FormConfig, FormService
from helpdesk.kernel.adapters.dynamo_table import item_model
from helpdesk.notices.adapters.ses_mail import SesNoticeMailer
from helpdesk.tickets.services.ingest import IngestResult, MailSource

from tests.integration.tickets.conftest import RAW, REGION, Stack, stack  # noqa: F401 - the fixture
from tests.support.channels import QUOTE, SetClock
from tests.support.fast_moto import fast_moto
from tests.support.tickets import DOMAIN, SECRET, SUPPORT


@dataclass
class Channels:
    tickets: Stack
    forms: FormService
    held: DynamoHeldSubmissions
    clock: SetClock
    done: set[str]

    def ingest_new(self) -> list[IngestResult]:
        """What the ingest worker does for each object-created notification under inbound/channels/."""
        s3 = self.tickets.s3
        listed = s3.list_objects_v2(Bucket=RAW, Prefix="inbound/channels/").get("Contents", [])  # type: ignore[attr-defined]
        results = []
        for obj in listed:
            if obj["Key"] not in self.done:
                self.done.add(obj["Key"])
                source = MailSource(RAW, obj["Key"], obj["ETag"])
                results.append(self.tickets.services.mail_ingest.ingest_object(source))
        return results


@pytest.fixture
def channels(stack) -> Iterator[Channels]:  # noqa: F811 - the tickets stack fixture
    with fast_moto():
        yield _channels(stack)


def _channels(tickets: Stack) -> Channels:
    model = item_model("helpdesk", REGION)
    clock = SetClock()
    DynamoForms(model).save(QUOTE)
    held = DynamoHeldSubmissions(model)
    forms = FormService(
        DynamoForms(model),
        held,
        S3ChannelIntake(tickets.s3, RAW, DOMAIN),
        tickets.stores.limiter,
        MailedConfirmations(SesNoticeMailer(tickets.ses, SUPPORT)),
        TicketVerification(tickets.stores, DOMAIN),
        clock,
        FormConfig(SECRET, "http://shop.localhost/api/forms/confirm/"),
    )
    return Channels(tickets, forms, held, clock, set())
