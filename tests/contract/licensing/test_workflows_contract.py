"""One contract for Workflows, run against the in-memory fake and Step Functions in moto's engine."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import boto3
import pytest
from helpdesk.licensing.adapters.sfn_workflows import StepFunctionsWorkflows
from helpdesk.licensing.ports import TaskClosed, Workflows
from moto import mock_aws

from tests.fakes.licensing.memory_workflows import InMemoryWorkflows

pytestmark = pytest.mark.contract
REGION = "eu-central-1"


@dataclass
class Backend:
    workflows: Workflows
    waiting_task: Callable[[str], str]  # start an execution that waits on a task token; returns the token
    settle: Callable[[str], str]  # the execution's status once it stopped running


def _asking_machine(queue_url: str) -> str:
    return json.dumps(
        {
            "StartAt": "Ask",
            "States": {
                "Ask": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                    "Parameters": {"QueueUrl": queue_url, "MessageBody": {"token.$": "$$.Task.Token"}},
                    "End": True,
                }
            },
        }
    )


@pytest.fixture(params=["memory", "stepfunctions"])
def backend(request: pytest.FixtureRequest) -> Iterator[Backend]:
    if request.param == "memory":
        fake = InMemoryWorkflows()

        def fake_task(name: str) -> str:
            fake.start(name, {})
            return fake.open_task(name)

        yield Backend(fake, fake_task, lambda name: fake.describe(name).status)  # type: ignore[union-attr]
        return
    with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):
        sqs = boto3.client("sqs", region_name=REGION)
        queue = sqs.create_queue(QueueName="asks")["QueueUrl"]
        sfn = boto3.client("stepfunctions", region_name=REGION)
        arn = sfn.create_state_machine(
            name="asks", definition=_asking_machine(queue), roleArn="arn:aws:iam::123456789012:role/asks"
        )["stateMachineArn"]
        real = StepFunctionsWorkflows(sfn, arn)

        def real_task(name: str) -> str:
            real.start(name, {})
            for _ in range(100):
                got = sqs.receive_message(QueueUrl=queue).get("Messages", [])
                if got:
                    return str(json.loads(got[0]["Body"])["token"])
                time.sleep(0.05)
            raise AssertionError("no task token arrived")

        def settle(name: str) -> str:
            for _ in range(100):
                info = real.describe(name)
                if info is not None and info.status != "RUNNING":
                    return info.status
                time.sleep(0.05)
            raise AssertionError(f"{name} still running")

        yield Backend(real, real_task, settle)


def test_starting_the_same_name_twice_keeps_the_first_execution(backend: Backend) -> None:
    wf = backend.workflows
    first = wf.start("lic-1-20270101", {"attempt": 1})
    second = wf.start("lic-1-20270101", {"attempt": 2})

    assert first == second
    info = wf.describe("lic-1-20270101")
    assert info is not None and info.input == {"attempt": 1}


def test_an_unknown_execution_is_none(backend: Backend) -> None:
    assert backend.workflows.describe("never-started") is None


def test_a_succeeded_task_ends_its_execution_and_closes_the_token(backend: Backend) -> None:
    token = backend.waiting_task("paid")
    backend.workflows.succeed_task(token, {"outcome": "paid"})

    assert backend.settle("paid") == "SUCCEEDED"
    with pytest.raises(TaskClosed):
        backend.workflows.succeed_task(token, {"outcome": "paid"})


def test_a_failed_task_fails_its_execution(backend: Backend) -> None:
    token = backend.waiting_task("declined")
    backend.workflows.fail_task(token, "PaymentDeclined", "card_declined")

    assert backend.settle("declined") == "FAILED"
    # A second failure is not part of the contract: AWS refuses it, moto 5.2 accepts it silently.


def test_an_unknown_token_is_closed(backend: Backend) -> None:
    with pytest.raises(TaskClosed):
        backend.workflows.succeed_task("not-a-token", {})
