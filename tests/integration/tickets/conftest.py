"""The ticket services wired to the real adapters (PynamoDB, S3, SES) under moto, with the real mail
parser."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import boto3
import pytest
from helpdesk.mail.parser import parse_mail
from helpdesk.tickets.adapters.s3_objects import S3RawMail
from helpdesk.tickets.adapters.ses_mailer import SesMailer
from helpdesk.tickets.adapters.stores import dynamo_ticket_stores
from helpdesk.tickets.ports import TicketStores
from helpdesk.tickets.services.ingest import FaultHook, IngestResult, MailSource
from helpdesk.tickets.services.ticket_services import TicketConfig, TicketServices, build_ticket_services
from moto import mock_aws
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses import ses_backends

from tests.support.tables import create_helpdesk_table
from tests.support.tickets import DOMAIN, SECRET, SUPPORT, StepClock

REGION = "eu-central-1"
RAW, FILES = "raw-mail", "attachments"
CONFIG = TicketConfig(support_domain=DOMAIN, support_address=SUPPORT, token_secret=SECRET)


@dataclass
class Stack:
    stores: TicketStores
    services: TicketServices
    s3: object
    clock: StepClock
    ses: object

    def with_fault(self, fault: FaultHook) -> None:
        self.services = build_ticket_services(
            self.stores, SesMailer(self.ses), S3RawMail(self.s3), parse_mail, self.clock, CONFIG, fault
        )

    def receive(self, raw: bytes, key: str) -> IngestResult:
        """What the worker does for one S3 object-created notification."""
        self.s3.put_object(Bucket=RAW, Key=key, Body=raw)  # type: ignore[attr-defined]
        etag = self.s3.head_object(Bucket=RAW, Key=key)["ETag"]  # type: ignore[attr-defined]
        return self.services.mail_ingest.ingest_object(MailSource(RAW, key, etag))

    def last_sent_message_id(self) -> str:
        """The Message-ID of the last mail we sent (a customer's Reply answers it)."""
        return self.sent()[-1].split(b"Message-ID: <", 1)[1].split(b">", 1)[0].decode()

    def sent(self) -> list[bytes]:
        backend = ses_backends[DEFAULT_ACCOUNT_ID][REGION]
        return [
            m.raw_data.encode() if isinstance(m.raw_data, str) else m.raw_data for m in backend.sent_messages
        ]


def olga_mail(tag: str, n: int, reply_to: str = "", references: tuple[str, ...] = ()) -> bytes:
    """Mail number `n` from one customer, Message-ID `<tag><n>@romashka.test`, answering `reply_to`."""
    threading_headers = f"In-Reply-To: <{reply_to}>\r\n" if reply_to else ""
    if references:
        threading_headers += f"References: {' '.join(f'<{r}>' for r in references)}\r\n"
    return (
        f"From: olga@romashka.test\r\nTo: support@support.example.com\r\nSubject: case {n}\r\n"
        f"Message-ID: <{tag}{n}@romashka.test>\r\n{threading_headers}\r\nHello number {n}\r\n"
    ).encode()


@pytest.fixture
def stack() -> Iterator[Stack]:
    with mock_aws():
        create_helpdesk_table("helpdesk", REGION)
        s3 = boto3.client("s3", region_name=REGION)
        for bucket in (RAW, FILES):
            s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
        ses = boto3.client("ses", region_name=REGION)
        ses.verify_domain_identity(Domain=DOMAIN)
        stores = dynamo_ticket_stores("helpdesk", REGION, None, s3, FILES)
        clock = StepClock()
        services = build_ticket_services(stores, SesMailer(ses), S3RawMail(s3), parse_mail, clock, CONFIG)
        yield Stack(stores, services, s3, clock, ses)
