"""Per-client statistics across projects (GET /organisations/{id}/project-stats), in-process under moto."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from .conftest import staff

pytestmark = pytest.mark.integration


def a_task(project: str, title: str, assignee: str | None = None) -> str:
    body = {"project": project, "title": title, "assignee": assignee, "estimate_minutes": 60}
    return str(staff("POST", "/tasks", {k: v for k, v in body.items() if v is not None}).body["id"])


def finish(task_id: str) -> None:
    for status in ("in_progress", "review", "done"):
        assert staff("PATCH", "/tasks/{task_id}", {"status": status}, task_id=task_id).status == 200


def test_a_clients_projects_are_combined_and_other_clients_left_out(desk) -> None:
    for key, org in (("ACME", "org-acme"), ("SHOP", "org-acme"), ("GLOBEX", "org-globex")):
        staff("POST", "/projects", {"key": key, "name": f"{key.title()} work", "organisation": org})
    web = a_task("ACME", "Checkout", "dima@agency.example")
    finish(web)
    staff("POST", "/tasks/{task_id}/time", {"minutes": 45, "billable": True}, task_id=web)
    a_task("ACME", "Export", "dima@agency.example")
    finish(a_task("SHOP", "Theme", "dima@agency.example"))
    a_task("SHOP", "Logo")
    finish(a_task("GLOBEX", "Secret", "dima@agency.example"))

    stats = staff("GET", "/organisations/{organisation_id}/project-stats", organisation_id="org-acme")
    assert stats.status == 200
    body = stats.body
    assert (body["organisation"], body["open"], body["logged_minutes"], body["estimated_minutes"]) == (
        "org-acme", 2, 45, 240,
    )  # fmt: skip
    assert [(p["project"], p["name"], p["open"], p["done"]) for p in body["projects"]] == [
        ("ACME", "Acme work", 1, 1),
        ("SHOP", "Shop work", 1, 1),
    ]
    monday = datetime.now(UTC).date() - timedelta(days=datetime.now(UTC).weekday())
    assert len(body["throughput"]) == 8 and body["throughput"][-1] == {"week": monday.isoformat(), "done": 2}
    assert sum(w["done"] for w in body["throughput"]) == 2  # GLOBEX's done task is not counted
    assert [(a["assignee"], a["open"], a["done"], a["logged_minutes"]) for a in body["assignees"]] == [
        ("", 1, 0, 0),
        ("dima@agency.example", 1, 2, 45),
    ]


def test_unknown_and_projectless_clients_answer_alike_and_customers_are_refused(desk) -> None:
    staff("POST", "/projects", {"key": "ACME", "name": "Acme", "organisation": "org-acme"})
    unknown = staff("GET", "/organisations/{organisation_id}/project-stats", organisation_id="org-nope")
    projectless = staff("GET", "/organisations/{organisation_id}/project-stats", organisation_id="org-globex")
    assert unknown.status == projectless.status == 404 and unknown.body == projectless.body
    customer = staff("GET", "/organisations/{organisation_id}/project-stats", token="alice",
                     organisation_id="org-acme")  # fmt: skip
    assert customer.status == 403
