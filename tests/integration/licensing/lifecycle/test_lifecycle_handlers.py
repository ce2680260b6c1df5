"""The lifecycle's Lambdas: charge worker and ticket requests; a malformed record fails alone."""

from __future__ import annotations

import importlib
import json
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from helpdesk.bootstrap import Container
from helpdesk.kernel.clock import FixedClock
from helpdesk.licensing.adapters.dynamo_licenses import DynamoLicenseRepository
from helpdesk.licensing.adapters.dynamo_renewals import DynamoRenewalStore
from helpdesk.licensing.model.license import License
from helpdesk.licensing.services.lifecycle import LicenseLifecycle
from helpdesk.licensing.services.period_input import RealTimeline
from helpdesk.licensing.views.lifecycle import LapseTicketRequested
from helpdesk.settings import Settings
from helpdesk_local.functions import LambdaContext
from moto import mock_aws

from tests.contract.helpdesk_table import create_helpdesk_table
from tests.fakes.licensing.memory_workflows import InMemoryWorkflows
from tests.support.lambdas import sample_event
from tests.support.template_stack import ROOT

from .harness import FixedTerms, ScriptedPayments, compressed_terms

pytestmark = pytest.mark.integration
END = datetime(2026, 12, 1, tzinfo=UTC)


def function_module(name: str) -> Any:
    code_dir = str(ROOT / "functions" / name)
    if code_dir not in sys.path:
        sys.path.insert(0, code_dir)
    return importlib.import_module(name)


def context(name: str) -> LambdaContext:
    return LambdaContext(function_name=name, timeout_seconds=30, _deadline=time.monotonic() + 30)


@pytest.fixture
def charge_module() -> Any:
    return function_module("license_charge")


@pytest.fixture
def workflows(charge_module: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[InMemoryWorkflows]:
    with mock_aws():
        create_helpdesk_table()
        licenses = DynamoLicenseRepository("helpdesk", "eu-central-1")
        licenses.add(
            License(
                id="lic-9",
                product="seo-pro",
                edition="standard",
                customer_id="cus-1",
                domains=("shop.example",),
                issued=END.replace(year=2025),
                expires=END,
                updates_until=None,
            )
        )
        fake = InMemoryWorkflows()
        service = LicenseLifecycle(
            licenses,
            DynamoRenewalStore("helpdesk", "eu-central-1"),
            fake,
            ScriptedPayments([True]),
            FixedTerms(compressed_terms(subscription=True)),
            RealTimeline(),
            FixedClock(END),
            "https://cab.test",
        )
        built = Container(Settings(), license_lifecycle=service)
        monkeypatch.setattr(charge_module, "container", lambda: built)
        yield fake


def test_good_task_is_answered_and_the_poison_one_is_reported(
    charge_module: Any, workflows: InMemoryWorkflows
) -> None:
    event = sample_event("license_charge/one_charge_one_poison.json")
    workflows.start("lic-lic-9-20261201", {})
    token = workflows.open_task("lic-lic-9-20261201")
    good = json.loads(event["Records"][0]["body"])
    event["Records"][0]["body"] = json.dumps({**good, "task_token": token})

    answer = charge_module.handler(event, context("LicenseChargeFunction"))

    assert answer == {"batchItemFailures": [{"itemIdentifier": event["Records"][1]["messageId"]}]}
    assert [(status, detail["outcome"]) for _, status, detail in workflows.answers] == [("SUCCEEDED", "paid")]


class RecordingOpener:
    def __init__(self) -> None:
        self.tickets: dict[str, LapseTicketRequested] = {}

    def open_lapse_ticket(self, request: LapseTicketRequested) -> str:
        self.tickets.setdefault(request.idempotency_key, request)
        return f"T-{len(self.tickets)}"


def test_ticket_requests_reach_the_opener_and_the_poison_one_is_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    module = function_module("license_tickets")
    opener = RecordingOpener()
    built = Container(Settings(), lapse_ticket_opener=opener)
    monkeypatch.setattr(module, "container", lambda: built)
    event = sample_event("license_tickets/duplicate_and_poison.json")

    answer = module.handler(event, context("LicenseTicketFunction"))

    assert answer == {"batchItemFailures": [{"itemIdentifier": event["Records"][2]["messageId"]}]}
    [request] = opener.tickets.values()
    assert (request.manager, request.license_id) == ("mgr-anna", "lic-9")
