"""The lifecycle's Lambdas on the real ASL in moto's engine: the charge worker answers the task token the
Charge state sent, the ticket worker opens what RequestManagerTicket asked for; a bad record fails alone."""

from __future__ import annotations

import importlib
import json
import sys
import time
from datetime import timedelta
from typing import Any

import pytest
from helpdesk.bootstrap import Container
from helpdesk.licensing.model.lifecycle import execution_name
from helpdesk.licensing.views.queue import LapseTicketRequested
from helpdesk.settings import Settings
from helpdesk_local.functions import LambdaContext

from tests.support.lambdas import sample_event
from tests.support.template_stack import ROOT

from .harness import FixedTerms, Lifecycle, ScriptedPayments, compressed_terms

pytestmark = [pytest.mark.integration]


def function_module(name: str) -> Any:
    code_dir = str(ROOT / "functions" / name)
    if code_dir not in sys.path:
        sys.path.insert(0, code_dir)
    return importlib.import_module(name)


def context(name: str) -> LambdaContext:
    return LambdaContext(function_name=name, timeout_seconds=30, _deadline=time.monotonic() + 30)


@pytest.mark.slow
def test_good_task_is_answered_and_the_poison_one_is_reported(
    stack: Lifecycle, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = function_module("license_charge")
    stack.terms = FixedTerms(compressed_terms(subscription=True))
    stack.payments = ScriptedPayments([True])
    built = Container(Settings(), license_lifecycle=stack.service())
    monkeypatch.setattr(module, "container", lambda: built)
    lic = stack.issue("lic-9", days_left=1)
    built.license_lifecycle.start_period(lic, lic.expires - timedelta(days=1))  # type: ignore[operator]
    task = stack.next_charge_task()
    event = sample_event("license_charge/one_charge_one_poison.json")
    event["Records"][0]["body"] = task.model_dump_json()

    answer = module.handler(event, context("LicenseChargeFunction"))

    assert answer == {"batchItemFailures": [{"itemIdentifier": event["Records"][1]["messageId"]}]}
    name = execution_name("lic-9", lic.expires)  # type: ignore[arg-type]
    assert stack.wait_done(name)["status"] == "SUCCEEDED"
    assert stack.entered(name)[-1] == "Paid"
    assert stack.licenses.get("lic-9").expires == task.charge.new_period_end


class RecordingOpener:
    def __init__(self) -> None:
        self.tickets: dict[str, LapseTicketRequested] = {}

    def open_lapse_ticket(self, request: LapseTicketRequested) -> str:
        self.tickets.setdefault(request.idempotency_key, request)
        return f"T-{len(self.tickets)}"


@pytest.mark.slow
def test_ticket_requests_reach_the_opener_and_the_poison_one_is_reported(
    stack: Lifecycle, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = function_module("license_tickets")
    opener = RecordingOpener()
    built = Container(Settings(), lapse_ticket_opener=opener)
    monkeypatch.setattr(module, "container", lambda: built)
    stack.terms = FixedTerms(compressed_terms(subscription=False))  # nothing to charge: grace at once
    lic = stack.issue("lic-9", days_left=1)
    stack.service().start_period(lic, lic.expires - timedelta(days=1))  # type: ignore[operator]
    [requested] = stack.until(lambda: stack.messages("license-tickets"))
    event = sample_event("license_tickets/duplicate_and_poison.json")
    for record in event["Records"][:2]:  # the same request delivered twice
        record["body"] = json.dumps(requested)

    answer = module.handler(event, context("LicenseTicketFunction"))

    assert answer == {"batchItemFailures": [{"itemIdentifier": event["Records"][2]["messageId"]}]}
    [request] = opener.tickets.values()
    assert (request.manager, request.license_id) == ("mgr-anna", "lic-9")
    assert request.idempotency_key == f"license-lapse:lic-9:{lic.expires:%Y%m%d}"
