"""A project groups a client organisation's tasks under a key (`ACME`); it may be linked to a Jira project."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from helpdesk.kernel.errors import Invalid, NotFound
from helpdesk.tasks.model.workflow import Workflow

KEY_PATTERN = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")


class ProjectNotFound(NotFound):
    """No such project (or not one the caller may see)."""


def project_key(raw: str) -> str:
    key = raw.strip().upper()
    if not KEY_PATTERN.match(key):
        raise Invalid("a project key is 2-10 capital letters or digits, starting with a letter")
    return key


@dataclass(frozen=True)
class JiraLink:
    """The Jira project this one mirrors, and how our statuses are named there (ours -> Jira's)."""

    project_key: str
    status_names: dict[str, str] = field(default_factory=dict)

    def jira_status(self, ours: str) -> str:
        return self.status_names.get(ours, ours)

    def our_status(self, jira_name: str) -> str | None:
        for ours, theirs in self.status_names.items():
            if theirs.casefold() == jira_name.casefold():
                return ours
        return None


@dataclass(frozen=True)
class Project:
    key: str
    name: str
    organisation_id: str
    created_at: datetime
    workflow: Workflow = field(default_factory=Workflow.default)
    jira: JiraLink | None = None
    manager: str | None = None  # who hears of its overdue tasks; projects made before: each task's reporter
