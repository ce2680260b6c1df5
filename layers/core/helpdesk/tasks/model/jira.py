"""Jira Cloud's shapes, pure: webhook signatures, and a task as Jira issue fields."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, date, datetime
from typing import Any

from helpdesk.kernel.errors import Unauthorized
from helpdesk.tasks.model.project import JiraLink, Project
from helpdesk.tasks.model.task import Task, task_key

SYNC_LABEL = "helpdesk"


class JiraSignatureInvalid(Unauthorized):
    """The webhook's X-Hub-Signature does not match its body under the shared secret."""


def sign(secret: str, body: bytes) -> str:
    """The X-Hub-Signature value Jira Cloud sends for a webhook with a secret: `sha256=<hex HMAC>`."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify_signature(secret: str, body: bytes, header: str | None) -> None:
    if not secret or not header or not hmac.compare_digest(sign(secret, body), header.strip()):
        raise JiraSignatureInvalid("bad webhook signature")


def document(text: str) -> dict[str, Any]:
    """Plain text as an Atlassian Document Format document (v3 wants ADF for descriptions)."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()] or []
    return {
        "type": "doc",
        "version": 1,
        "content": [{"type": "paragraph", "content": [{"type": "text", "text": p}]} for p in paragraphs],
    }


def plain_text(adf: Any) -> str:
    """The text of an ADF document (or a v2-style string), paragraphs separated by blank lines."""
    if isinstance(adf, str):
        return adf
    if not isinstance(adf, dict):
        return ""
    blocks = adf.get("content") or []
    texts = [
        "".join(n.get("text", "") for n in (b.get("content") or [])) for b in blocks if isinstance(b, dict)
    ]
    return "\n\n".join(t for t in texts if t)


def issue_fields(task: Task, assignee_account: str | None = None) -> dict[str, Any]:
    """The fields the sync owns on the Jira side. Jira assigns by account id: an assignee with no Jira
    account (`assignee_account` None) leaves Jira's assignee alone; no assignee unassigns."""
    fields: dict[str, Any] = {
        "summary": task.title,
        "description": document(task.description) if task.description else None,
        "duedate": task.due.isoformat() if task.due else None,
        "labels": sorted({*task.labels, SYNC_LABEL, f"{SYNC_LABEL}-{task.key}"}),
    }
    if task.assignee is None or assignee_account:
        fields["assignee"] = {"accountId": assignee_account} if assignee_account else None
    return fields


def new_issue_fields(task: Task, link: JiraLink, assignee_account: str | None = None) -> dict[str, Any]:
    fields = issue_fields(task, assignee_account)
    return {"project": {"key": link.project_key}, "issuetype": {"name": "Task"}, **fields}


def made_by_us(fields: dict[str, Any]) -> bool:
    """Issues the sync created carry its label; their `issue_created` webhook is our own echo."""
    return SYNC_LABEL in (fields.get("labels") or [])


def imported_task(
    task_id: str, project: Project, number: int, fields: dict[str, Any], by: str, at: datetime
) -> Task:
    """A task for an issue someone created in Jira, in the state its fields say."""
    link = project.jira
    changes = task_changes(fields, link) if link else {}
    labels = tuple(str(label) for label in fields.get("labels") or [])
    return Task(
        id=task_id,
        key=task_key(project.key, number),
        project=project.key,
        number=number,
        title=(changes.get("title") or "").strip() or "(no summary)",
        status=changes.get("status") or project.workflow.initial,
        reporter=by,
        created_at=at,
        updated_at=at,
        description=changes.get("description") or "",
        due=changes.get("due"),
        labels=labels,
    )


def task_changes(fields: dict[str, Any], link: JiraLink) -> dict[str, Any]:
    """The task fields a Jira issue's fields say, for those present and mapped."""
    changes: dict[str, Any] = {}
    if isinstance(fields.get("summary"), str):
        changes["title"] = fields["summary"]
    if "duedate" in fields:
        raw = fields["duedate"]
        changes["due"] = date.fromisoformat(raw) if raw else None
    if "description" in fields:
        changes["description"] = plain_text(fields["description"])
    status = (fields.get("status") or {}).get("name")
    if isinstance(status, str) and link.our_status(status):
        changes["status"] = link.our_status(status)
    return changes


def event_time(timestamp_ms: int | None, fallback: datetime) -> datetime:
    return datetime.fromtimestamp(timestamp_ms / 1000, UTC) if timestamp_ms else fallback
