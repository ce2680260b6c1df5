"""A client's statistics across its projects: each project's figures, and throughput and load combined."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from helpdesk.kernel.errors import NotFound
from helpdesk.tasks.model.stats import AssigneeLoad, ProjectStats


class ClientHasNoProjects(NotFound):
    """No projects for this organisation (an unknown organisation answers the same)."""


@dataclass(frozen=True)
class ClientStats:
    organisation: str
    projects: list[tuple[str, ProjectStats]]  # (project name, its statistics), by key
    throughput: list[tuple[str, int]]  # (ISO week monday, tasks done that week in any project), oldest first
    assignees: list[AssigneeLoad]  # summed over the projects

    @property
    def open(self) -> int:
        return sum(s.open for _, s in self.projects)

    @property
    def overdue(self) -> int:
        return sum(s.overdue for _, s in self.projects)

    @property
    def logged_minutes(self) -> int:
        return sum(s.logged_minutes for _, s in self.projects)

    @property
    def estimated_minutes(self) -> int:
        return sum(s.estimated_minutes for _, s in self.projects)


def client_stats(organisation: str, projects: list[tuple[str, ProjectStats]]) -> ClientStats:
    """Combine project statistics computed at the same moment (so their weeks line up)."""
    if not projects:
        raise ClientHasNoProjects("no projects for this organisation")
    weeks: Counter[str] = Counter()
    for _, stats in projects:
        weeks.update(dict(stats.throughput))
    loads: dict[str, list[int]] = {}
    for _, stats in projects:
        for a in stats.assignees:
            row = loads.setdefault(a.assignee, [0, 0, 0])
            row[0], row[1], row[2] = row[0] + a.open, row[1] + a.done, row[2] + a.logged_minutes
    return ClientStats(
        organisation=organisation,
        projects=sorted(projects, key=lambda p: p[1].project),
        throughput=[(week, weeks[week]) for week, _ in projects[0][1].throughput],
        assignees=[AssigneeLoad(name, *row) for name, row in sorted(loads.items())],
    )
