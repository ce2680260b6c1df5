"""The demo project: Acme's web shop with a task in every state of the default workflow (one overdue).

Linked to the Jira stand-in's project DEV (its issues are kept in the state folder like the rest), so the
sync works out of the box: the tasks appear at jira.localhost/__standin/issues (docs/tasks.md)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

PROJECT = {"key": "ACME", "name": "Acme web shop", "organisation": "org-acme"}
JIRA_PROJECT = "DEV"
DEVELOPER, MANAGER = "dev@helpdesk.localhost", "anna@helpdesk.localhost"
# title, the moves after "todo", minutes logged, due in days (negative: overdue), what was delivered
TASKS = [
    ("Coupon codes ignored in the cart total", [], 0, -2, ""),
    ("Payment module does not load on shop 8.2", ["in_progress"], 95, 3, ""),
    ("Export orders to the ERP as CSV", ["in_progress", "review"], 240, 5, ""),
    ("Add the VAT number to invoices", ["in_progress", "done"], 180, None, "Shipped in module 2.4.1."),
    ("Dark mode for the admin panel", ["cancelled"], 0, None, ""),
]


def load_demo_tasks() -> None:
    from helpdesk.bootstrap import container
    from helpdesk.kernel.errors import Conflict
    from helpdesk.tasks.views.tasks import (
        CreateProjectRequest,
        CreateTaskRequest,
        LinkJiraRequest,
        LogTimeRequest,
        UpdateTaskRequest,
    )

    desk = container().task_desk
    try:
        desk.create_project(CreateProjectRequest.model_validate(PROJECT), MANAGER)
    except Conflict:
        return  # loaded before (state kept from an earlier run)
    desk.link_jira(PROJECT["key"], LinkJiraRequest(jira_project=JIRA_PROJECT))
    today = datetime.now(UTC).date()
    for title, moves, minutes, due_in, result in TASKS:
        due = today + timedelta(days=due_in) if due_in is not None else None
        request = {"project": "ACME", "title": title, "assignee": DEVELOPER, "due": due}
        request["estimate_minutes"] = 240
        task = desk.create_task(CreateTaskRequest.model_validate(request), MANAGER)
        if minutes:
            desk.log_time(task.id, LogTimeRequest(minutes=minutes, billable=True), DEVELOPER)
        for status in moves:
            desk.change(task.id, UpdateTaskRequest.model_validate({"status": status}), DEVELOPER)
        if result:
            desk.change(task.id, UpdateTaskRequest.model_validate({"result": result}), MANAGER)
