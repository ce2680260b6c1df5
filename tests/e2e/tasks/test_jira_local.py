"""Issue 18's Jira done-when on the local stack: a project linked to the Jira stand-in (which checks every
call against Atlassian's OpenAPI document); the stack's own workers carry the sync queue; the stand-in posts
its signed webhooks through the local gateway. The stand-in is driven through jira.localhost/__standin/."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.e2e.commerce.test_commerce_browser import sign_in
from tests.e2e.tickets.test_issue6_flow_browser import Pages
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e]


def jira(local: LocalProcess, method: str, path: str, body: Any = None) -> Any:
    status, answer = local.json("jira", method, f"/__standin{path}", body)
    assert status == 200, answer
    return answer


def issue(local: LocalProcess, key: str) -> dict[str, Any] | None:
    return next((i for i in jira(local, "GET", "/issues") if i["key"] == key), None)


def calls_for(local: LocalProcess, issue_key: str) -> list[dict[str, Any]]:
    return [c for c in jira(local, "GET", "/calls") if f"/issue/{issue_key}" in c["path"]]


def sync_queue_empty(local: LocalProcess) -> bool:
    sqs = local.client("sqs")
    url = sqs.get_queue_url(QueueName="helpdesk-jira-sync-local")["QueueUrl"]
    names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
             "ApproximateNumberOfMessagesDelayed"]  # fmt: skip
    counts = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"]
    return all(int(counts.get(n, 0)) == 0 for n in names)


@pytest.fixture
def linked(local: LocalProcess) -> tuple[str, str, str]:
    """A fresh project linked to a fresh Jira project: (project key, Jira project key, manager's token)."""
    anna = local.token("anna@helpdesk.localhost")
    key, jira_key = "J" + uuid.uuid4().hex[:5].upper(), "D" + uuid.uuid4().hex[:5].upper()
    body = {"key": key, "name": "Jira-linked shop", "organisation": "org-acme"}
    assert local.api("console", "POST", "/projects", anna, body)[0] == 201
    assert local.api("console", "PUT", f"/projects/{key}/jira", anna, {"jira_project": jira_key})[0] == 200
    return key, jira_key, anna


def test_console_to_jira_and_back_with_replay_and_no_loop(
    local: LocalProcess,
    linked: tuple[str, str, str],
    chromium: Any,
) -> None:
    key, jira_key, anna = linked
    body = {"project": key, "title": "Checkout button dead on iOS", "due": "2026-12-24",
            "assignee": "dev@helpdesk.localhost"}  # fmt: skip
    status, task = local.api("console", "POST", "/tasks", anna, body)
    assert status == 201
    issue_key = f"{jira_key}-1"
    created = local.wait_for(lambda: issue(local, issue_key), timeout=30)
    assert created["fields"]["summary"] == "Checkout button dead on iOS"
    assert f"helpdesk-{key}-1" in created["fields"]["labels"] and created["status"] == "To Do"
    local.wait_for(
        lambda: local.api("console", "GET", f"/tasks/{task['id']}", anna)[1]["jira_key"] == issue_key
    )
    local.wait_for(lambda: sync_queue_empty(local), timeout=30)
    pushes_before = len(calls_for(local, issue_key))

    change = {"status": "In Progress", "summary": "Checkout dead on iOS 18", "actor": "Bob Jira"}
    assert jira(local, "POST", f"/issues/{issue_key}", change) == {"webhook_status": 200}

    def seen() -> dict[str, Any]:
        return local.api("console", "GET", f"/tasks/{task['id']}", anna)[1]  # type: ignore[no-any-return]

    now = local.wait_for(lambda: (t := seen())["status"] == "in_progress" and t, timeout=10)
    assert now["title"] == "Checkout dead on iOS 18"
    history = len(now["history"])
    assert {("status", "jira:Bob Jira")} <= {
        (h["field"], h["by"]) for h in now["history"] if h["origin"] == "jira"
    }

    assert jira(local, "POST", "/redeliver") == {"webhook_status": 200}
    assert len(seen()["history"]) == history  # the replay changed nothing

    # A console change after Jira's: it alone is pushed; Jira's change was not echoed back to Jira.
    assert local.api("console", "PATCH", f"/tasks/{task['id']}", anna, {"due": "2026-12-30"})[0] == 200
    local.wait_for(
        lambda: (issue(local, issue_key) or {})["fields"].get("duedate") == "2026-12-30", timeout=30
    )
    local.wait_for(lambda: sync_queue_empty(local), timeout=30)
    puts = [c for c in calls_for(local, issue_key)[pushes_before:] if c["method"] == "PUT"]
    assert len(puts) == 1
    assert issue(local, issue_key)["status"] == "In Progress"  # type: ignore[index]

    pages = Pages(chromium, local)
    page = pages.open("console", f"/tasks/{task['id']}")
    sign_in(page, "anna@helpdesk.localhost")
    page.wait_for_selector("#task-title:has-text('Checkout dead on iOS 18')")
    assert "jira:Bob Jira" in page.text_content("details")  # type: ignore[operator]
    assert pages.errors == []


def test_a_429_from_jira_is_retried_after_retry_after(
    local: LocalProcess, linked: tuple[str, str, str]
) -> None:
    key, jira_key, anna = linked
    jira(local, "POST", "/rate-limit", {"calls": 1, "retry_after": 3, "project": jira_key})
    status, _ = local.api("console", "POST", "/tasks", anna, {"project": key, "title": "Rate limited"})
    assert status == 201
    created = local.wait_for(lambda: issue(local, f"{jira_key}-1"), timeout=30)
    limited = [c for c in jira(local, "GET", "/calls") if c["status"] == 429]
    assert len(limited) == 1 and limited[0]["path"] == "/rest/api/3/issue"
    assert created["created"] - limited[0]["at"] >= 3 - 0.5  # waited for SQS's delay, not retried at once
