"""API bodies and answers of projects and tasks (staff console and customer cabinet)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from helpdesk.tasks.model.project import Project
from helpdesk.tasks.model.stats import ProjectStats
from helpdesk.tasks.model.task import Change, Priority, Task
from helpdesk.tasks.model.workflow import Status, StatusCategory, Workflow
from helpdesk.tickets.public import OutboundFile
from helpdesk.tickets.views.tickets import ReplyFile


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class CreateProjectRequest(Body):
    key: str = Field(min_length=2, max_length=10)
    name: str = Field(min_length=1, max_length=120)
    organisation: str = Field(min_length=1, max_length=120)


class LinkJiraRequest(Body):
    jira_project: str = Field(min_length=2, max_length=10)
    status_names: dict[str, str] = Field(default_factory=dict)


class StatusRequest(Body):
    name: str = Field(min_length=1, max_length=30)
    category: StatusCategory


class WorkflowRequest(Body):
    """A project's board columns in order (the first is where tasks start) and, per status, the moves
    allowed from it (a status not listed may move anywhere)."""

    statuses: list[StatusRequest] = Field(min_length=2, max_length=12)
    transitions: dict[str, list[str]] = Field(default_factory=dict)

    def workflow(self) -> Workflow:
        statuses = tuple(Status(s.name, s.category) for s in self.statuses)
        return Workflow.checked(statuses, {k: tuple(v) for k, v in self.transitions.items()})


class CreateTaskRequest(Body):
    project: str = Field(min_length=2, max_length=10)
    title: str = Field(min_length=1, max_length=250)
    description: str = Field(default="", max_length=20_000)
    ticket_id: str | None = Field(default=None, max_length=100)
    order_id: str | None = Field(default=None, max_length=100)
    assignee: str | None = Field(default=None, max_length=254)
    due: date | None = None
    priority: Priority = Priority.NORMAL
    estimate_minutes: int | None = Field(default=None, ge=1, le=100_000)
    labels: list[str] = Field(default_factory=list, max_length=20)
    parent: str | None = Field(default=None, max_length=64)


class UpdateTaskRequest(Body):
    """Only the fields sent change; `assignee: null` unassigns, `due: null` clears the date."""

    status: str | None = Field(default=None, max_length=40)
    assignee: str | None = Field(default=None, max_length=254)
    due: date | None = None
    title: str | None = Field(default=None, min_length=1, max_length=250)
    description: str | None = Field(default=None, max_length=20_000)
    priority: Priority | None = None
    estimate_minutes: int | None = Field(default=None, ge=1, le=100_000)
    labels: list[str] | None = Field(default=None, max_length=20)
    result: str | None = Field(default=None, max_length=20_000)

    def changes(self) -> dict[str, Any]:
        nullable = {"assignee", "due", "estimate_minutes"}
        wanted: dict[str, Any] = {}
        for name in self.model_fields_set:
            value = getattr(self, name)
            if value is None and name not in nullable:
                continue
            wanted[name] = tuple(value) if isinstance(value, list) else value
        return wanted


class LogTimeRequest(Body):
    minutes: int = Field(ge=1, le=24 * 60)
    billable: bool


class CommentRequest(Body):
    text: str = Field(min_length=1, max_length=20_000)
    internal: bool = True


class AttachRequest(Body):
    attachments: list[ReplyFile] = Field(min_length=1, max_length=10)

    def uploads(self) -> list[OutboundFile]:
        return [a.file() for a in self.attachments]


class TaskFileView(BaseModel):
    key: str
    filename: str
    content_type: str
    size: int
    at: datetime
    by: str


class TaskListQuery(Body):
    project: str = Field(min_length=2, max_length=10)
    status: str | None = None
    assignee: str | None = None
    overdue: bool = False


class StatusView(BaseModel):
    name: str
    category: StatusCategory


class ProjectView(BaseModel):
    key: str
    name: str
    organisation: str
    created_at: datetime
    statuses: list[StatusView]
    jira_project: str | None = None
    manager: str | None = None

    @classmethod
    def of(cls, p: Project) -> ProjectView:
        statuses = [StatusView(name=s.name, category=s.category) for s in p.workflow.statuses]
        jira = p.jira.project_key if p.jira else None
        return cls(
            key=p.key,
            name=p.name,
            organisation=p.organisation_id,
            created_at=p.created_at,
            statuses=statuses,
            jira_project=jira,
            manager=p.manager,
        )


class ProjectListView(BaseModel):
    items: list[ProjectView]


class TaskSummaryView(BaseModel):
    """A task in a list, on a board or beside a ticket."""

    id: str
    key: str
    project: str
    title: str
    status: str
    assignee: str | None
    due: date | None
    priority: Priority
    overdue: bool = False
    logged_minutes: int = 0
    estimate_minutes: int | None = None

    @classmethod
    def of(cls, t: Task, workflow: Workflow | None = None, today: date | None = None) -> TaskSummaryView:
        overdue = bool(workflow and today and t.is_overdue(today, workflow))
        return cls(
            id=t.id,
            key=t.key,
            project=t.project,
            title=t.title,
            status=t.status,
            assignee=t.assignee,
            due=t.due,
            priority=t.priority,
            overdue=overdue,
            logged_minutes=t.logged_minutes,
            estimate_minutes=t.estimate_minutes,
        )


class TaskListView(BaseModel):
    items: list[TaskSummaryView]


class TimeEntryView(BaseModel):
    at: datetime
    by: str
    minutes: int
    billable: bool


class CommentView(BaseModel):
    id: str
    at: datetime
    by: str
    text: str
    internal: bool


class ChangeView(BaseModel):
    at: datetime
    by: str
    field: str
    old: str | None
    new: str | None
    origin: str
    lost: bool

    @classmethod
    def of(cls, c: Change) -> ChangeView:
        return cls(at=c.at, by=c.by, field=c.field, old=c.old, new=c.new, origin=c.origin.value, lost=c.lost)


class TaskView(TaskSummaryView):
    """The whole task, for staff."""

    description: str
    reporter: str
    created_at: datetime
    labels: list[str]
    parent_id: str | None
    ticket_ids: list[str]
    order_ids: list[str]
    result: str
    jira_key: str | None
    time: list[TimeEntryView]
    comments: list[CommentView]
    attachments: list[TaskFileView]
    history: list[ChangeView]

    @classmethod
    def of(cls, t: Task, workflow: Workflow | None = None, today: date | None = None) -> TaskView:
        summary = TaskSummaryView.of(t, workflow, today).model_dump()
        return cls(
            **summary,
            description=t.description,
            reporter=t.reporter,
            created_at=t.created_at,
            labels=list(t.labels),
            parent_id=t.parent_id,
            ticket_ids=list(t.ticket_ids),
            order_ids=list(t.order_ids),
            result=t.result,
            jira_key=t.jira_key,
            time=[TimeEntryView(at=e.at, by=e.by, minutes=e.minutes, billable=e.billable) for e in t.time],
            comments=[
                CommentView(id=c.id, at=c.at, by=c.by, text=c.text, internal=c.internal) for c in t.comments
            ],
            attachments=[TaskFileView(**vars(f)) for f in t.attachments],
            history=[ChangeView.of(c) for c in t.history],
        )


class CreatedTaskView(TaskView):
    """201 answer of POST /tasks: the task, with `id` and `key` first of all."""


class OrderRefView(BaseModel):
    id: str
    label: str


class CabinetTaskView(BaseModel):
    """What a customer sees of a task: its progress, and comments meant for them (never internal ones)."""

    key: str
    project: str
    title: str
    status: str
    done: bool
    due: date | None
    order_ids: list[str]
    orders: list[OrderRefView]  # the same orders as people read them
    ticket_ids: list[str]
    result: str
    comments: list[CommentView]

    @classmethod
    def of(cls, t: Task, workflow: Workflow, order_labels: dict[str, str]) -> CabinetTaskView:
        done = workflow.category(t.status) is StatusCategory.DONE
        public = [
            CommentView(id=c.id, at=c.at, by=c.by, text=c.text, internal=False)
            for c in t.comments
            if not c.internal
        ]
        return cls(
            key=t.key,
            project=t.project,
            title=t.title,
            status=t.status,
            done=done,
            due=t.due,
            order_ids=list(t.order_ids),
            orders=[OrderRefView(id=i, label=order_labels[i]) for i in t.order_ids if i in order_labels],
            ticket_ids=list(t.ticket_ids),
            result=t.result if done else "",
            comments=public,
        )


class CabinetTaskListView(BaseModel):
    items: list[CabinetTaskView]


class WeekView(BaseModel):
    week: str
    done: int


class AssigneeView(BaseModel):
    assignee: str
    open: int
    done: int
    logged_minutes: int


class ProjectStatsView(BaseModel):
    project: str
    by_status: dict[str, int]
    open: int
    overdue: int
    due_soon: int
    lead_time_hours: float | None
    cycle_time_hours: float | None
    logged_minutes: int
    billable_minutes: int
    estimated_minutes: int
    throughput: list[WeekView]
    assignees: list[AssigneeView]

    @classmethod
    def of(cls, s: ProjectStats) -> ProjectStatsView:
        return cls(
            project=s.project,
            by_status=s.by_status,
            open=s.open,
            overdue=s.overdue,
            due_soon=s.due_soon,
            lead_time_hours=s.lead_time_hours,
            cycle_time_hours=s.cycle_time_hours,
            logged_minutes=s.logged_minutes,
            billable_minutes=s.billable_minutes,
            estimated_minutes=s.estimated_minutes,
            throughput=[WeekView(week=w, done=n) for w, n in s.throughput],
            assignees=[
                AssigneeView(assignee=a.assignee, open=a.open, done=a.done, logged_minutes=a.logged_minutes)
                for a in s.assignees
            ],
        )
