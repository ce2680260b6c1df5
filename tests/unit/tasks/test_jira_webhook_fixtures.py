"""Recorded Jira Cloud webhook bodies (events/jira, in Atlassian's documented shape) parse, verify, map."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from helpdesk.kernel.clock import FixedClock
from helpdesk.kernel.errors import Unauthorized
from helpdesk.tasks.model.jira import sign
from helpdesk.tasks.model.project import JiraLink, Project
from helpdesk.tasks.model.task import Task
from helpdesk.tasks.ports import JiraRateLimited
from helpdesk.tasks.services.desk import JiraWebhooks
from helpdesk.tasks.services.jira_sync import JiraSync

from tests.fakes.kernel.once_claims import InMemoryOnceClaims
from tests.fakes.tasks.memory_tasks import (
    MemoryProjects,
    MemoryTasks,
    RecordedDoneMails,
    RecordedSyncRequests,
)
from tests.support.lambdas import events_dir

pytestmark = pytest.mark.unit
T0 = datetime(2025, 12, 5, 8, 0, tzinfo=UTC)
SECRET = "webhook-secret"


class NoJira:
    def __init__(self, retry_after: int | None = None) -> None:
        self.retry_after = retry_after

    def create_issue(self, fields: dict) -> str:
        self.update_issue("", fields)
        return "DEV-9"

    def update_issue(self, key: str, fields: dict) -> None:
        if self.retry_after:
            raise JiraRateLimited("slow down", self.retry_after)

    def move_issue(self, key: str, status: str) -> bool:
        return True

    def find_account(self, email: str) -> str | None:
        return None


def linked(jira: NoJira | None = None) -> tuple[JiraWebhooks, MemoryTasks, JiraSync, RecordedSyncRequests]:
    projects, tasks, outbox = MemoryProjects(), MemoryTasks(), RecordedSyncRequests()
    projects.create(Project("ACME", "Acme", "org-acme", T0, jira=JiraLink("DEV", {"review": "In Review"})))
    tasks.create(Task("t1", "ACME-1", "ACME", 1, "Fix the checkout button", "in_progress", "anna@x", T0,
                      jira_key="DEV-1"))  # fmt: skip
    sync = JiraSync(projects, tasks, jira or NoJira(), InMemoryOnceClaims(), outbox, FixedClock(T0))
    return JiraWebhooks(sync, lambda: SECRET), tasks, sync, outbox


def recorded(name: str) -> bytes:
    return (events_dir() / "jira" / name).read_bytes()


def test_a_recorded_issue_update_maps_onto_the_task_once() -> None:
    hooks, tasks, _, outbox = linked()
    body = recorded("issue_updated.json")
    assert hooks.receive(body, sign(SECRET, body), "delivery-1")
    task = tasks.get("t1")
    assert (task.title, task.status, task.due) == (
        "Fix the checkout button on iOS",
        "review",
        date(2026, 12, 27),
    )
    assert task.description == "Safari 17 only."
    assert {c.by for c in task.history} == {"jira:Mia Krystof"}
    assert not hooks.receive(body, sign(SECRET, body), "delivery-1")
    assert tasks.get("t1").version == task.version and outbox.requests == []


def test_a_recorded_comment_becomes_an_internal_comment() -> None:
    hooks, tasks, _, _ = linked()
    body = recorded("comment_created.json")
    assert hooks.receive(body, sign(SECRET, body), None)
    assert [(c.id, c.text, c.internal) for c in tasks.get("t1").comments] == [
        ("jira-10200", "Reproduced on an iPhone 15.", True)
    ]
    assert not hooks.receive(body, sign(SECRET, body), None)  # no identifier: the body is the identity


def test_signatures_are_checked_before_anything_is_read() -> None:
    hooks, tasks, _, _ = linked()
    body = recorded("issue_updated.json")
    for signature in (None, "", sign("other-secret", body), sign(SECRET, body + b" ")):
        with pytest.raises(Unauthorized):
            hooks.receive(body, signature, "d")
    assert tasks.get("t1").title == "Fix the checkout button"


def test_a_rate_limited_push_goes_back_on_the_queue_with_retry_after_then_fails_for_the_dlq() -> None:
    _, _, sync, outbox = linked(NoJira(retry_after=30))
    assert sync.handle_request("t1", 0) == "delayed"
    assert outbox.requests == [("t1", 30, 1)]
    with pytest.raises(JiraRateLimited):
        sync.handle_request("t1", 10)


def test_a_task_done_in_jira_asks_for_the_customer_mail_once() -> None:
    _, tasks, sync, _ = linked()
    mails = RecordedDoneMails()
    sync._done_mails = mails  # the container passes it in; `linked` builds the sync without
    sync._projects.save(Project("ACME", "Acme", "org-acme", T0, jira=JiraLink("DEV", {"done": "Done"})))
    body = json.loads(recorded("issue_updated.json"))
    body["issue"]["fields"]["status"] = {"id": "4", "name": "Done"}
    hooks = JiraWebhooks(sync, lambda: SECRET)
    raw = json.dumps(body).encode()
    assert hooks.receive(raw, sign(SECRET, raw), "delivery-done")
    assert tasks.get("t1").status == "done"
    assert [task_id for task_id, _ in mails.requests] == ["t1"]
    body["timestamp"] += 1000  # Jira's echo of the same state, a new delivery: no second mail
    raw = json.dumps(body).encode()
    assert hooks.receive(raw, sign(SECRET, raw), "delivery-echo")
    assert len(mails.requests) == 1


def test_a_recorded_issue_created_in_jira_becomes_one_task_and_is_not_sent_back() -> None:
    hooks, tasks, _, outbox = linked()
    body = recorded("issue_created.json")
    assert hooks.receive(body, sign(SECRET, body), "created-1")
    task = tasks.by_jira_key("DEV-42")
    assert task is not None and task.key == "ACME-1" and task.project == "ACME"
    assert (task.title, task.status, task.due, task.labels) == (
        "Upgrade the PHP runtime",
        "todo",
        date(2026, 12, 30),
        ("ops",),
    )
    assert (task.description, task.reporter) == ("8.1 is out of support.", "jira:Mia Krystof")
    assert hooks.receive(body, sign(SECRET, body), "created-2")  # a new delivery of the same issue
    assert [t.key for t in tasks.for_project("ACME") if t.jira_key == "DEV-42"] == ["ACME-1"]
    assert outbox.requests == []


def test_the_created_webhook_of_an_issue_the_sync_made_imports_nothing() -> None:
    hooks, tasks, _, _ = linked()
    body = json.loads(recorded("issue_created.json"))
    body["issue"]["fields"]["labels"] = ["helpdesk", "helpdesk-ACME-7"]
    raw = json.dumps(body).encode()
    assert not hooks.receive(raw, sign(SECRET, raw), "created-echo")
    assert tasks.by_jira_key("DEV-42") is None
