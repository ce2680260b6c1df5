"""Escalation adapters on AWS: Step Functions for the workflow, SES for pages, Amazon Connect for the call."""

from __future__ import annotations

import json
from email.message import EmailMessage
from typing import Any

from helpdesk.kernel.errors import Invalid
from helpdesk.notices.public import set_bodies
from helpdesk.operations.model.escalation import OnCallPerson


class StepFunctionsEscalation:
    def __init__(self, stepfunctions: Any, state_machine_arn: str) -> None:
        self._sfn = stepfunctions
        self._arn = state_machine_arn

    def start(self, name: str, payload: dict[str, object]) -> bool:
        # Step Functions answers a repeated start (same name and input) with success, so look first;
        # two racing deliveries still end in one execution because the name is the execution's identity.
        execution_arn = self._arn.replace(":stateMachine:", ":execution:") + f":{name}"
        try:
            self._sfn.describe_execution(executionArn=execution_arn)
            return False
        except self._sfn.exceptions.ExecutionDoesNotExist:
            pass
        try:
            self._sfn.start_execution(
                stateMachineArn=self._arn, name=name, input=json.dumps(payload, sort_keys=True)
            )
        except self._sfn.exceptions.ExecutionAlreadyExists:
            return False
        return True

    def acknowledge(self, token: str, who: str) -> None:
        try:
            self._sfn.send_task_success(taskToken=token, output=json.dumps({"acknowledged_by": who}))
        except (
            self._sfn.exceptions.TaskDoesNotExist,
            self._sfn.exceptions.TaskTimedOut,
            self._sfn.exceptions.InvalidToken,
        ):
            raise Invalid("this page is no longer waiting for an acknowledgement") from None


class SesPager:
    def __init__(self, ses: Any, sender: str) -> None:
        self._ses = ses
        self._sender = sender

    def page(self, person: OnCallPerson, alarm: dict[str, str], ack_link: str, step: int) -> None:
        msg = EmailMessage()
        msg["From"] = self._sender
        msg["To"] = person.email
        msg["Subject"] = f"[PAGE] {alarm.get('name', 'alarm')}"
        msg["Auto-Submitted"] = "auto-generated"
        set_bodies(
            msg,
            f"{person.name}, you are on call (escalation step {step + 1}).\n\n"
            f"Alarm: {alarm.get('name')}\n{alarm.get('description', '')}\n{alarm.get('reason', '')}\n\n"
            f"Acknowledge: {ack_link}\n\nWithout an acknowledgement the next person is paged, and finally "
            f"the on-call phone rings.\n",
        )
        self._ses.send_raw_email(
            Source=self._sender, Destinations=[person.email], RawMessage={"Data": msg.as_bytes()}
        )


class ConnectPhone:
    """An outbound voice call through Amazon Connect, reading the alarm aloud."""

    def __init__(self, connect: Any, instance_id: str, contact_flow_id: str, source_number: str) -> None:
        self._connect = connect
        self._instance, self._flow, self._source = instance_id, contact_flow_id, source_number

    def call(self, person: OnCallPerson, alarm: dict[str, str]) -> None:
        self._connect.start_outbound_voice_contact(
            DestinationPhoneNumber=person.phone,
            ContactFlowId=self._flow,
            InstanceId=self._instance,
            SourcePhoneNumber=self._source,
            Attributes={"alarm": alarm.get("name", "")[:100]},
        )
