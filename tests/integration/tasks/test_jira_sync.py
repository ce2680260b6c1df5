"""Two-way Jira sync against the Jira stand-in (which checks every call against Atlassian's OpenAPI document):
console -> queue -> Jira, Jira webhook -> console, replays, loops, 429 with Retry-After, conflicts."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from helpdesk_local.jira_standin import JiraStandin
from werkzeug.serving import make_server

from tests.support.api_events import rest_event
from tests.support.lambdas import invoke
from tests.support.template_stack import REGION, TemplateStack

from .conftest import staff, staffed_stack

pytestmark = pytest.mark.integration
SYNC_ACCOUNT = ("sync@agency.example", "local-jira-token")


@pytest.fixture
def jira() -> Iterator[tuple[JiraStandin, str]]:
    standin = JiraStandin(*SYNC_ACCOUNT, webhook=post_webhook, secret="local-jira-webhook-secret")
    server = make_server("127.0.0.1", 0, standin, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield standin, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def linked(monkeypatch: pytest.MonkeyPatch, jira: tuple[JiraStandin, str]) -> Iterator[TemplateStack]:
    parameters = {"JiraBaseUrl": jira[1], "JiraEmail": SYNC_ACCOUNT[0]}
    for stack in staffed_stack(monkeypatch, parameters):
        staff("POST", "/projects", {"key": "ACME", "name": "Acme shop", "organisation": "org-acme"})
        staff("PUT", "/projects/{key}/jira", {"jira_project": "DEV"}, key="ACME")
        yield stack


def post_webhook(body: bytes, headers: dict[str, str]) -> int:
    answer = invoke("PublicApiFunction", rest_event("POST", "/webhooks/jira", body.decode(), headers=headers))
    return int(answer["statusCode"])


def run_sync_queue(stack: TemplateStack, wait_seconds: int = 0) -> list[dict[str, Any]]:
    """Deliver what is visible on the Jira sync queue to JiraSyncFunction, as Lambda's poller would."""
    sqs = boto3.client("sqs", region_name=REGION)
    url = stack.ref("JiraSyncQueue")
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=wait_seconds,
                              AttributeNames=["All"]).get("Messages", [])  # fmt: skip
    if not got:
        return []
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    records = [{"messageId": m["MessageId"], "receiptHandle": m["ReceiptHandle"], "body": m["Body"],
                "attributes": {"ApproximateReceiveCount": m["Attributes"]["ApproximateReceiveCount"],
                               "SentTimestamp": m["Attributes"]["SentTimestamp"],
                               "SenderId": "x", "ApproximateFirstReceiveTimestamp": "1"},
                "messageAttributes": {}, "md5OfBody": m["MD5OfBody"], "eventSource": "aws:sqs",
                "eventSourceARN": arn, "awsRegion": REGION} for m in got]  # fmt: skip
    answer = invoke("JiraSyncFunction", {"Records": records})
    failed = {f["itemIdentifier"] for f in answer["batchItemFailures"]}
    for m in got:
        if m["MessageId"] not in failed:
            sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
    return [json.loads(m["Body"]) for m in got]


def new_task(title: str = "Fix the checkout button") -> dict[str, Any]:
    body = {"project": "ACME", "title": title, "due": "2026-12-24", "assignee": "dima@agency.example"}
    answer = staff("POST", "/tasks", body)
    assert answer.status == 201
    return answer.body  # type: ignore[no-any-return]


def test_a_console_task_appears_in_jira_and_jira_changes_come_back_once(linked, jira) -> None:
    standin, _ = jira
    task = new_task()
    assert run_sync_queue(linked) == [{"task_id": task["id"], "attempt": 0}]
    issue = standin.issues["DEV-1"]
    assert issue.fields["summary"] == "Fix the checkout button" and issue.fields["duedate"] == "2026-12-24"
    assert "helpdesk-ACME-1" in issue.fields["labels"] and issue.status == "To Do"
    assert staff("GET", "/tasks/{task_id}", task_id=task["id"]).body["jira_key"] == "DEV-1"

    staff("PATCH", "/tasks/{task_id}", {"status": "in_progress"}, task_id=task["id"])
    run_sync_queue(linked)
    assert standin.issues["DEV-1"].status == "In Progress"

    assert (
        standin.change_issue("DEV-1", actor="Bob Jira", status="In Review", summary="Fix checkout (iOS)")
        == 200
    )
    seen = staff("GET", "/tasks/{task_id}", task_id=task["id"]).body
    assert (seen["status"], seen["title"]) == ("review", "Fix checkout (iOS)")
    from_jira = [h for h in seen["history"] if h["origin"] == "jira"]
    assert {(h["field"], h["new"], h["by"]) for h in from_jira} >= {("status", "review", "jira:Bob Jira")}

    before = len(seen["history"])
    assert standin.redeliver() == 200
    again = staff("GET", "/tasks/{task_id}", task_id=task["id"]).body
    assert len(again["history"]) == before and again["status"] == "review"

    calls = len(standin.calls)
    assert run_sync_queue(linked) == []  # nothing came back out: a change from Jira is not echoed
    assert len(standin.calls) == calls
    assert all(status < 400 for _, _, status in standin.calls)


def test_a_jira_comment_arrives_as_an_internal_comment_once(linked, jira) -> None:
    standin, _ = jira
    task = new_task()
    run_sync_queue(linked)
    standin.comment_issue("DEV-1", "Repro on Safari only", actor="Bob Jira")
    standin.redeliver()
    comments = staff("GET", "/tasks/{task_id}", task_id=task["id"]).body["comments"]
    assert [(c["text"], c["internal"], c["by"]) for c in comments] == [
        ("Repro on Safari only", True, "jira:Bob Jira")
    ]


def test_a_429_is_retried_after_retry_after_without_burning_a_receive(linked, jira) -> None:
    standin, _ = jira
    task = new_task()
    standin.rate_limit(1, retry_after=2)
    assert run_sync_queue(linked) == [{"task_id": task["id"], "attempt": 0}]
    assert standin.issues == {} and standin.calls[-1][2] == 429
    assert run_sync_queue(linked) == []  # delayed by Retry-After: not visible at once
    started = time.monotonic()
    delivered: list[dict[str, Any]] = []
    while not delivered and time.monotonic() - started < 10:
        delivered = run_sync_queue(linked, wait_seconds=1)
    assert delivered == [{"task_id": task["id"], "attempt": 1}]
    assert time.monotonic() - started >= 1  # it waited for the delay
    assert list(standin.issues) == ["DEV-1"]


def test_unsigned_or_forged_webhooks_are_refused(linked, jira) -> None:
    standin, _ = jira
    task = new_task()
    run_sync_queue(linked)
    standin.change_issue("DEV-1", summary="legit")
    body, headers = standin.deliveries[-1]
    forged = body.replace(b"legit", b"forged")
    assert post_webhook(forged, headers) == 401
    assert post_webhook(body, {**headers, "X-Hub-Signature": ""}) == 401
    assert staff("GET", "/tasks/{task_id}", task_id=task["id"]).body["title"] == "legit"


def test_an_issue_created_in_jira_becomes_a_task_once_and_is_not_echoed(linked, jira) -> None:
    standin, _ = jira
    key = standin.create_issue_in_jira("DEV", "Upgrade PHP", actor="Bob Jira", duedate="2026-12-30")
    tasks = staff("GET", "/tasks", query={"project": "ACME"}).body["items"]
    assert [(t["title"], t["status"], t["due"]) for t in tasks] == [("Upgrade PHP", "todo", "2026-12-30")]
    task = staff("GET", "/tasks/{task_id}", task_id=tasks[0]["id"]).body
    assert (task["jira_key"], task["reporter"]) == (key, "jira:Bob Jira")

    assert standin.redeliver() == 200  # Jira's retry: same identifier
    body, headers = standin.deliveries[-1]
    assert post_webhook(body, {**headers, "X-Atlassian-Webhook-Identifier": "another"}) == 200
    assert len(staff("GET", "/tasks", query={"project": "ACME"}).body["items"]) == 1
    calls = len(standin.calls)
    assert run_sync_queue(linked) == [] and len(standin.calls) == calls  # nothing goes back to Jira

    standin.change_issue(key, actor="Bob Jira", status="In Progress")
    assert staff("GET", "/tasks/{task_id}", task_id=task["id"]).body["status"] == "in_progress"


def test_assignees_map_by_e_mail_to_jira_account_ids(linked, jira) -> None:
    standin, _ = jira
    account = standin.add_user("Dima@agency.example", "Dima")
    task = new_task()
    run_sync_queue(linked)
    assert standin.issues["DEV-1"].fields["assignee"] == {"accountId": account}
    staff("PATCH", "/tasks/{task_id}", {"assignee": "anna@agency.example"}, task_id=task["id"])
    run_sync_queue(linked)  # anna has no Jira account: Jira's assignee stays
    assert standin.issues["DEV-1"].fields["assignee"] == {"accountId": account}
    staff("PATCH", "/tasks/{task_id}", {"assignee": None}, task_id=task["id"])
    run_sync_queue(linked)
    assert standin.issues["DEV-1"].fields["assignee"] is None
    assert all(status < 400 for _, _, status in standin.calls)
