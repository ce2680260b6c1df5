"""The hourly deadlines function on template.yaml's resources: an overdue task is mailed to its project's
manager once; each developer gets one digest a day of what is overdue or due soon."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.integration.commerce.conftest import sent_mail
from tests.support.lambdas import invoke, sample_event
from tests.support.template_stack import TemplateStack

from .conftest import staff, staffed_stack

pytestmark = pytest.mark.integration
ANNA, DIMA = "anna@agency.example", "dima@agency.example"


@pytest.fixture
def desk(monkeypatch: pytest.MonkeyPatch) -> Iterator[TemplateStack]:
    monkeypatch.setenv("TASK_DIGEST_HOUR_UTC", "0")  # whatever the hour the test runs at, the digest is due
    yield from staffed_stack(monkeypatch, {})


def task(title: str, due_in_days: int, assignee: str | None = DIMA) -> dict[str, Any]:
    due = (datetime.now(UTC).date() + timedelta(days=due_in_days)).isoformat()
    answer = staff("POST", "/tasks", {"project": "ACME", "title": title, "due": due, "assignee": assignee})
    assert answer.status == 201
    return answer.body  # type: ignore[no-any-return]


def run() -> dict[str, int]:
    return invoke("TaskDeadlinesFunction", sample_event("housekeeping/schedule.json"))  # type: ignore[no-any-return]


def subjects(to: str) -> list[str]:
    return [m.subject for m in sent_mail(to)]


def test_overdue_tasks_reach_the_manager_once_and_developers_get_one_digest(desk) -> None:
    project = staff("POST", "/projects", {"key": "ACME", "name": "Acme shop", "organisation": "org-acme"})
    assert project.body["manager"] == ANNA
    late = task("Coupon ignored", -2)
    task("Export CSV", 2)
    task("Dark mode", 30)
    done = task("VAT number", -5)
    for status in ("in_progress", "review", "done"):
        staff("PATCH", "/tasks/{task_id}", {"status": status}, task_id=done["id"])

    assert run() == {"overdue_notices": 1, "digests": 1}
    assert subjects(ANNA) == ["Overdue: ACME-1 Coupon ignored"]
    [digest] = sent_mail(DIMA)
    assert digest.subject.endswith(": 1 overdue, 1 due soon")
    assert "ACME-1 Coupon ignored: overdue by 2 working day(s)" in digest.body
    assert "ACME-2 Export CSV: due in 2 working day(s)" in digest.body
    assert "Dark mode" not in digest.body and "1 more open task(s)" in digest.body
    assert "VAT number" not in digest.body

    assert run() == {"overdue_notices": 0, "digests": 0}  # the next hour: nothing twice
    assert len(sent_mail(ANNA)) == 1 and len(sent_mail(DIMA)) == 1

    moved = (datetime.now(UTC).date() - timedelta(days=1)).isoformat()
    staff("PATCH", "/tasks/{task_id}", {"due": moved}, task_id=late["id"])
    assert run()["overdue_notices"] == 1  # a new due date missed is a new notice
