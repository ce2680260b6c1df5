"""A stored task becomes a staff-only search document: found by its key, title and description."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from helpdesk.kernel.adapters.dynamo_table import item_model
from helpdesk.search.services.mapping import document_from_item
from helpdesk.tasks.adapters.dynamo_tasks import DynamoTasks
from helpdesk.tasks.model.task import Task

pytestmark = pytest.mark.unit


def test_the_stored_task_item_maps_to_a_task_document() -> None:
    task = Task("t1", "ACME-7", "ACME", 7, "Coupon ignored in cart", "in_progress", "anna@x",
                datetime(2026, 12, 1, tzinfo=UTC), description="Totals skip the coupon", ticket_ids=("tk-9",),
                assignee="dev@agency.example")  # fmt: skip
    item = DynamoTasks(item_model("helpdesk", "eu-central-1"))._item(task)
    document = document_from_item(item.attribute_values)
    assert document is not None and document.type.value == "task" and document.id == "t1"
    assert "ACME-7" in document.title and "Coupon" in document.title and "coupon" in document.body
    assert (document.ticket_id, document.status, document.assignee) == (
        "tk-9",
        "in_progress",
        "dev@agency.example",
    )
    assert document.internal  # staff only: the cabinet's search never shows tasks
