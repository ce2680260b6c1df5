"""Use cases on tasks: create (from a ticket or an order), list, change, log time, comment."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Invalid, NotFound
from helpdesk.tasks.model.project import Project, ProjectNotFound
from helpdesk.tasks.model.task import (
    Comment,
    Origin,
    Priority,
    Task,
    TaskFile,
    TaskNotFound,
    TimeEntry,
    task_key,
)
from helpdesk.tasks.ports import (
    DoneMailOutbox,
    FileStore,
    OrderLookup,
    ProjectStore,
    StaffDirectory,
    SyncOutbox,
    TaskChanged,
    TaskStore,
    TicketLookup,
)
from helpdesk.tasks.services.done_mails import became_done
from helpdesk.tickets.public import OutboundFile as Upload

SAVE_ATTEMPTS = 3


@dataclass(frozen=True)
class NewTask:
    project: str
    title: str
    description: str = ""
    ticket_id: str | None = None
    order_id: str | None = None
    assignee: str | None = None
    due: date | None = None
    priority: Priority = Priority.NORMAL
    estimate_minutes: int | None = None
    labels: tuple[str, ...] = ()
    parent_id: str | None = None
    message_ids: tuple[str, ...] = field(default=())


class TaskService:
    def __init__(
        self,
        projects: ProjectStore,
        tasks: TaskStore,
        staff: StaffDirectory,
        tickets: TicketLookup,
        orders: OrderLookup,
        outbox: SyncOutbox,
        clock: Clock,
        done_mails: DoneMailOutbox | None = None,
        files: FileStore | None = None,
    ) -> None:
        self._files = files
        self._projects, self._tasks, self._staff = projects, tasks, staff
        self._tickets, self._orders, self._outbox, self._clock = tickets, orders, outbox, clock
        self._done_mails = done_mails

    def create_task(self, new: NewTask, reporter: str) -> Task:
        project = self._project(new.project)
        if not new.title.strip():
            raise Invalid("a task needs a title")
        self._check_sources(project, new)
        self._check_assignee(new.assignee)
        if new.parent_id is not None:
            self._parent(project, new.parent_id)
        number = self._projects.next_number(project.key)
        now = self._clock.now()
        task = Task(
            id=uuid.uuid4().hex,
            key=task_key(project.key, number),
            project=project.key,
            number=number,
            title=new.title.strip(),
            status=project.workflow.initial,
            reporter=reporter,
            created_at=now,
            updated_at=now,
            description=new.description,
            assignee=new.assignee,
            priority=new.priority,
            due=new.due,
            estimate_minutes=new.estimate_minutes,
            labels=new.labels,
            parent_id=new.parent_id,
            ticket_ids=(new.ticket_id,) if new.ticket_id else (),
            order_ids=(new.order_id,) if new.order_id else (),
            message_ids=new.message_ids,
        )
        self._tasks.create(task)
        self._after_change(project, task)
        return task

    def task(self, task_id: str) -> Task:
        found = self._tasks.get(task_id)
        if found is None:
            raise TaskNotFound("no such task")
        return found

    def for_project(self, key: str) -> list[Task]:
        return self._tasks.for_project(self._project(key).key)

    def for_ticket(self, ticket_id: str) -> list[Task]:
        return self._tasks.for_ticket(ticket_id)

    def for_organisation(self, organisation_id: str) -> list[Task]:
        """Every task of the organisation's projects: what its cabinet shows."""
        projects = self._projects.for_organisation(organisation_id)
        return [t for p in projects for t in self._tasks.for_project(p.key)]

    def order_labels(self, tasks: list[Task]) -> dict[str, str]:
        """What people call each order the tasks came from ("Order 1042"); an order gone since is left out."""
        found = (self._orders.get_order(i) for i in {i for t in tasks for i in t.order_ids})
        return {order.id: order.label for order in found if order is not None}

    def change(self, task_id: str, changes: dict[str, Any], by: str) -> Task:
        if "assignee" in changes:
            self._check_assignee(changes["assignee"])
        task = self.task(task_id)
        project = self._project(task.project)
        if changes.get("parent_id"):
            self._parent(project, changes["parent_id"], task.id)
        now = self._clock.now()
        saved = self._update(task_id, lambda t: t.edit(changes, project.workflow, by, now, Origin.CONSOLE))
        if saved is not task:
            self._after_change(project, saved)
        if self._done_mails is not None and became_done(project, task, saved):
            self._done_mails.request_done_mail(saved.id, now)
        return saved

    def log_time(self, task_id: str, minutes: int, billable: bool, by: str) -> Task:
        entry = TimeEntry(self._clock.now(), by, minutes, billable)
        return self._update(task_id, lambda t: t.log_time(entry))

    def attach(self, task_id: str, uploads: list[Upload], by: str) -> Task:
        """Store the files, then add them to the task (files of a failed save stay unreferenced, never lost
        references)."""
        if self._files is None:
            raise Invalid("files cannot be stored here")
        task, now = self.task(task_id), self._clock.now()
        stored = []
        for upload in uploads:
            key = f"tasks/{task.id}/{uuid.uuid4().hex}"
            self._files.put(key, upload.content, upload.content_type)
            stored.append(TaskFile(key, upload.filename, upload.content_type, len(upload.content), now, by))
        return self._update(task_id, lambda t: t.attach(tuple(stored)))

    def file_url(self, task_id: str, key: str, expires_in: int) -> str:
        """A short-lived download of one of the task's files; any other key answers like a missing file."""
        found = next((f for f in self.task(task_id).attachments if key and f.key == key), None)
        if found is None or self._files is None:
            raise NotFound("file not found")
        return self._files.download_url(found.key, found.filename, expires_in, found.content_type)

    def comment(self, task_id: str, text: str, internal: bool, by: str) -> Task:
        comment = Comment(uuid.uuid4().hex[:12], self._clock.now(), by, text.strip(), internal)
        return self._update(task_id, lambda t: t.add_comment(comment))

    def _update(self, task_id: str, change: Callable[[Task], Task]) -> Task:
        """Apply a change to the stored task. When another writer (the Jira sync storing the issue key, a
        colleague) saved in between, read again and re-apply: changes are per field, so none is lost."""
        for attempt in range(SAVE_ATTEMPTS):
            task = self.task(task_id)
            changed = change(task)
            if changed is task:
                return task
            try:
                return self._tasks.save(changed)
            except TaskChanged:
                if attempt == SAVE_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    def _project(self, key: str) -> Project:
        project = self._projects.get(key.upper())
        if project is None:
            raise ProjectNotFound("no such project")
        return project

    def _parent(self, project: Project, parent_id: str, child_id: str | None = None) -> Task:
        parent = self._tasks.get(parent_id)
        if parent is None or parent.project != project.key or parent.id == child_id:
            raise Invalid("the parent must be another task of the same project")
        return parent

    def _check_assignee(self, assignee: str | None) -> None:
        if assignee is not None and not self._staff.is_staff(assignee):
            raise Invalid("the assignee must be a member of staff")

    def _check_sources(self, project: Project, new: NewTask) -> None:
        """The ticket or order must exist and belong to the project's client (or to nobody yet)."""
        if new.ticket_id is not None:
            ticket = self._tickets.find(new.ticket_id)
            if ticket is None or ticket.organisation_id not in (None, project.organisation_id):
                raise Invalid("no such ticket for this project's organisation")
        if new.order_id is not None:
            order = self._orders.get_order(new.order_id)
            if order is None or order.organisation_id not in (None, project.organisation_id):
                raise Invalid("no such order for this project's organisation")

    def _after_change(self, project: Project, task: Task) -> None:
        if project.jira is not None:
            self._outbox.request_sync(task.id)
