"""Use cases on projects: create, find, link to Jira, statistics."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Conflict, Invalid
from helpdesk.tasks.model.client_stats import ClientStats, client_stats
from helpdesk.tasks.model.project import JiraLink, Project, ProjectNotFound, project_key
from helpdesk.tasks.model.stats import ProjectStats, project_stats
from helpdesk.tasks.model.workflow import Workflow
from helpdesk.tasks.model.working_days import EveryDay, WorkingDays
from helpdesk.tasks.ports import ProjectStore, TaskStore


class ProjectService:
    def __init__(
        self,
        projects: ProjectStore,
        tasks: TaskStore,
        clock: Clock,
        working_days: Callable[[], WorkingDays] = EveryDay,
    ) -> None:
        self._projects, self._tasks, self._clock = projects, tasks, clock
        self._working_days = working_days

    def create_project(
        self, key: str, name: str, organisation_id: str, manager: str | None = None
    ) -> Project:
        if not name.strip() or not organisation_id.strip():
            raise Invalid("a project needs a name and an organisation")
        now = self._clock.now()
        project = Project(
            project_key(key), name.strip(), organisation_id.strip(), now, manager=manager or None
        )
        if not self._projects.create(project):
            raise Conflict(f"project {project.key} exists")
        return project

    def project(self, key: str) -> Project:
        found = self._projects.get(key.upper())
        if found is None:
            raise ProjectNotFound("no such project")
        return found

    def projects(self) -> list[Project]:
        return self._projects.all()

    def link_jira(self, key: str, jira_project: str, status_names: dict[str, str]) -> Project:
        project = self.project(key)
        unknown = set(status_names) - set(project.workflow.names())
        if unknown:
            raise Invalid(f"unknown statuses: {', '.join(sorted(unknown))}")
        link = JiraLink(project_key(jira_project), {**default_names(project), **status_names})
        linked = replace(project, jira=link)
        self._projects.save(linked)
        return linked

    def change_workflow(self, key: str, workflow: Workflow) -> Project:
        """Replace the project's statuses and moves; a status some task still holds cannot go."""
        project = self.project(key)
        held = {t.status for t in self._tasks.for_project(project.key)} - set(workflow.names())
        if held:
            raise Invalid(f"tasks are still in: {', '.join(sorted(held))}; move them first")
        changed = replace(project, workflow=workflow)
        if project.jira:  # statuses without a Jira name keep their own
            kept = {k: v for k, v in project.jira.status_names.items() if k in workflow.names()}
            changed = replace(
                changed, jira=replace(project.jira, status_names={**default_names(changed), **kept})
            )
        self._projects.save(changed)
        return changed

    def stats(self, key: str) -> ProjectStats:
        project = self.project(key)
        tasks = self._tasks.for_project(project.key)
        return project_stats(project.key, tasks, project.workflow, self._clock.now(), self._working_days())

    def client_stats(self, organisation_id: str) -> ClientStats:
        """Every project of one client organisation, figures per project and combined."""
        now, days = self._clock.now(), self._working_days()
        per_project = [
            (p.name, project_stats(p.key, self._tasks.for_project(p.key), p.workflow, now, days))
            for p in self._projects.for_organisation(organisation_id)
        ]
        return client_stats(organisation_id, per_project)


def default_names(project: Project) -> dict[str, str]:
    """Jira's usual names for ours: `in_progress` -> `In Progress`, `todo` -> `To Do`."""
    named = {"todo": "To Do", "review": "In Review"}
    return {s: named.get(s, s.replace("_", " ").title()) for s in project.workflow.names()}
