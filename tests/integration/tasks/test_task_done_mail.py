"""A customer gets one mail when a task made from their ticket is done, through the outbound queue and its
worker (a redelivered request sends nothing twice); from the console or from Jira alike."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest

from tests.integration.commerce.conftest import sent_mail
from tests.support.lambdas import invoke
from tests.support.template_stack import REGION, TemplateStack

from .conftest import desk, staff  # noqa: F401 (the desk fixture)

pytestmark = pytest.mark.integration
ALICE = "alice@acme.example"


def customer_ticket(email: str) -> str:
    from helpdesk.bootstrap import container
    from helpdesk.tickets.model.ticket import Ticket
    from helpdesk.tickets.public import Customer

    c, now = container(), datetime.now(UTC)
    customer = c.ticket_stores.customers.create_if_absent(Customer.for_email(email, "Alice", "org-acme"))
    ticket = Ticket("tk-done-1", "HD-424242", "Coupon ignored", "support", now, now,
                    customer_id=customer.id, organisation_id="org-acme")  # fmt: skip
    assert c.ticket_repository.create(ticket)
    return ticket.id


def deliver_outbound(stack: TemplateStack) -> list[dict[str, Any]]:
    """The outbound queue's messages to OutboundMailFunction, as Lambda's poller would (left on the queue)."""
    sqs = boto3.client("sqs", region_name=REGION)
    url = stack.ref("OutboundQueue")
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0).get("Messages", [])
    records = [{"messageId": m["MessageId"], "receiptHandle": m["ReceiptHandle"], "body": m["Body"],
                "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1", "SenderId": "x",
                               "ApproximateFirstReceiveTimestamp": "1"},
                "messageAttributes": {}, "md5OfBody": m["MD5OfBody"], "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:eu-central-1:123456789012:outbound", "awsRegion": REGION}
               for m in got]  # fmt: skip
    if records:
        assert invoke("OutboundMailFunction", {"Records": records})["batchItemFailures"] == []
    return [json.loads(m["Body"]) for m in got]


def test_the_customer_is_mailed_once_when_their_task_is_done(desk) -> None:  # noqa: F811
    staff("POST", "/projects", {"key": "ACME", "name": "Acme shop", "organisation": "org-acme"})
    ticket_id = customer_ticket(ALICE)
    task = staff(
        "POST", "/tasks", {"project": "ACME", "title": "Fix the coupon", "ticket_id": ticket_id}
    ).body
    staff("POST", "/tasks", {"project": "ACME", "title": "Internal refactoring"})
    for status in ("in_progress", "review"):
        staff("PATCH", "/tasks/{task_id}", {"status": status}, task_id=task["id"])
    assert deliver_outbound(desk) == []  # not done yet: nothing to tell
    staff("PATCH", "/tasks/{task_id}", {"status": "done", "result": "Shipped in 2.4.1"}, task_id=task["id"])

    requested = deliver_outbound(desk)
    assert [(r["kind"], r["task_id"]) for r in requested] == [("task_done", task["id"])]
    [mail] = sent_mail(ALICE)
    assert mail.subject == "Done: Fix the coupon (ACME-1)"
    assert "Shipped in 2.4.1" in mail.body and "/orders" in mail.body

    assert deliver_outbound(desk) == requested  # the same request delivered again
    assert len(sent_mail(ALICE)) == 1
    staff("PATCH", "/tasks/{task_id}", {"title": "Fix the coupon (2)"}, task_id=task["id"])  # still done
    assert len(sent_mail(ALICE)) == 1
