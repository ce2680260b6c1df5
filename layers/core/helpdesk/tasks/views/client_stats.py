"""The answer of GET /organisations/{id}/project-stats: one client across its projects."""

from __future__ import annotations

from pydantic import BaseModel

from helpdesk.tasks.model.client_stats import ClientStats
from helpdesk.tasks.views.tasks import AssigneeView, WeekView


class ClientProjectView(BaseModel):
    project: str
    name: str
    open: int
    overdue: int
    due_soon: int
    done: int
    logged_minutes: int
    estimated_minutes: int


class ClientStatsView(BaseModel):
    """GET /organisations/{id}/project-stats: one client across its projects."""

    organisation: str
    open: int
    overdue: int
    logged_minutes: int
    estimated_minutes: int
    projects: list[ClientProjectView]
    throughput: list[WeekView]
    assignees: list[AssigneeView]

    @classmethod
    def of(cls, s: ClientStats) -> ClientStatsView:
        return cls(
            organisation=s.organisation,
            open=s.open,
            overdue=s.overdue,
            logged_minutes=s.logged_minutes,
            estimated_minutes=s.estimated_minutes,
            projects=[
                ClientProjectView(
                    project=p.project,
                    name=name,
                    open=p.open,
                    overdue=p.overdue,
                    due_soon=p.due_soon,
                    done=sum(a.done for a in p.assignees),
                    logged_minutes=p.logged_minutes,
                    estimated_minutes=p.estimated_minutes,
                )
                for name, p in s.projects
            ],
            throughput=[WeekView(week=w, done=n) for w, n in s.throughput],
            assignees=[
                AssigneeView(assignee=a.assignee, open=a.open, done=a.done, logged_minutes=a.logged_minutes)
                for a in s.assignees
            ],
        )
