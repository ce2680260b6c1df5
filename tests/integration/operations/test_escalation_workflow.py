"""The escalation ASL on moto's Step Functions engine: acknowledged pages stop it, repeats start nothing."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import boto3
import pytest
from helpdesk.kernel.errors import Invalid
from helpdesk.operations.adapters.escalation_aws import StepFunctionsEscalation
from helpdesk.operations.adapters.escalation_records import DynamoRotaStore
from helpdesk.operations.adapters.page_log import DynamoPageLog
from helpdesk.operations.model.escalation import OnCallPerson, Rota
from helpdesk.operations.services.escalation import acknowledge, alarm_changed, handle_pager_task
from helpdesk.operations.views.queue import AlarmStateChanged, PagerTask
from moto import mock_aws

from tests.support.template_stack import TemplateStack, provision

pytestmark = pytest.mark.integration
REGION = "eu-central-1"


@pytest.fixture
def aws() -> Iterator[TemplateStack]:
    with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):
        stack = provision(apply_env=False)
        DynamoRotaStore(boto3.client("dynamodb", region_name=REGION), stack.ref("HelpdeskTable")).put(
            Rota(people=(OnCallPerson("Pat", "pat@oncall.example", "+491701111111"),), ack_seconds=10)
        )
        yield stack


def alarm(changed_at: str = "2026-11-25T10:00:00.000+0000") -> AlarmStateChanged:
    return AlarmStateChanged(
        AlarmName="helpdesk-test-ingest-dlq-not-empty",
        NewStateValue="ALARM",
        OldStateValue="OK",
        StateChangeTime=changed_at,
    )


def wait_for_page(sqs, url: str) -> dict:  # type: ignore[no-untyped-def]
    for _ in range(50):
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=1).get("Messages", [])
        if got:
            return json.loads(got[0]["Body"])
        time.sleep(0.1)
    raise AssertionError("no page arrived")


class SentPages:
    def __init__(self) -> None:
        self.links: list[str] = []

    def page(self, person: OnCallPerson, alarm: dict[str, str], ack_link: str, step: int) -> None:
        self.links.append(ack_link)


def test_an_acknowledged_page_ends_the_escalation_without_a_call(aws: TemplateStack) -> None:
    sfn, sqs = boto3.client("stepfunctions", region_name=REGION), boto3.client("sqs", region_name=REGION)
    workflow = StepFunctionsEscalation(sfn, aws.ref("EscalationStateMachine"))
    assert alarm_changed(alarm(), workflow) is True
    page = wait_for_page(sqs, aws.ref("PagerQueue"))
    assert page["action"] == "page" and page["person"]["M"]["email"]["S"] == "pat@oncall.example"
    assert page["ack_seconds"] == 10  # the workflow tells the pager how long it waits
    pages = DynamoPageLog(boto3.client("dynamodb", region_name=REGION), aws.ref("HelpdeskTable"))
    no_phone, no_rota = None, None  # a page neither calls nor reads the rota
    handle_pager_task(
        PagerTask.model_validate(page),
        SentPages(),
        no_phone,
        no_rota,
        pages,
        "https://ack",
        datetime.now(UTC),  # type: ignore[arg-type]
    )
    assert [p.state(datetime.now(UTC)) for p in pages.recent(10)] == ["waiting"]
    acknowledge(page["task_token"], "pat@oncall.example", workflow, pages, datetime.now(UTC))
    [acknowledged] = pages.recent(10)
    assert (acknowledged.state(datetime.now(UTC)), acknowledged.acknowledged_by) == (
        "acknowledged",
        "pat@oncall.example",
    )
    (execution,) = sfn.list_executions(stateMachineArn=aws.ref("EscalationStateMachine"))["executions"]
    for _ in range(50):
        status = sfn.describe_execution(executionArn=execution["executionArn"])["status"]
        if status != "RUNNING":
            break
        time.sleep(0.1)
    assert status == "SUCCEEDED"
    events = sfn.get_execution_history(executionArn=execution["executionArn"])["events"]
    assert [e["stateEnteredEventDetails"]["name"] for e in events if e["type"] == "SucceedStateEntered"] == [
        "Acknowledged"
    ]
    with pytest.raises(Invalid):
        acknowledge(page["task_token"], "pat@oncall.example", workflow, pages, datetime.now(UTC))


def test_the_same_transition_twice_starts_one_escalation_and_ok_starts_none(aws: TemplateStack) -> None:
    sfn = boto3.client("stepfunctions", region_name=REGION)
    workflow = StepFunctionsEscalation(sfn, aws.ref("EscalationStateMachine"))
    assert alarm_changed(alarm(), workflow) is True
    assert alarm_changed(alarm(), workflow) is False
    cleared = alarm().model_copy(update={"NewStateValue": "OK", "OldStateValue": "ALARM"})
    assert alarm_changed(cleared, workflow) is False
    assert alarm_changed(alarm("2026-11-25T11:00:00.000+0000"), workflow) is True
    assert len(sfn.list_executions(stateMachineArn=aws.ref("EscalationStateMachine"))["executions"]) == 2
