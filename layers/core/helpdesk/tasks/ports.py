"""Every interface the tasks context's services need."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from helpdesk.commerce.public import Order
from helpdesk.kernel.errors import Conflict, RateLimited
from helpdesk.tasks.model.project import Project
from helpdesk.tasks.model.task import Task
from helpdesk.tickets.public import Customer, Ticket


class TaskChanged(Conflict):
    """The task was changed by someone else since it was read."""


class ProjectStore(Protocol):
    def create(self, project: Project) -> bool:
        """Store a new project; False when its key is taken."""
        ...

    def get(self, key: str) -> Project | None: ...

    def save(self, project: Project) -> None:
        """Replace an existing project (its workflow or Jira link changed)."""

    def all(self) -> list[Project]:
        """Every project, by key."""
        ...

    def for_organisation(self, organisation_id: str) -> list[Project]: ...

    def next_number(self, key: str) -> int:
        """The project's next task number: atomic, never handed out twice."""
        ...


class TaskStore(Protocol):
    def create(self, task: Task) -> None: ...

    def get(self, task_id: str) -> Task | None: ...

    def save(self, task: Task) -> Task:
        """Store a changed task if nobody stored another version since `task.version`; TaskChanged if so."""
        ...

    def for_project(self, project: str) -> list[Task]:
        """By number."""
        ...

    def for_ticket(self, ticket_id: str) -> list[Task]: ...

    def for_order(self, order_id: str) -> list[Task]: ...

    def by_jira_key(self, jira_key: str) -> Task | None: ...


class StaffDirectory(Protocol):
    def is_staff(self, email: str) -> bool:
        """True for a member of a staff group (assignees must be real staff)."""
        ...


class TicketLookup(Protocol):
    def find(self, ticket_id: str) -> Ticket | None: ...


class OrderLookup(Protocol):
    def get_order(self, order_id: str) -> Order | None: ...


class FileStore(Protocol):
    """Where task files live (the attachments bucket), and short-lived links to download one."""

    def put(self, key: str, content: bytes, content_type: str) -> None: ...
    def download_url(
        self, key: str, filename: str, expires_in: int, content_type: str = "application/octet-stream"
    ) -> str: ...


class SyncOutbox(Protocol):
    def request_sync(self, task_id: str, delay_seconds: int = 0, attempt: int = 0) -> None:
        """Ask for the task's current state to be pushed to Jira (later, through the sync queue);
        `attempt` counts the times Jira's rate limit sent it back."""


class JiraRateLimited(RateLimited):
    """Jira answered 429; retry after `retry_after` seconds."""


class JiraClient(Protocol):
    """Jira Cloud REST API v3, the few operations the sync needs. Raises JiraRateLimited on 429."""

    def create_issue(self, fields: dict[str, Any]) -> str:
        """Create an issue; its key (`DEV-7`)."""
        ...

    def update_issue(self, issue_key: str, fields: dict[str, Any]) -> None: ...

    def move_issue(self, issue_key: str, status_name: str) -> bool:
        """Apply the transition leading to `status_name`; False when Jira offers none."""
        ...

    def find_account(self, email: str) -> str | None:
        """The account id of the Jira user with this e-mail address; None when Jira shows none."""
        ...


class DeliveryClaims(Protocol):
    def claim(self, key: str) -> bool:
        """True the first time a key is claimed, False ever after (until its record expires)."""
        ...

    def release(self, key: str) -> None: ...


class DoneMailOutbox(Protocol):
    def request_done_mail(self, task_id: str, done_at: datetime) -> None:
        """Ask for the task's customers to be told it is done (later, through the outbound queue)."""


class CustomerLookup(Protocol):
    def get(self, customer_id: str) -> Customer | None: ...
