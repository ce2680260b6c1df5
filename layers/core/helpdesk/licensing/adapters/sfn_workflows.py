"""Workflows on AWS Step Functions (and on the local stack's engine) through boto3."""

from __future__ import annotations

import json
from typing import Any

from botocore.exceptions import ClientError

from helpdesk.licensing.ports import ExecutionInfo, TaskClosed

CLOSED_TASK_ERRORS = {"InvalidToken", "TaskDoesNotExist", "TaskTimedOut"}


class StepFunctionsWorkflows:
    def __init__(self, client: Any, state_machine_arn: str) -> None:
        self._sfn, self._arn = client, state_machine_arn

    def _execution_arn(self, name: str) -> str:
        return f"{self._arn.replace(':stateMachine:', ':execution:', 1)}:{name}"

    def start(self, name: str, input: dict[str, Any]) -> str:
        try:
            answer = self._sfn.start_execution(
                stateMachineArn=self._arn, name=name, input=json.dumps(input, sort_keys=True)
            )
        except ClientError as exc:
            if exc.response["Error"]["Code"] != "ExecutionAlreadyExists":
                raise
            return self._execution_arn(name)  # a second start of the same period: the first one stands
        return str(answer["executionArn"])

    def describe(self, name: str) -> ExecutionInfo | None:
        try:
            answer = self._sfn.describe_execution(executionArn=self._execution_arn(name))
        except ClientError as exc:
            if exc.response["Error"]["Code"] == "ExecutionDoesNotExist":
                return None
            raise
        return ExecutionInfo(name, answer["status"], json.loads(answer.get("input") or "{}"))

    def succeed_task(self, token: str, output: dict[str, Any]) -> None:
        self._answer(self._sfn.send_task_success, taskToken=token, output=json.dumps(output))

    def fail_task(self, token: str, error: str, cause: str) -> None:
        self._answer(self._sfn.send_task_failure, taskToken=token, error=error, cause=cause)

    @staticmethod
    def _answer(call: Any, **params: str) -> None:
        try:
            call(**params)
        except ClientError as exc:
            if exc.response["Error"]["Code"] in CLOSED_TASK_ERRORS:
                raise TaskClosed("the task no longer waits for an answer") from None
            raise
