"""The real license-lifecycle ASL in moto's Step Functions engine, with the table and queues it talks to."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import boto3
from helpdesk.commerce.adapters.product_names import CatalogueProductNames
from helpdesk.commerce.model.catalogue import Product
from helpdesk.kernel.calendar import MONTH
from helpdesk.kernel.clock import SystemClock
from helpdesk.licensing.adapters.dynamo_licenses import DynamoLicenseRepository
from helpdesk.licensing.adapters.dynamo_renewals import DynamoRenewalStore
from helpdesk.licensing.adapters.sfn_workflows import StepFunctionsWorkflows
from helpdesk.licensing.model.license import License, Money
from helpdesk.licensing.model.lifecycle import RenewalTerms
from helpdesk.licensing.ports import ChargeOutcome
from helpdesk.licensing.services.lifecycle import LicenseLifecycle
from helpdesk.licensing.services.period_input import CompressedTimeline
from helpdesk.licensing.views.queue import ChargeTask
from helpdesk_local.demo_catalogue import DEMO_PRODUCTS
from moto import mock_aws

from tests.contract.helpdesk_table import create_helpdesk_table, serialised_moto

ROOT = Path(__file__).resolve().parents[4]
ASL = ROOT / "statemachines" / "license_lifecycle.asl.json"
REGION = "eu-central-1"
QUEUES = {
    "NotifyQueueUrl": "notify",
    "OutboundQueueUrl": "outbound",
    "ChargeQueueUrl": "charge",
    "TicketQueueUrl": "license-tickets",
}
SECONDS_PER_DAY = 1.0


def placeholders(definition: str) -> set[str]:
    return set(re.findall(r"\$\{(\w+)\}", definition))


def definition_with(substitutions: dict[str, str]) -> str:
    text = ASL.read_text()
    missing = placeholders(text) - substitutions.keys()
    assert not missing, f"no substitution for {missing}"
    for name, value in substitutions.items():
        text = text.replace(f"${{{name}}}", value)
    return text


class ScriptedPayments:
    """Answers charges in the order given (True: paid), remembering each idempotency key's first answer."""

    def __init__(self, answers: list[bool]) -> None:
        self._answers, self.charges, self._seen = list(answers), [], {}  # type: ignore[var-annotated]

    def charge(
        self, customer_id: str, amount: Money, idempotency_key: str, description: str
    ) -> ChargeOutcome:
        if idempotency_key not in self._seen:
            paid = self._answers.pop(0) if self._answers else False
            self.charges.append((idempotency_key, amount))
            self._seen[idempotency_key] = ChargeOutcome(
                paid, f"pi_{len(self.charges)}" if paid else "", "" if paid else "card_declined"
            )
        return self._seen[idempotency_key]


class FixedTerms:
    def __init__(self, terms: RenewalTerms) -> None:
        self.terms = terms

    def terms_for(self, license: License) -> RenewalTerms:
        return self.terms


def compressed_terms(subscription: bool, **changes: Any) -> RenewalTerms:
    """Days are seconds here: reminders 2 and 1 days before, charges on days 0, 1, 2, grace 3 days."""
    values: dict[str, Any] = dict(
        period=MONTH,
        price=Money(4900, "EUR"),
        manager="mgr-anna",
        subscription=subscription,
        grace=timedelta(days=3),
        reminders=(2, 1),
        dunning=(timedelta(0), timedelta(days=1), timedelta(days=2)),
    )
    values.update(changes)
    return RenewalTerms(**values)


class DemoCatalogue:
    def product(self, slug: str) -> Product:
        return next(p for p in DEMO_PRODUCTS if p.slug == slug)


@dataclass
class Lifecycle:
    sfn: Any
    sqs: Any
    queue_urls: dict[str, str]
    machine_arn: str
    licenses: DynamoLicenseRepository
    renewals: DynamoRenewalStore
    payments: ScriptedPayments = field(default_factory=lambda: ScriptedPayments([]))
    terms: FixedTerms = field(default_factory=lambda: FixedTerms(compressed_terms(False)))

    def service(self) -> LicenseLifecycle:
        return LicenseLifecycle(
            self.licenses,
            self.renewals,
            StepFunctionsWorkflows(self.sfn, self.machine_arn),
            self.payments,
            self.terms,
            CompressedTimeline(SECONDS_PER_DAY),
            SystemClock(),
            "https://cabinet.test",
            charge_timeout=timedelta(seconds=30),
            names=CatalogueProductNames(DemoCatalogue()),
        )

    def issue(self, license_id: str, days_left: float, customer: str = "cus-1") -> License:
        now = datetime.now(UTC).replace(microsecond=0)
        lic = License(
            id=license_id,
            product="seo-pro",
            edition="standard",
            customer_id=customer,
            domains=("shop.example",),
            issued=now - timedelta(days=300),
            expires=now + timedelta(days=days_left),
            updates_until=None,
        )
        assert self.licenses.add(lic)
        return self.licenses.get(license_id)

    def messages(self, queue: str) -> list[dict[str, Any]]:
        """Everything on the queue so far (received and deleted: each call sees only new messages)."""
        found = []
        while True:
            got = self.sqs.receive_message(QueueUrl=self.queue_urls[queue], MaxNumberOfMessages=10)
            batch = got.get("Messages", [])
            if not batch:
                return found
            for m in batch:
                found.append(json.loads(m["Body"]))
                self.sqs.delete_message(QueueUrl=self.queue_urls[queue], ReceiptHandle=m["ReceiptHandle"])

    def next_charge_task(self) -> ChargeTask:
        """The next task the Charge state put on the charge queue, with its real task token."""
        [body] = self.until(lambda: self.messages("charge"))
        return ChargeTask.model_validate(body)

    def executions(self) -> list[dict[str, Any]]:
        return self.sfn.list_executions(stateMachineArn=self.machine_arn)["executions"]

    def execution_arn(self, name: str) -> str:
        return f"{self.machine_arn.replace(':stateMachine:', ':execution:')}:{name}"

    def wait_done(self, name: str, timeout: float = 20) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            answer = self.sfn.describe_execution(executionArn=self.execution_arn(name))
            if answer["status"] != "RUNNING":
                return answer
            time.sleep(0.1)
        raise AssertionError(f"execution {name} still running after {timeout} s")

    def entered(self, name: str) -> list[str]:
        """The states the execution entered, in order."""
        events = self.sfn.get_execution_history(executionArn=self.execution_arn(name), maxResults=1000)[
            "events"
        ]
        return [e["stateEnteredEventDetails"]["name"] for e in events if "stateEnteredEventDetails" in e]

    def until(self, check: Callable[[], Any], timeout: float = 15) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = check()
            if found:
                return found
            time.sleep(0.1)
        raise AssertionError("condition not met in time")

    @contextmanager
    def charge_worker(self) -> Iterator[list[str]]:
        """What the charge Lambda does: read the charge queue and hand each task to the service."""
        outcomes: list[str] = []
        stop = threading.Event()
        service = self.service()

        def work() -> None:
            while not stop.is_set():
                for body in self.messages("charge"):
                    outcomes.append(service.handle_charge_task(ChargeTask.model_validate(body)))
                time.sleep(0.1)

        worker = threading.Thread(target=work, daemon=True)
        worker.start()
        try:
            yield outcomes
        finally:
            stop.set()
            worker.join(timeout=5)


@contextmanager
def lifecycle_stack() -> Iterator[Lifecycle]:
    with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}), serialised_moto():
        create_helpdesk_table()
        sqs = boto3.client("sqs", region_name=REGION)
        urls = {name: sqs.create_queue(QueueName=name)["QueueUrl"] for name in QUEUES.values()}
        substitutions = {"TableName": "helpdesk", **{k: urls[v] for k, v in QUEUES.items()}}
        sfn = boto3.client("stepfunctions", region_name=REGION)
        arn = sfn.create_state_machine(
            name="license-lifecycle",
            definition=definition_with(substitutions),
            roleArn="arn:aws:iam::123456789012:role/license-lifecycle",
            type="STANDARD",
        )["stateMachineArn"]
        built = Lifecycle(
            sfn,
            sqs,
            {v: urls[v] for v in QUEUES.values()},
            arn,
            DynamoLicenseRepository("helpdesk", REGION),
            DynamoRenewalStore("helpdesk", REGION),
        )
        try:
            yield built
        finally:
            # Next periods still wait: end their threads here, or they would write into the next test's stack.
            for execution in built.executions():
                if execution["status"] == "RUNNING":
                    stop(sfn, execution["executionArn"])


def stop(sfn: Any, execution_arn: str) -> None:
    """Stop an execution; moto raises AttributeError until its worker thread has built its environment."""
    for _ in range(100):
        try:
            sfn.stop_execution(executionArn=execution_arn)
            return
        except AttributeError:
            time.sleep(0.02)
    raise AssertionError(f"could not stop {execution_arn}")
