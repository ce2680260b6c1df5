"""Counts the AWS requests of the product's hot paths by running the real code (handlers, container, adapters)
on template.yaml's resources in moto, each path a few times, and prints the steady-state counts per run as JSON.

Run in a fresh interpreter (`python -m tests.bench.cost_calls`): the counter is a botocore built-in handler, so
it must be in place before any botocore session exists. `helpdesk cost` prices these counts; the committed copy
is `infra/cost/measured-calls.json` and `tests/integration/edges/test_cost_measurements.py` keeps it true.
"""

from __future__ import annotations

import json
import math
import os
import uuid
from collections import Counter
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

import botocore.handlers

for _name, _value in {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "eu-central-1",
    "AWS_REGION": "eu-central-1",
}.items():
    os.environ[_name] = _value  # never real AWS: everything below runs inside moto  # fmt: skip
RUNS = 3  # each path's first run fills the caches of a warm Lambda; the counts are of the later runs


class AwsCalls:
    """Every request botocore makes (boto3 and PynamoDB alike), with DynamoDB's capacity units estimated from
    the items sent and received (1 KB per write unit, 4 KB per read unit, half for eventually consistent)."""

    def __init__(self) -> None:
        self.requests: Counter[str] = Counter()
        self.units: Counter[str] = Counter()

    def before(self, model: Any, params: dict[str, Any], **_: Any) -> None:
        service, operation = model.service_model.endpoint_prefix, model.name
        self.requests[f"{service}:{operation}"] += 1
        if service != "dynamodb":
            return
        params = _api_params(params)
        if operation in ("PutItem", "UpdateItem", "DeleteItem"):
            self.units["dynamodb:write"] += _write_units(params.get("Item") or params.get("Key") or {})
        elif operation == "BatchWriteItem":
            for writes in params.get("RequestItems", {}).values():
                for w in writes:
                    item = (w.get("PutRequest") or {}).get("Item") or (w.get("DeleteRequest") or {}).get(
                        "Key"
                    )
                    self.units["dynamodb:write"] += _write_units(item or {})
        elif operation == "TransactWriteItems":  # DynamoDB bills each item of a transaction twice
            for entry in params.get("TransactItems", []):
                ((_, body),) = entry.items()
                self.units["dynamodb:write"] += 2 * _write_units(body.get("Item") or body.get("Key") or {})
                self.units["dynamodb:transact_items"] += 1

    def after(self, model: Any, parsed: dict[str, Any], **_: Any) -> None:
        if model.service_model.endpoint_prefix != "dynamodb":
            return
        items = parsed.get("Items") or ([parsed["Item"]] if parsed.get("Item") else [])
        if model.name in ("GetItem", "Query", "Scan"):
            self.units["dynamodb:read"] += max(1, math.ceil(_size(items) / 4096))
        elif model.name == "BatchGetItem":
            found = [i for rows in (parsed.get("Responses") or {}).values() for i in rows]
            self.units["dynamodb:read"] += max(1, math.ceil(_size(found) / 4096))
        elif model.name == "TransactGetItems":
            self.units["dynamodb:read"] += 2 * max(1, len(parsed.get("Responses") or []))

    def snapshot(self) -> Counter[str]:
        return Counter(self.requests) + Counter(self.units)


def _api_params(request: dict[str, Any]) -> dict[str, Any]:
    """before-call sees the serialized request: DynamoDB's parameters are its JSON body."""
    body = request.get("body")
    if isinstance(body, bytes | str) and body:
        return dict(json.loads(body))
    return request


def _size(value: Any) -> int:
    return len(json.dumps(value, default=str))


def _write_units(item: dict[str, Any]) -> int:
    return max(1, math.ceil(_size(item) / 1024))


CALLS = AwsCalls()
botocore.handlers.BUILTIN_HANDLERS.append(("before-call", CALLS.before))
botocore.handlers.BUILTIN_HANDLERS.append(("after-call", CALLS.after))


def mail(sender: str, subject: str, text: str, in_reply_to: str | None = None) -> bytes:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, "support@support.localhost", subject
    message["Message-ID"] = make_msgid(domain="customer.example")
    if in_reply_to:
        message["In-Reply-To"] = message["References"] = in_reply_to
    message.set_content(text)
    return message.as_bytes()


class Paths:
    """The paths whose requests are counted, on one provisioned stack."""

    def __init__(self) -> None:
        import boto3

        from tests.integration.commerce import conftest as apis
        from tests.support.template_stack import REGION, provision

        self.stack = provision({"Stage": "local"})
        from helpdesk_local.demo_catalogue import load_catalogue

        load_catalogue(self.stack.ref("HelpdeskTable"), REGION, None)
        apis.load_demo_rates(self.stack)
        self._callers = apis.signed_in_callers(self.stack)
        next(self._callers)
        self.apis = apis
        self.s3 = boto3.client("s3", region_name=REGION)
        self.sqs = boto3.client("sqs", region_name=REGION)
        self.bucket = self.stack.ref("RawMailBucket")
        self.ticket_id = ""
        self.answered = ""
        self.license: dict[str, Any] = {}

    def ingest(self, raw: bytes) -> str:
        """What SES receipt (the object) and the ingest worker do for one mail; the ticket's id."""
        from helpdesk.bootstrap import container
        from helpdesk.tickets.services.ingest import MailSource

        key = f"inbound/{uuid.uuid4().hex}"
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=raw)
        etag = self.s3.head_object(Bucket=self.bucket, Key=key)["ETag"]
        result = container().tickets.mail_ingest.ingest_object(MailSource(self.bucket, key, etag))
        return str(result.ticket_id)

    def mail_new_ticket(self) -> None:
        self.customer = f"olga-{uuid.uuid4().hex[:6]}@romashka.example"
        self.ticket_id = self.ingest(mail(self.customer, "License stopped working", "Hello, it stopped."))

    def prepare_mail_reply(self) -> None:
        """The customer answers the last mail we sent them (here the acknowledgement), as a mail client's Reply
        does; their mail client knows what it answers: finding that is not the path's cost."""
        from helpdesk.bootstrap import container
        from helpdesk.tickets.model.message import Direction

        messages = container().tickets.tickets.get_ticket(self.ticket_id).messages
        ours = [m for m in messages if m.direction is Direction.OUTBOUND and m.message_id]
        self.answered = str(ours[-1].message_id)

    def mail_reply(self) -> None:
        self.ingest(mail(self.customer, "Re: License stopped working", "Still broken.", self.answered))

    def staff_reply(self) -> None:
        answer = self.apis.call(
            "StaffApiFunction",
            "POST",
            "/tickets/{ticket_id}/replies",
            {"text": "Please restart the module."},
            token="anna",
            ticket_id=self.ticket_id,
        )
        assert answer.status == 200, answer.body

    def outbound_delivery(self) -> None:
        """The outbound worker sending the staff reply queued just before: Lambda's poller hands it over and
        deletes it after success (the poller's own SQS requests are priced per message, not counted here)."""
        from tests.integration.tasks.test_task_done_mail import deliver_outbound

        deliver_outbound(self.stack)
        url = self.stack.ref("OutboundQueue")
        for m in self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", []):
            self.sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])

    prepare_outbound_delivery = staff_reply

    def ticket_page(self) -> None:
        answer = self.apis.call(
            "StaffApiFunction", "GET", "/tickets/{ticket_id}", token="anna", ticket_id=self.ticket_id
        )
        assert answer.status == 200, answer.body

    def inbox_poll(self) -> None:
        """One live-inbox poll of an agent's open console (every 5 s while it is open)."""
        since = "2026-01-01T00:00:00+00:00"
        answer = self.apis.call(
            "StaffApiFunction", "GET", "/tickets", token="anna", query={"updated_since": since}
        )
        assert answer.status == 200, answer.body

    def license_validate(self) -> None:
        if not self.license:
            self.license = self._a_license()
        check = {"key": self.license["key"], "product": "seo-pro", "domain": self.license["domains"][0]}
        answer = self.apis.public("POST", "/licenses/validate", check)
        assert answer.status == 200, answer.body

    def _a_license(self) -> dict[str, Any]:
        from helpdesk.bootstrap import container
        from helpdesk.licensing.public import License

        now = container().clock.now()
        lic = License(id=f"lic-{uuid.uuid4().hex[:8]}", product="seo-pro", edition="standard",
                      customer_id="cus-1", domains=("shop.example",), issued=now, expires=None,
                      updates_until=now, max_activations=1)  # fmt: skip
        key = container().licensing.issue(lic)
        return {"key": key, "domains": ["shop.example"]}


PATHS = (
    "mail_new_ticket",
    "mail_reply",
    "staff_reply",
    "outbound_delivery",
    "ticket_page",
    "inbox_poll",
    "license_validate",
)


# Requests a path's driver makes that Lambda's SQS poller makes in production (priced per message instead).
BOOKKEEPING = {"outbound_delivery": "sqs:"}


def measure() -> dict[str, dict[str, float]]:
    from moto import mock_aws

    with mock_aws():
        paths = Paths()
        counts: dict[str, dict[str, float]] = {}
        for name in PATHS:
            runs = []
            for _ in range(RUNS):
                getattr(paths, f"prepare_{name}", lambda: None)()
                before = CALLS.snapshot()
                getattr(paths, name)()
                run = CALLS.snapshot() - before
                runs.append(
                    Counter({k: v for k, v in run.items() if not k.startswith(BOOKKEEPING.get(name, "-"))})
                )
            steady = runs[1:]
            keys = sorted({k for run in steady for k in run})
            counts[name] = {k: sum(run[k] for run in steady) / len(steady) for k in keys}
        return counts


if __name__ == "__main__":
    print(json.dumps(measure(), sort_keys=True))  # the last line: handlers log JSON lines before it
