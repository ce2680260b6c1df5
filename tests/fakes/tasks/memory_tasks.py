"""In-memory fakes of the tasks ports, held to the same contract suite as the DynamoDB adapters."""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import replace
from datetime import datetime
from typing import Any

from helpdesk.tasks.model.project import Project
from helpdesk.tasks.model.task import Task
from helpdesk.tasks.ports import TaskChanged


class MemoryProjects:
    def __init__(self) -> None:
        self._projects: dict[str, Project] = {}
        self._counters: dict[str, int] = defaultdict(int)
        self._lock = threading.Lock()

    def create(self, project: Project) -> bool:
        with self._lock:
            if project.key in self._projects:
                return False
            self._projects[project.key] = project
            return True

    def get(self, key: str) -> Project | None:
        return self._projects.get(key)

    def save(self, project: Project) -> None:
        self._projects[project.key] = project

    def all(self) -> list[Project]:
        return sorted(self._projects.values(), key=lambda p: p.key)

    def for_organisation(self, organisation_id: str) -> list[Project]:
        return [p for p in self.all() if p.organisation_id == organisation_id]

    def next_number(self, key: str) -> int:
        with self._lock:
            self._counters[key] += 1
            return self._counters[key]


class MemoryTasks:
    def __init__(self) -> None:
        self._tasks: dict[str, Task] = {}
        self._lock = threading.Lock()

    def create(self, task: Task) -> None:
        with self._lock:
            if task.id in self._tasks:
                raise TaskChanged(task.id)
            self._tasks[task.id] = replace(task, version=1)

    def get(self, task_id: str) -> Task | None:
        return self._tasks.get(task_id)

    def save(self, task: Task) -> Task:
        with self._lock:
            current = self._tasks.get(task.id)
            if current is None or current.version != task.version:
                raise TaskChanged(task.id)
            stored = replace(task, version=task.version + 1)
            self._tasks[task.id] = stored
            return stored

    def for_project(self, project: str) -> list[Task]:
        return self._sorted(t for t in self._tasks.values() if t.project == project)

    def for_ticket(self, ticket_id: str) -> list[Task]:
        return self._sorted(t for t in self._tasks.values() if t.ticket_ids[:1] == (ticket_id,))

    def for_order(self, order_id: str) -> list[Task]:
        return self._sorted(t for t in self._tasks.values() if t.order_ids[:1] == (order_id,))

    def by_jira_key(self, jira_key: str) -> Task | None:
        return next((t for t in self._tasks.values() if t.jira_key == jira_key), None)

    @staticmethod
    def _sorted(tasks: Any) -> list[Task]:
        return sorted(tasks, key=lambda t: (t.project, t.number))


class StaticStaff:
    """A fixed staff list (tests, and the local stack's fallback when no user pool is configured)."""

    def __init__(self, emails: set[str]) -> None:
        self._emails = {e.casefold() for e in emails}

    def is_staff(self, email: str) -> bool:
        return email.casefold() in self._emails


class RecordedSyncRequests:
    def __init__(self) -> None:
        self.requests: list[tuple[str, int, int]] = []

    def request_sync(self, task_id: str, delay_seconds: int = 0, attempt: int = 0) -> None:
        self.requests.append((task_id, delay_seconds, attempt))


class RecordedDoneMails:
    """Done mails requested (tests; and where no outbound queue is configured, they are only recorded)."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, datetime]] = []

    def request_done_mail(self, task_id: str, done_at: datetime) -> None:
        self.requests.append((task_id, done_at))
