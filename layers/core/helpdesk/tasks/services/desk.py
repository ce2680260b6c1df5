"""The tasks context as its APIs use it: one call per route, answering with views."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from pydantic import ValidationError

from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Malformed
from helpdesk.tasks.model.jira import plain_text, verify_signature
from helpdesk.tasks.model.task import Task
from helpdesk.tasks.services.jira_sync import JiraEvent, JiraSync
from helpdesk.tasks.services.projects import ProjectService
from helpdesk.tasks.services.tasks import NewTask, TaskService
from helpdesk.tasks.views.client_stats import ClientStatsView
from helpdesk.tasks.views.jira import JiraWebhook
from helpdesk.tasks.views.tasks import (
    AttachRequest,
    CabinetTaskListView,
    CabinetTaskView,
    CommentRequest,
    CreateProjectRequest,
    CreateTaskRequest,
    LinkJiraRequest,
    LogTimeRequest,
    ProjectListView,
    ProjectStatsView,
    ProjectView,
    TaskListQuery,
    TaskListView,
    TaskSummaryView,
    TaskView,
    UpdateTaskRequest,
    WorkflowRequest,
)


class TaskDesk:
    def __init__(self, projects: ProjectService, tasks: TaskService, clock: Clock) -> None:
        self._projects, self._tasks, self._clock = projects, tasks, clock

    def create_project(self, request: CreateProjectRequest, manager: str | None = None) -> ProjectView:
        """`manager`: the member of staff who made it; they hear of its overdue tasks."""
        r = request
        return ProjectView.of(self._projects.create_project(r.key, r.name, r.organisation, manager))

    def projects(self) -> ProjectListView:
        return ProjectListView(items=[ProjectView.of(p) for p in self._projects.projects()])

    def project(self, key: str) -> ProjectView:
        return ProjectView.of(self._projects.project(key))

    def link_jira(self, key: str, request: LinkJiraRequest) -> ProjectView:
        return ProjectView.of(self._projects.link_jira(key, request.jira_project, request.status_names))

    def change_workflow(self, key: str, request: WorkflowRequest) -> ProjectView:
        return ProjectView.of(self._projects.change_workflow(key, request.workflow()))

    def stats(self, key: str) -> ProjectStatsView:
        return ProjectStatsView.of(self._projects.stats(key))

    def client_stats(self, organisation_id: str) -> ClientStatsView:
        return ClientStatsView.of(self._projects.client_stats(organisation_id))

    def create_task(self, r: CreateTaskRequest, reporter: str) -> TaskView:
        new = NewTask(
            r.project,
            r.title,
            r.description,
            r.ticket_id,
            r.order_id,
            r.assignee,
            r.due,
            r.priority,
            r.estimate_minutes,
            tuple(r.labels),
            r.parent,
        )
        return self._view(self._tasks.create_task(new, reporter))

    def list_tasks(self, query: TaskListQuery, me: str) -> TaskListView:
        workflow = self._projects.project(query.project).workflow
        today = self._clock.now().date()
        assignee = me if query.assignee == "me" else query.assignee
        rows = [
            t
            for t in self._tasks.for_project(query.project)
            if (query.status is None or t.status == query.status)
            and (assignee is None or t.assignee == assignee)
            and (not query.overdue or t.is_overdue(today, workflow))
        ]
        return TaskListView(items=[TaskSummaryView.of(t, workflow, today) for t in rows])

    def task(self, task_id: str) -> TaskView:
        return self._view(self._tasks.task(task_id))

    def change(self, task_id: str, request: UpdateTaskRequest, by: str) -> TaskView:
        return self._view(self._tasks.change(task_id, request.changes(), by))

    def log_time(self, task_id: str, request: LogTimeRequest, by: str) -> TaskView:
        return self._view(self._tasks.log_time(task_id, request.minutes, request.billable, by))

    def attach(self, task_id: str, request: AttachRequest, by: str) -> TaskView:
        return self._view(self._tasks.attach(task_id, request.uploads(), by))

    def file_url(self, task_id: str, key: str, expires_in: int) -> str:
        return self._tasks.file_url(task_id, key, expires_in)

    def comment(self, task_id: str, request: CommentRequest, by: str) -> TaskView:
        return self._view(self._tasks.comment(task_id, request.text, request.internal, by))

    def ticket_tasks(self, ticket_id: str) -> list[TaskSummaryView]:
        return [self._summary(t) for t in self._tasks.for_ticket(ticket_id)]

    def tasks_of_tickets(self, ticket_ids: list[str], organisation_ids: set[str]) -> list[TaskSummaryView]:
        """The tasks made from any of these tickets (a customer's page in the console). A task is made in a
        project of its ticket's organisation, so those few projects are read, not each ticket's tasks."""
        wanted = set(ticket_ids)
        found = {
            t.id: t
            for organisation_id in sorted(organisation_ids)
            for t in self._tasks.for_organisation(organisation_id)
            if wanted.intersection(t.ticket_ids)
        }
        return self._summaries(list(found.values()))

    def organisation_tasks(self, organisation_id: str) -> list[TaskSummaryView]:
        """Every task of the organisation's projects (an organisation's page in the console)."""
        return self._summaries(self._tasks.for_organisation(organisation_id))

    def cabinet_tasks(self, organisation_id: str | None) -> CabinetTaskListView:
        """Only the caller's organisation's tasks; an unknown organisation sees none."""
        if not organisation_id:
            return CabinetTaskListView(items=[])
        tasks = self._tasks.for_organisation(organisation_id)
        workflows = {key: self._projects.project(key).workflow for key in {t.project for t in tasks}}
        labels = self._tasks.order_labels(tasks)
        return CabinetTaskListView(items=[CabinetTaskView.of(t, workflows[t.project], labels) for t in tasks])

    def _summaries(self, tasks: list[Task]) -> list[TaskSummaryView]:
        workflows = {key: self._projects.project(key).workflow for key in {t.project for t in tasks}}
        today = self._clock.now().date()
        ordered = sorted(tasks, key=lambda t: (t.project, t.number))
        return [TaskSummaryView.of(t, workflows[t.project], today) for t in ordered]

    def _summary(self, task: Task) -> TaskSummaryView:
        workflow = self._projects.project(task.project).workflow
        return TaskSummaryView.of(task, workflow, self._clock.now().date())

    def _view(self, task: Task) -> TaskView:
        workflow = self._projects.project(task.project).workflow
        return TaskView.of(task, workflow, self._clock.now().date())


def jira_event(delivery_id: str, hook: JiraWebhook) -> JiraEvent:
    comment = hook.comment
    actor = (comment.author if comment and comment.author else hook.user) or None
    return JiraEvent(
        delivery_id=delivery_id,
        kind=hook.webhookEvent,
        issue_key=hook.issue.key,
        project_key=hook.issue.project_key,
        fields=hook.issue.fields,
        timestamp_ms=hook.timestamp,
        actor=(actor.displayName or actor.accountId or "jira") if actor else "jira",
        comment_id=comment.id if comment else None,
        comment_text=plain_text(comment.body) if comment else "",
    )


class JiraWebhooks:
    """Jira Cloud's webhook deliveries: verified (X-Hub-Signature), parsed, applied once per delivery."""

    def __init__(self, sync: JiraSync, secret: Callable[[], str]) -> None:
        self._sync, self._secret = sync, secret

    def receive(self, body: bytes, signature: str | None, delivery_id: str | None) -> bool:
        verify_signature(self._secret(), body, signature)
        try:
            hook = JiraWebhook.model_validate_json(body)
        except ValidationError as error:
            raise Malformed("not a Jira issue or comment event") from error
        # Jira keeps X-Atlassian-Webhook-Identifier across retries of one delivery; without it the body is
        # the identity (a replay of the same bytes is the same delivery).
        delivery = delivery_id or hashlib.sha256(body).hexdigest()
        return self._sync.receive(jira_event(delivery, hook))
