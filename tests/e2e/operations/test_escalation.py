"""An alarm pages the on-call rota, escalates without an acknowledgement, and finally places a call."""

from __future__ import annotations

import pytest
from helpdesk.operations.adapters.escalation_records import DynamoRotaStore
from helpdesk.operations.model.escalation import OnCallPerson, Rota

from tests.support.local_process import LocalProcess

pytestmark = pytest.mark.e2e
ALARM = "helpdesk-local-indexer-dlq-not-empty"


def test_unacknowledged_alarm_pages_each_person_then_calls(local: LocalProcess) -> None:
    ddb = local.client("dynamodb")
    first, second = (
        OnCallPerson("Pat Primary", "pat@oncall.example", "+491701111111"),
        OnCallPerson("Sam Second", "sam@oncall.example", "+491702222222"),
    )
    rotas = DynamoRotaStore(ddb, "helpdesk-local")
    before = rotas.get()
    rotas.put(Rota(people=(first, second), ack_seconds=10))
    try:
        escalate_and_call(local, first, second)
    finally:
        if before is not None:  # later tests page the demo rota
            rotas.put(before)


def escalate_and_call(local: LocalProcess, first: OnCallPerson, second: OnCallPerson) -> None:
    ddb, sqs = local.client("dynamodb"), local.client("sqs")
    dlq = sqs.get_queue_url(QueueName="helpdesk-indexer-dlq-local")["QueueUrl"]
    sqs.send_message(QueueUrl=dlq, MessageBody='{"DDBStreamBatchInfo": {}}')

    def pages_to(address: str) -> list:
        status, mails = local.json("mail", "GET", f"/api/messages?to={address}")
        return [m for m in mails if ALARM in m["subject"]]

    page = local.wait_for(lambda: pages_to(first.email), timeout=90)[0]
    assert "/ack.html?token=" in page["text"] and page["headers"].get("Auto-Submitted") == "auto-generated"
    assert not pages_to(second.email)
    local.wait_for(lambda: pages_to(second.email), timeout=40)

    def calls() -> list:
        items = ddb.query(
            TableName="helpdesk-local",
            KeyConditionExpression="pk = :p",
            ExpressionAttributeValues={":p": {"S": "OPS#CALLS"}},
        )["Items"]
        return [i for i in items if i["alarm"]["S"] == ALARM]

    (call,) = local.wait_for(calls, timeout=40)
    assert call["to_phone"]["S"] == second.phone
    status, listed = local.api("console", "GET", "/ops/pages", local.token("ops@helpdesk.localhost"))
    assert status == 200
    steps = [(p["channel"], p["name"], p["state"]) for p in listed["items"] if p["alarm"] == ALARM]
    assert steps[-1] == ("phone", second.name, "called"), steps  # the console shows the call after the pages
    sqs.purge_queue(QueueUrl=dlq)
