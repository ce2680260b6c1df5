"""Tasks use cases on the in-memory fakes: keys, sources, staff-only assignees, workflow, history, stats."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
from helpdesk.kernel.clock import FixedClock
from helpdesk.kernel.errors import Conflict, Invalid, NotFound
from helpdesk.tasks.model.task import Origin
from helpdesk.tasks.model.workflow import TaskStatusChangeInvalid
from helpdesk.tasks.services.projects import ProjectService
from helpdesk.tasks.services.tasks import NewTask, TaskService

from tests.fakes.tasks.memory_tasks import MemoryProjects, MemoryTasks, RecordedSyncRequests, StaticStaff

pytestmark = pytest.mark.unit
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


class Lookup:
    def __init__(self, **organisations: str | None) -> None:
        self._orgs = organisations

    def find(self, ticket_id: str) -> object:
        return SimpleNamespace(organisation_id=self._orgs[ticket_id]) if ticket_id in self._orgs else None

    get_order = find


@pytest.fixture
def desk() -> SimpleNamespace:
    clock, projects, tasks, sync = FixedClock(T0), MemoryProjects(), MemoryTasks(), RecordedSyncRequests()
    staff = StaticStaff({"dev@agency.example", "anna@agency.example"})
    lookup = Lookup(tk_acme="org-acme", tk_globex="org-globex", tk_nobody=None, o_acme="org-acme")
    service = TaskService(projects, tasks, staff, lookup, lookup, sync, clock)
    project_service = ProjectService(projects, tasks, clock)
    project_service.create_project("acme", "Acme site", "org-acme")
    return SimpleNamespace(tasks=service, projects=project_service, clock=clock, sync=sync, store=tasks)


def test_keys_count_per_project_and_a_key_is_taken_once(desk) -> None:
    desk.projects.create_project("GLOBEX", "Globex", "org-globex")
    keys = [desk.tasks.create_task(NewTask("ACME", f"t{n}"), "anna@agency.example").key for n in range(3)]
    assert keys == ["ACME-1", "ACME-2", "ACME-3"]
    assert desk.tasks.create_task(NewTask("globex", "g"), "anna@agency.example").key == "GLOBEX-1"
    with pytest.raises(Conflict):
        desk.projects.create_project("ACME", "again", "org-acme")
    with pytest.raises(Invalid):
        desk.projects.create_project("a", "bad key", "org-acme")
    with pytest.raises(NotFound):
        desk.tasks.create_task(NewTask("NOPE", "t"), "anna@agency.example")


def test_a_task_links_only_tickets_and_orders_of_the_projects_client(desk) -> None:
    made = desk.tasks.create_task(NewTask("ACME", "fix", ticket_id="tk_acme", order_id="o_acme"), "anna@x")
    assert made.ticket_ids == ("tk_acme",) and made.order_ids == ("o_acme",)
    assert desk.tasks.create_task(NewTask("ACME", "fix", ticket_id="tk_nobody"), "anna@x").ticket_ids
    for foreign in ({"ticket_id": "tk_globex"}, {"ticket_id": "tk_unknown"}, {"order_id": "o_unknown"}):
        with pytest.raises(Invalid) as refused:
            desk.tasks.create_task(NewTask("ACME", "fix", **foreign), "anna@x")
        assert "no such" in str(refused.value)
    assert [t.key for t in desk.tasks.for_ticket("tk_acme")] == ["ACME-1"]


def test_only_real_staff_can_be_assigned(desk) -> None:
    with pytest.raises(Invalid):
        desk.tasks.create_task(NewTask("ACME", "t", assignee="customer@acme.example"), "anna@x")
    task = desk.tasks.create_task(NewTask("ACME", "t", assignee="dev@agency.example"), "anna@x")
    with pytest.raises(Invalid):
        desk.tasks.change(task.id, {"assignee": "stranger@example.com"}, "anna@x")
    assert desk.tasks.change(task.id, {"assignee": None}, "anna@x").assignee is None


def test_the_workflow_is_enforced_and_every_change_is_in_the_history(desk) -> None:
    task = desk.tasks.create_task(NewTask("ACME", "t"), "anna@x")
    with pytest.raises(TaskStatusChangeInvalid):
        desk.tasks.change(task.id, {"status": "done"}, "dev@agency.example")  # todo -> done skips the work
    desk.clock.current = T0 + timedelta(hours=1)
    moved = desk.tasks.change(task.id, {"status": "in_progress", "due": date(2026, 12, 5)}, "dev@x")
    assert moved.started_at == T0 + timedelta(hours=1)
    desk.clock.current = T0 + timedelta(hours=5)
    done = desk.tasks.change(task.id, {"status": "done"}, "dev@x")
    assert done.finished_at == T0 + timedelta(hours=5)
    done = desk.tasks.log_time(task.id, 90, True, "dev@x")
    assert [(c.field, c.old, c.new) for c in done.history] == [
        ("status", "todo", "in_progress"),
        ("due", None, "2026-12-05"),
        ("status", "in_progress", "done"),
        ("time", None, "90m billable"),
    ]
    assert desk.tasks.change(task.id, {"status": "done"}, "dev@x").version == done.version  # no-op


def test_an_older_write_loses_per_field_and_is_kept_as_the_loser(desk) -> None:
    task = desk.tasks.create_task(NewTask("ACME", "old title"), "anna@x")
    desk.clock.current = T0 + timedelta(minutes=10)
    task = desk.tasks.change(task.id, {"title": "console title"}, "anna@x")
    project = desk.projects.project("ACME")
    late = task.edit({"title": "jira title", "due": date(2026, 12, 9)}, project.workflow, "jira:bob",
                     T0 + timedelta(minutes=5), Origin.JIRA)  # fmt: skip
    assert late.title == "console title" and late.due == date(2026, 12, 9)
    lost = [c for c in late.history if c.lost]
    assert [(c.field, c.new, c.origin) for c in lost] == [("title", "jira title", Origin.JIRA)]


def test_changes_to_linked_projects_are_queued_for_jira(desk) -> None:
    task = desk.tasks.create_task(NewTask("ACME", "t"), "anna@x")
    assert desk.sync.requests == []
    desk.projects.link_jira("ACME", "DEV", {"review": "Code Review"})
    desk.tasks.change(task.id, {"status": "in_progress"}, "anna@x")
    assert desk.sync.requests == [(task.id, 0, 0)]
    jira = desk.projects.project("ACME").jira
    assert jira.jira_status("review") == "Code Review" and jira.jira_status("todo") == "To Do"


def test_project_stats_count_overdue_lead_time_and_throughput(desk) -> None:
    a = desk.tasks.create_task(NewTask("ACME", "a", due=date(2026, 11, 30), estimate_minutes=120), "anna@x")
    b = desk.tasks.create_task(
        NewTask("ACME", "b", assignee="dev@agency.example", due=date(2026, 12, 3)), "x"
    )
    desk.clock.current = T0 + timedelta(hours=2)
    desk.tasks.change(b.id, {"status": "in_progress"}, "dev@x")
    desk.tasks.log_time(b.id, 45, False, "dev@x")
    desk.clock.current = T0 + timedelta(hours=6)
    desk.tasks.change(b.id, {"status": "done"}, "dev@x")
    stats = desk.projects.stats("ACME")
    assert stats.by_status["todo"] == 1 and stats.by_status["done"] == 1
    assert (stats.open, stats.overdue, stats.due_soon) == (1, 1, 0)
    assert stats.lead_time_hours == 6.0 and stats.cycle_time_hours == 4.0
    assert (stats.logged_minutes, stats.estimated_minutes) == (45, 120)
    assert stats.throughput[-1] == ("2026-11-30", 1) and len(stats.throughput) == 8
    assert [(r.assignee, r.open, r.done) for r in stats.assignees] == [
        ("", 1, 0),
        ("dev@agency.example", 0, 1),
    ]
    assert a.id != b.id


class InterleavedTasks(MemoryTasks):
    """Another writer (the Jira sync storing the issue key) saves between our read and our write, once."""

    def __init__(self) -> None:
        super().__init__()
        self.interleave = False

    def save(self, task):  # type: ignore[no-untyped-def]
        if self.interleave:
            self.interleave = False
            current = self.get(task.id)
            super().save(current.link_jira("DEV-9", T0))
        return super().save(task)


def test_a_change_racing_another_writer_is_reapplied_not_refused(desk) -> None:
    projects, store = MemoryProjects(), InterleavedTasks()
    service = TaskService(projects, store, StaticStaff({"dev@x"}), Lookup(), Lookup(), desk.sync, desk.clock)
    ProjectService(projects, store, desk.clock).create_project("ACME", "Acme", "org-acme")
    task = service.create_task(NewTask("ACME", "t"), "anna@x")
    for act in (
        lambda: service.change(task.id, {"title": "renamed"}, "dev@x"),
        lambda: service.log_time(task.id, 30, True, "dev@x"),
        lambda: service.comment(task.id, "note", True, "dev@x"),
    ):
        store.interleave = True
        act()
    stored = store.get(task.id)
    assert (stored.title, stored.jira_key, stored.logged_minutes, len(stored.comments)) == (
        "renamed",
        "DEV-9",
        30,
        1,
    )
