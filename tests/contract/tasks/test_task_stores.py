"""The project and task stores' contract: keys, the atomic counter, optimistic saves, the lookups."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from helpdesk.tasks.model.project import JiraLink, Project
from helpdesk.tasks.model.task import Task, TimeEntry
from helpdesk.tasks.ports import TaskChanged

pytestmark = pytest.mark.contract
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def task(n: int, project: str = "ACME", **fields: object) -> Task:
    values: dict = dict(id=f"t{n}", key=f"{project}-{n}", project=project, number=n, title=f"task {n}",
                        status="todo", reporter="anna@x", created_at=T0)  # fmt: skip
    values.update(fields)
    return Task(**values)


def test_a_project_key_is_taken_once_and_listed_per_organisation(stores) -> None:
    projects, _ = stores
    acme = Project("ACME", "Acme site", "org-acme", T0)
    assert projects.create(acme)
    assert not projects.create(replace(acme, name="again"))
    assert projects.create(Project("GLOBEX", "Globex", "org-globex", T0))
    assert projects.get("ACME") == acme and projects.get("NOPE") is None
    assert [p.key for p in projects.all()] == ["ACME", "GLOBEX"]
    assert [p.key for p in projects.for_organisation("org-acme")] == ["ACME"]
    linked = replace(acme, jira=JiraLink("DEV", {"todo": "To Do"}))
    projects.save(linked)
    assert projects.get("ACME").jira == JiraLink("DEV", {"todo": "To Do"})


def test_the_task_counter_never_hands_out_a_number_twice(stores) -> None:
    projects, _ = stores
    projects.create(Project("ACME", "Acme", "org-acme", T0))
    with ThreadPoolExecutor(4) as pool:
        numbers = list(pool.map(lambda _: projects.next_number("ACME"), range(12)))
    assert sorted(numbers) == list(range(1, 13))
    assert projects.next_number("OTHER") == 1


def test_saves_are_optimistic_and_keep_every_field(stores) -> None:
    _, tasks = stores
    tasks.create(task(1, due=date(2026, 12, 24), labels=("a", "b"), ticket_ids=("tk1",)))
    stored = tasks.get("t1")
    assert stored.version == 1 and stored.due == date(2026, 12, 24) and stored.labels == ("a", "b")
    logged = stored.log_time(TimeEntry(T0, "dev@x", 30, True))
    saved = tasks.save(logged)
    assert saved.version == 2 and tasks.get("t1").time == (TimeEntry(T0, "dev@x", 30, True),)
    with pytest.raises(TaskChanged):
        tasks.save(replace(stored, title="stale"))
    assert tasks.get("t1").title == "task 1"
    with pytest.raises(TaskChanged):
        tasks.create(task(1))


def test_tasks_are_found_by_project_ticket_order_and_jira_issue(stores) -> None:
    _, tasks = stores
    tasks.create(task(2, ticket_ids=("tk1",)))
    tasks.create(task(1, order_ids=("o1",)))
    tasks.create(task(1, project="GLOBEX", id="g1", key="GLOBEX-1", ticket_ids=("tk1",)))
    assert [t.key for t in tasks.for_project("ACME")] == ["ACME-1", "ACME-2"]
    assert [t.key for t in tasks.for_ticket("tk1")] == ["ACME-2", "GLOBEX-1"]
    assert [t.key for t in tasks.for_order("o1")] == ["ACME-1"]
    assert tasks.for_ticket("tk-unknown") == [] and tasks.by_jira_key("DEV-1") is None
    tasks.save(replace(tasks.get("t2"), jira_key="DEV-1"))
    assert tasks.by_jira_key("DEV-1").id == "t2"
