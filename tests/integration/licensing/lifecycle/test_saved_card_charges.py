"""The whole product under moto with the real ASL running, a day lasting 0.2 s: a subscription bought with a
card is charged on that card by the lifecycle at the period's end (through the charge Lambda), and a card
that declines off-session sends the license into grace, a ticket request, and expiry."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from helpdesk.bootstrap import container
from helpdesk.kernel.calendar import MONTH
from helpdesk.licensing.model.license import License
from helpdesk.licensing.model.lifecycle import execution_name
from moto import mock_aws

from tests.integration.commerce.billing_support import FAILS_LATER, VISA, buy, deliver
from tests.integration.commerce.conftest import load_demo_rates, signed_in_callers
from tests.support.lambdas import invoke
from tests.support.template_stack import REGION, TemplateStack, provision

from .harness import stop

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture
def product(monkeypatch: pytest.MonkeyPatch) -> Iterator[TemplateStack]:
    monkeypatch.setenv("LOCAL_PAYMENT_PAGE_URL", "http://pay.localhost")
    monkeypatch.setenv("LICENSE_SECONDS_PER_DAY", "0.2")
    with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):
        stack = provision({"Stage": "local"})
        from helpdesk_local.demo_catalogue import load_catalogue

        load_catalogue(stack.ref("HelpdeskTable"), REGION, None)
        load_demo_rates(stack)
        sfn = boto3.client("stepfunctions", region_name=REGION)
        try:
            yield from signed_in_callers(stack)
        finally:
            arn = stack.ref("LicenseLifecycleStateMachine")
            for e in sfn.list_executions(stateMachineArn=arn, statusFilter="RUNNING")["executions"]:
                stop(sfn, e["executionArn"])


def sqs_event(messages: list[dict[str, Any]], queue_arn: str) -> dict[str, Any]:
    attributes = {
        "ApproximateReceiveCount": "1",
        "SentTimestamp": "1795600000000",
        "SenderId": "123456789012",
        "ApproximateFirstReceiveTimestamp": "1795600000100",
    }
    return {
        "Records": [
            {
                "messageId": m["MessageId"],
                "receiptHandle": m["ReceiptHandle"],
                "body": m["Body"],
                "attributes": attributes,
                "messageAttributes": {},
                "md5OfBody": m["MD5OfBody"],
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": REGION,
            }
            for m in messages
        ]
    }


class ChargeLambda:
    """What Lambda's SQS poller does for LicenseChargeFunction, in a thread."""

    def __init__(self, stack: TemplateStack) -> None:
        self._sqs = boto3.client("sqs", region_name=REGION)
        self._url = stack.ref("LicenseChargeQueue")
        self._arn = self._sqs.get_queue_attributes(QueueUrl=self._url, AttributeNames=["QueueArn"])[
            "Attributes"
        ]["QueueArn"]
        self.charges: list[dict[str, Any]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> ChargeLambda:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.is_set():
            got = self._sqs.receive_message(QueueUrl=self._url, MaxNumberOfMessages=1, WaitTimeSeconds=0)
            for message in got.get("Messages", []):
                self.charges.append(json.loads(message["Body"])["charge"])
                answer = invoke("LicenseChargeFunction", sqs_event([message], self._arn))
                if not answer.get("batchItemFailures"):
                    self._sqs.delete_message(QueueUrl=self._url, ReceiptHandle=message["ReceiptHandle"])
            time.sleep(0.1)


def bought(token: str, card: str) -> License:
    payment = buy(token)
    deliver(payment.completed())
    deliver(payment.card_saved(card))
    [license] = container().license_repository.list_for_order(payment.checkout_id)
    return license


def finished(license: License, timeout: float = 30) -> tuple[str, list[str]]:
    """Status and entered states of the license's current period's execution once it ended."""
    sfn = boto3.client("stepfunctions", region_name=REGION)
    arn = container().settings.license_lifecycle_arn.replace(":stateMachine:", ":execution:")
    execution = f"{arn}:{execution_name(license.id, license.expires)}"  # type: ignore[arg-type]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = sfn.describe_execution(executionArn=execution)["status"]
        if status != "RUNNING":
            events = sfn.get_execution_history(executionArn=execution, maxResults=1000)["events"]
            return status, [
                e["stateEnteredEventDetails"]["name"] for e in events if "stateEnteredEventDetails" in e
            ]
        time.sleep(0.2)
    raise AssertionError(f"{execution} still running after {timeout} s")


def test_the_saved_card_pays_the_next_period_and_a_failing_card_ends_in_grace(product: TemplateStack) -> None:
    with ChargeLambda(product) as worker:
        alice = bought("alice", VISA)
        bob = bought("bob", FAILS_LATER)
        paid_status, paid_states = finished(alice)
        lost_status, lost_states = finished(bob)

    assert paid_status == "SUCCEEDED" and paid_states[-1] == "Paid" and "EnterGrace" not in paid_states
    assert alice.expires is not None
    renewed = container().license_repository.get(alice.id)
    assert renewed.expires == MONTH.next_end(alice.expires, alice.issued)  # a calendar month on
    assert any(h.reason == "paid by the saved card" and h.actor == "system" for h in renewed.history)
    [alice_charge] = [c for c in worker.charges if c["license_id"] == alice.id]
    offer = container().catalogue.offer("seo-pro", "pro", "USD", "monthly")
    assert (alice_charge["amount"], alice_charge["currency"]) == (offer.price.amount, "USD")

    assert lost_status == "SUCCEEDED" and lost_states[-1] == "Expired"
    assert lost_states.count("Charge") == 3 and lost_states.count("EnterGrace") == 1
    assert container().license_repository.get(bob.id).expires == bob.expires
    renewal = container().license_lifecycle.renewal_of(bob.id)
    assert renewal is not None and renewal.state.value == "expired"
