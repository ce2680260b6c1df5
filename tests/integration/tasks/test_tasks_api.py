"""The staff API's acceptance contract for projects and tasks (issue 18), in-process under moto."""

from __future__ import annotations

import pytest

from .conftest import a_ticket, cabinet, staff

pytestmark = pytest.mark.integration


def test_the_manager_flow_through_the_acceptance_routes(desk) -> None:
    made = staff("POST", "/projects", {"key": "ACME", "name": "Acme shop", "organisation": "org-acme"})
    assert made.status == 201 and made.body["key"] == "ACME"
    ticket_id = a_ticket("org-acme")
    body = {"project": "ACME", "title": "Fix the checkout button", "ticket_id": ticket_id,
            "assignee": "dima@agency.example", "due": "2026-12-24"}  # fmt: skip
    task = staff("POST", "/tasks", body)
    assert task.status == 201 and task.body["key"] == "ACME-1" and task.body["id"]
    assert task.body["assignee"] == "dima@agency.example" and task.body["due"] == "2026-12-24"
    second = staff("POST", "/tasks", {"project": "ACME", "title": "Second"})
    assert second.body["key"] == "ACME-2"

    task_id = task.body["id"]
    moved = staff("PATCH", "/tasks/{task_id}", {"status": "in_progress"}, token="dima", task_id=task_id)
    assert moved.status == 200 and moved.body["status"] == "in_progress"
    logged = staff("POST", "/tasks/{task_id}/time", {"minutes": 90, "billable": True}, token="dima",
                   task_id=task_id)  # fmt: skip
    assert logged.status == 200 and logged.body["logged_minutes"] == 90
    assert [(h["field"], h["new"], h["by"]) for h in logged.body["history"]] == [
        ("status", "in_progress", "dima@agency.example"),
        ("time", "90m billable", "dima@agency.example"),
    ]

    listed = staff("GET", "/tasks", query={"project": "ACME"})
    assert [(t["key"], t["status"]) for t in listed.body["items"]] == [
        ("ACME-1", "in_progress"),
        ("ACME-2", "todo"),
    ]
    mine = staff("GET", "/tasks", token="dima", query={"project": "ACME", "assignee": "me"})
    assert [t["key"] for t in mine.body["items"]] == ["ACME-1"]

    stats = staff("GET", "/projects/{key}/stats", key="ACME")
    assert stats.status == 200 and stats.body["open"] == 2 and stats.body["logged_minutes"] == 90
    assert stats.body["by_status"] == {"todo": 1, "in_progress": 1, "review": 0, "done": 0, "cancelled": 0}

    page = staff("GET", "/tickets/{ticket_id}", ticket_id=ticket_id)
    assert page.status == 200
    assert [(t["key"], t["status"]) for t in page.body["tasks"]] == [("ACME-1", "in_progress")]


def test_bad_input_answers_4xx_and_assignees_must_be_staff(desk) -> None:
    staff("POST", "/projects", {"key": "ACME", "name": "Acme", "organisation": "org-acme"})
    again = staff("POST", "/projects", {"key": "ACME", "name": "Acme", "organisation": "org-acme"})
    assert again.status == 409
    assert (
        staff("POST", "/tasks", {"project": "ACME", "title": "x", "assignee": "alice@acme.example"}).status
        == 422
    )
    assert (
        staff("POST", "/tasks", {"project": "ACME", "title": "x", "assignee": "nobody@x.example"}).status
        == 422
    )
    assert staff("POST", "/tasks", {"project": "NOPE", "title": "x"}).status == 404
    assert staff("POST", "/tasks", {"project": "ACME"}).status == 422
    task = staff("POST", "/tasks", {"project": "ACME", "title": "x"}).body
    skip = staff("PATCH", "/tasks/{task_id}", {"status": "done"}, task_id=task["id"])
    assert skip.status == 422  # to do -> done is not in the default workflow
    bad_time = staff("POST", "/tasks/{task_id}/time", {"minutes": 0, "billable": True}, task_id=task["id"])
    assert bad_time.status == 422


def test_foreign_and_unknown_ids_answer_the_same(desk) -> None:
    staff("POST", "/projects", {"key": "ACME", "name": "Acme", "organisation": "org-acme"})
    globex_ticket, unknown = a_ticket("org-globex", "Globex"), "tk-unknown"
    answers = [
        staff("POST", "/tasks", {"project": "ACME", "title": "x", "ticket_id": t})
        for t in (globex_ticket, unknown)
    ]
    assert [a.status for a in answers] == [422, 422] and answers[0].body == answers[1].body
    for path in ("/tasks/{task_id}",):
        missing = staff("GET", path, task_id="0" * 32)
        assert missing.status == 404
    assert staff("PATCH", "/tasks/{task_id}", {"status": "review"}, task_id="0" * 32).status == 404


def test_roles_staff_only_and_the_cabinet_sees_its_organisation_without_internal_comments(desk) -> None:
    assert (
        staff(
            "POST", "/projects", {"key": "ACME", "name": "A", "organisation": "org-acme"}, token="dima"
        ).status
        == 403
    )
    staff("POST", "/projects", {"key": "ACME", "name": "Acme", "organisation": "org-acme"})
    staff("POST", "/projects", {"key": "GLOBEX", "name": "Globex", "organisation": "org-globex"})
    task = staff("POST", "/tasks", {"project": "ACME", "title": "Build the export"}).body
    staff("POST", "/tasks", {"project": "GLOBEX", "title": "Globex secret plan"})
    staff(
        "POST",
        "/tasks/{task_id}/comments",
        {"text": "client is difficult", "internal": True},
        task_id=task["id"],
    )
    staff(
        "POST", "/tasks/{task_id}/comments", {"text": "Export started", "internal": False}, task_id=task["id"]
    )
    assert staff("POST", "/tasks", {"project": "ACME", "title": "x"}, token="alla").status == 403
    assert staff("GET", "/tasks", token="alice", query={"project": "ACME"}).status == 403
    assert staff("GET", "/projects/{key}/stats", token="bob", key="ACME").status == 403

    seen = cabinet("GET", "/tasks", token="alice")
    assert seen.status == 200
    assert [(t["key"], t["status"], t["done"]) for t in seen.body["items"]] == [("ACME-1", "todo", False)]
    assert [c["text"] for c in seen.body["items"][0]["comments"]] == ["Export started"]
    assert "client is difficult" not in str(seen.body) and "history" not in seen.body["items"][0]
    assert [t["key"] for t in cabinet("GET", "/tasks", token="bob").body["items"]] == ["GLOBEX-1"]
    assert staff("GET", "/tasks", token="anna", query={"project": "ACME"}).status == 200
    assert cabinet("GET", "/tasks", token="anna").status == 403


def test_the_cabinet_names_a_tasks_order_as_people_read_it_never_by_its_id(desk) -> None:
    from helpdesk.bootstrap import container

    from tests.support.invoices import order

    paid = container().checkout_store.add_order(order("co_b550e1f2a9c4"))
    staff("POST", "/projects", {"key": "ACME", "name": "Acme", "organisation": "org-acme"})
    staff("POST", "/tasks", {"project": "ACME", "title": "Install the module", "order_id": paid.id})

    [seen] = cabinet("GET", "/tasks", token="alice").body["items"]
    assert seen["orders"] == [{"id": paid.id, "label": paid.label}]
    assert paid.label.startswith("ORD-") and "co_" not in paid.label


def test_a_manager_reshapes_a_projects_workflow_but_cannot_strand_a_task(desk) -> None:
    staff("POST", "/projects", {"key": "ACME", "name": "Acme", "organisation": "org-acme"})
    task = staff("POST", "/tasks", {"project": "ACME", "title": "Build the export"}).body
    kanban = {
        "statuses": [
            {"name": "todo", "category": "todo"},
            {"name": "doing", "category": "active"},
            {"name": "qa", "category": "active"},
            {"name": "shipped", "category": "done"},
        ],
        "transitions": {"todo": ["doing"], "doing": ["qa", "todo"], "qa": ["shipped", "doing"]},
    }
    path = "/projects/{key}/workflow"
    assert (
        staff("PUT", path, kanban, token="dima", key="ACME").status == 403
    )  # developers work, managers shape
    changed = staff("PUT", path, kanban, key="ACME")
    assert changed.status == 200, changed.body
    assert [s["name"] for s in changed.body["statuses"]] == ["todo", "doing", "qa", "shipped"]
    move = staff("PATCH", "/tasks/{task_id}", {"status": "qa"}, task_id=task["id"])
    assert move.status == 422  # todo may only go to doing
    assert staff("PATCH", "/tasks/{task_id}", {"status": "doing"}, task_id=task["id"]).status == 200

    without_doing = {"statuses": [s for s in kanban["statuses"] if s["name"] != "doing"]}
    assert staff("PUT", path, without_doing, key="ACME").status == 422  # the task is in "doing"
    no_done = {"statuses": [{"name": "todo", "category": "todo"}, {"name": "doing", "category": "active"}]}
    assert staff("PUT", path, no_done, key="ACME").status == 422
    bad_move = {**kanban, "transitions": {"todo": ["nowhere"]}}
    assert staff("PUT", path, bad_move, key="ACME").status == 422
    assert staff("PUT", path, kanban, key="NOPE").status == 404
