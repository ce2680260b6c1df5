"""The Jira sync's edges: the sync queue's message and Jira Cloud's webhook body (the parts we read)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class JiraSyncRequested(BaseModel):
    """A message on the Jira sync queue: push this task's current state to its Jira issue."""

    task_id: str = Field(min_length=1, max_length=64)
    attempt: int = Field(default=0, ge=0)  # times Jira's 429 sent it back already


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore")


class JiraUser(_Loose):
    accountId: str | None = None  # noqa: N815 - Jira's names
    displayName: str | None = None  # noqa: N815


class JiraIssue(_Loose):
    id: str
    key: str
    fields: dict[str, Any] = Field(default_factory=dict)

    @property
    def project_key(self) -> str:
        project = self.fields.get("project") or {}
        return str(project.get("key") or self.key.rsplit("-", 1)[0])


class JiraComment(_Loose):
    id: str
    body: Any = None
    author: JiraUser | None = None


class JiraWebhook(_Loose):
    """The body Jira Cloud posts for issue and comment events (developer.atlassian.com: webhooks)."""

    timestamp: int | None = None
    webhookEvent: str  # noqa: N815
    issue: JiraIssue
    user: JiraUser | None = None
    comment: JiraComment | None = None
