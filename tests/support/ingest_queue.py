"""The ingest path on real SQS semantics (moto): mails stored in the raw-mail bucket notify the ingest queue,
the local stack's SqsPoller delivers batches to a sqs_worker handler, failures return by visibility and end in
the DLQ after the template's maxReceiveCount. Ticket stores are the contract-tested in-memory fakes by default
(moto's DynamoDB would make a 200-mail run take minutes, see docs/operations.md); `dynamo=True` puts them on
moto's DynamoDB, with the local stack's atomic writes, for smaller runs."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import format_datetime
from typing import Any

import boto3
from helpdesk.mail.model import MailKind
from helpdesk.mail.parser import parse_mail
from helpdesk.tickets.adapters.s3_objects import S3RawMail
from helpdesk.tickets.adapters.stores import dynamo_ticket_stores
from helpdesk.tickets.services.ingest import FaultHook, MailSource, no_fault
from helpdesk.tickets.services.ticket_services import TicketConfig, TicketServices, build_ticket_services
from helpdesk.tickets.views.mail_events import ingest_records
from helpdesk.workers import Backoff, SqsVisibility, sqs_worker
from helpdesk_local.delivery import SqsPoller
from helpdesk_local.emulator_speedups import restore_emulator, speed_up_emulator
from moto import mock_aws

from tests.fakes.tickets.memory_io import MemoryMailer
from tests.support.queue_worker import REGION, InProcessFunction, PlainRecord, make_queue, visible_count
from tests.support.tables import create_helpdesk_table
from tests.support.template_stack import template
from tests.support.tickets import DOMAIN, SECRET, SUPPORT, T0, MailSpec, StepClock, memory_stores

RAW = "raw-mail"
NOW_RETRY = Backoff(base=0, cap=0, jitter=0)  # moto's visibility runs on the wall clock: retry at once


def template_max_receives() -> int:
    return int(template()["Resources"]["IngestQueue"]["Properties"]["RedrivePolicy"]["maxReceiveCount"])


def render(spec: MailSpec, n: int) -> bytes:
    headers = [
        f"From: <{spec.sender}>",
        f"To: {', '.join(spec.to)}",
        f"Subject: {spec.subject}",
        f"Date: {format_datetime(T0)}",
        f"Message-ID: <{spec.message_id}>",
    ]
    if spec.in_reply_to:
        headers += [f"In-Reply-To: <{spec.in_reply_to[-1]}>", f"References: <{spec.in_reply_to[-1]}>"]
    if spec.kind is MailKind.AUTO_REPLY:
        headers.append("Auto-Submitted: auto-replied")
    return ("\r\n".join(headers) + f"\r\n\r\n{spec.text} ({n})\r\n").encode()


class Serialized:
    """moto is not thread-safe: calls to it take turns, while the ingest work itself runs concurrently."""

    lock = threading.RLock()

    def __init__(self, client: Any) -> None:
        self._client = client

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute

        def call(*args: Any, **kwargs: Any) -> Any:
            with Serialized.lock:
                return attribute(*args, **kwargs)

        return call


@dataclass
class IngestRig:
    sqs: Any
    s3: Any
    url: str
    arn: str
    dlq: str
    services: TicketServices
    mailer: MemoryMailer
    stores: Any
    fault: list[FaultHook] = field(default_factory=lambda: [no_fault])
    batch_receives: int = 0
    responses: list[dict[str, Any]] = field(default_factory=list)

    def store(self, raw: bytes, key: str) -> None:
        """What SES does: put the mail into the bucket, whose notification goes to the ingest queue."""
        self.s3.put_object(Bucket=RAW, Key=key, Body=raw)

    def notify_again(self, key: str, raw: bytes) -> None:
        """S3 delivers notifications at least once: the same object-created event, another SQS message."""
        etag = hashlib.md5(raw).hexdigest()  # noqa: S324 - what S3 reports as the ETag of a single-part upload
        body = {
            "Records": [
                {
                    "eventSource": "aws:s3",
                    "eventName": "ObjectCreated:Put",
                    "s3": {"bucket": {"name": RAW}, "object": {"key": key, "eTag": etag}},
                }
            ]
        }
        self.sqs.send_message(QueueUrl=self.url, MessageBody=json.dumps(body))

    def handler(self) -> Callable[[dict[str, Any], Any], Any]:
        def record_handler(record: PlainRecord) -> None:
            for item in ingest_records(record.body):
                self.services.mail_ingest.ingest_object(MailSource(item.bucket, item.key, item.etag))

        worker = sqs_worker(
            PlainRecord, record_handler, backoff=NOW_RETRY, visibility=lambda: SqsVisibility(self.sqs)
        )

        def invoke(event: dict[str, Any], context: Any) -> Any:
            self.batch_receives = max(
                int(r["attributes"]["ApproximateReceiveCount"]) for r in event["Records"]
            )
            response = worker(event, context)
            self.responses.append(response)
            return response

        return invoke

    def poller(self) -> SqsPoller:
        event = {"Queue": self.arn, "BatchSize": 10, "FunctionResponseTypes": ["ReportBatchItemFailures"]}
        fn = InProcessFunction("MailIngestFunction", self.handler())
        poller = SqsPoller(fn, event, self.sqs, self.url, REGION, threading.Event(), retry_delay=0)  # type: ignore[arg-type]
        poller.wait_seconds = 0  # a long poll would hold the lock every moto call takes
        return poller

    def drain(self, pollers: int = 1) -> None:
        """Poll until nothing is left in flight or visible, with `pollers` threads at once."""

        def run(poller: SqsPoller) -> None:
            while poller.step() or self.remaining():
                time.sleep(0.001)  # moto makes a message visible again only after its visibility millisecond

        threads = [threading.Thread(target=run, args=(self.poller(),)) for _ in range(pollers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=300)

    def remaining(self) -> int:
        attributes = self.sqs.get_queue_attributes(
            QueueUrl=self.url,
            AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        )["Attributes"]
        return sum(int(v) for v in attributes.values())

    def dead_letters(self) -> int:
        return visible_count(self.sqs, self.dlq)

    def acks(self) -> Counter[str]:
        sent: Counter[str] = Counter()
        for mail in self.mailer.sent:
            sent[mail.raw.split(b"In-Reply-To: <", 1)[1].split(b">", 1)[0].decode()] += 1
        return sent


@contextmanager
def ingest_rig(dynamo: bool = False) -> Iterator[IngestRig]:
    if dynamo:
        speed_up_emulator()  # concurrent pollers: DynamoDB's atomic writes, as the local stack has them
    with mock_aws():
        sqs = Serialized(boto3.client("sqs", region_name=REGION))
        s3 = Serialized(boto3.client("s3", region_name=REGION))
        url, arn, dlq = make_queue(
            sqs, "helpdesk-ingest-test", max_receives=template_max_receives(), visibility=360
        )
        s3.create_bucket(Bucket=RAW, CreateBucketConfiguration={"LocationConstraint": REGION})
        s3.put_bucket_notification_configuration(
            Bucket=RAW,
            NotificationConfiguration={
                "QueueConfigurations": [{"QueueArn": arn, "Events": ["s3:ObjectCreated:*"]}]
            },
        )
        stores, mailer = (dynamo_stores(s3) if dynamo else memory_stores()), MemoryMailer()
        rig = IngestRig(sqs, s3, url, arn, dlq, None, mailer, stores)  # type: ignore[arg-type]
        config = TicketConfig(
            support_domain=DOMAIN, support_address=SUPPORT, token_secret=SECRET, ack_limit=1000
        )
        rig.services = build_ticket_services(
            stores,
            mailer,
            S3RawMail(s3),
            parse_mail,
            StepClock(),
            config,
            lambda checkpoint, source: rig.fault[0](checkpoint, source),
        )
        try:
            yield rig
        finally:
            restore_emulator()


def dynamo_stores(s3: Any) -> Any:
    create_helpdesk_table("helpdesk", REGION)
    s3.create_bucket(Bucket="attachments", CreateBucketConfiguration={"LocationConstraint": REGION})
    return dynamo_ticket_stores("helpdesk", REGION, None, s3, "attachments")
