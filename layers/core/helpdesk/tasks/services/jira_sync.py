"""The two-way Jira Cloud sync: push a task's state out (from the sync queue), take webhook changes in.

No loops: changes that came from Jira are applied with Origin.JIRA and never queued for sending; Jira's echo
of our own push carries the values we already have, so it changes nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from helpdesk.kernel.clock import Clock
from helpdesk.tasks.model.jira import (
    event_time,
    imported_task,
    issue_fields,
    made_by_us,
    new_issue_fields,
    task_changes,
)
from helpdesk.tasks.model.project import Project
from helpdesk.tasks.model.task import Comment, Origin, Task
from helpdesk.tasks.model.workflow import StatusCategory
from helpdesk.tasks.ports import (
    DeliveryClaims,
    DoneMailOutbox,
    JiraClient,
    JiraRateLimited,
    ProjectStore,
    SyncOutbox,
    TaskChanged,
    TaskStore,
)
from helpdesk.tasks.services.done_mails import became_done

SAVE_ATTEMPTS = 3
MAX_RATE_LIMITED = 10  # then the request fails like any other and ends in the DLQ


@dataclass(frozen=True)
class JiraEvent:
    """A Jira webhook delivery, already verified: what happened to which issue, when, by whom."""

    delivery_id: str
    kind: str  # jira:issue_created | jira:issue_updated | jira:issue_deleted | comment_created
    issue_key: str
    project_key: str
    fields: dict[str, Any]
    timestamp_ms: int | None = None
    actor: str = "jira"
    comment_id: str | None = None
    comment_text: str = ""


class JiraSync:
    def __init__(
        self,
        projects: ProjectStore,
        tasks: TaskStore,
        jira: JiraClient,
        claims: DeliveryClaims,
        outbox: SyncOutbox,
        clock: Clock,
        done_mails: DoneMailOutbox | None = None,
    ) -> None:
        self._projects, self._tasks, self._jira, self._claims = projects, tasks, jira, claims
        self._outbox, self._clock, self._done_mails = outbox, clock, done_mails

    def handle_request(self, task_id: str, attempt: int = 0) -> str:
        """One sync request from the queue: "pushed", "skipped", or "delayed" when Jira said 429 (the
        request goes back on the queue, delayed by Retry-After, instead of burning a receive)."""
        try:
            return "pushed" if self.push(task_id) else "skipped"
        except JiraRateLimited as limited:
            if attempt >= MAX_RATE_LIMITED:
                raise
            self._outbox.request_sync(task_id, limited.retry_after, attempt + 1)
            return "delayed"

    def push(self, task_id: str) -> str | None:
        """Make the Jira issue match the task; the issue key (None: nothing to sync). JiraRateLimited
        propagates so the worker can put the request back with Retry-After as its delay."""
        task = self._tasks.get(task_id)
        project = self._projects.get(task.project) if task else None
        if task is None or project is None or project.jira is None:
            return None
        account = self._jira.find_account(task.assignee) if task.assignee else None
        if task.jira_key is None:
            issue_key = self._jira.create_issue(new_issue_fields(task, project.jira, account))
            self._save(task.id, lambda t: t if t.jira_key else t.link_jira(issue_key, self._clock.now()))
        else:
            issue_key = task.jira_key
            self._jira.update_issue(issue_key, issue_fields(task, account))
        self._jira.move_issue(issue_key, project.jira.jira_status(task.status))
        return issue_key

    def receive(self, event: JiraEvent) -> bool:
        """Apply one delivery once; False for a replay (same delivery id) or an issue we do not track."""
        if not self._claims.claim(f"jira-delivery#{event.delivery_id}"):
            return False
        try:
            return self._apply(event)
        except Exception:
            self._claims.release(f"jira-delivery#{event.delivery_id}")
            raise

    def _apply(self, event: JiraEvent) -> bool:
        project = self._linked_project(event.project_key)
        task = self._tasks.by_jira_key(event.issue_key)
        if project is None or project.jira is None:
            return False
        at = event_time(event.timestamp_ms, self._clock.now())
        by = f"jira:{event.actor}"
        if task is None:
            return event.kind == "jira:issue_created" and self._import(project, event, by, at)
        if event.kind == "comment_created" and event.comment_id:
            comment = Comment(f"jira-{event.comment_id}", at, by, event.comment_text, True, Origin.JIRA)
            self._save(task.id, lambda t: t if _has_comment(t, comment.id) else t.add_comment(comment))
            return True
        if event.kind == "jira:issue_deleted":
            dropped = _cancelled_status(project)
            changes: dict[str, Any] = {"status": dropped} if dropped else {}
        else:
            changes = task_changes(event.fields, project.jira)
        saved = self._save(task.id, lambda t: t.edit(changes, project.workflow, by, at, Origin.JIRA))
        if saved is not None and self._done_mails is not None and became_done(project, task, saved):
            self._done_mails.request_done_mail(saved.id, at)
        return True

    def _import(self, project: Project, event: JiraEvent, by: str, at: datetime) -> bool:
        """A task for an issue created in Jira. Its id follows from the issue key, so a second delivery
        (another identifier, a crash after the create) finds it instead of making another; not queued
        outbound (it came from Jira)."""
        if made_by_us(event.fields):
            return False
        task_id = uuid.uuid5(uuid.NAMESPACE_URL, f"jira-issue:{event.issue_key}").hex
        if self._tasks.get(task_id) is None:
            number = self._projects.next_number(project.key)
            try:
                self._tasks.create(imported_task(task_id, project, number, event.fields, by, at))
            except TaskChanged:
                pass  # a concurrent delivery created it
        self._save(task_id, lambda t: t if t.jira_key else t.link_jira(event.issue_key, at))
        return True

    def _linked_project(self, jira_project: str) -> Project | None:
        return next((p for p in self._projects.all() if p.jira and p.jira.project_key == jira_project), None)

    def _save(self, task_id: str, change: Any) -> Task | None:
        for attempt in range(SAVE_ATTEMPTS):
            task = self._tasks.get(task_id)
            if task is None:
                return None
            changed = change(task)
            if changed is task:
                return task
            try:
                return self._tasks.save(changed)
            except TaskChanged:
                if attempt == SAVE_ATTEMPTS - 1:
                    raise
        return None


def _has_comment(task: Task, comment_id: str) -> bool:
    return any(c.id == comment_id for c in task.comments)


def _cancelled_status(project: Project) -> str | None:
    wf = project.workflow
    return next((s.name for s in wf.statuses if s.category is StatusCategory.CANCELLED), None)
