"""Tasks on the console's customer and organisation pages, in Chromium on the local stack (issue 17): the
customer's page lists the tasks made from their tickets, the organisation's page every task of its projects,
each a link to the task (also at 390 px). Screenshots: docs/screenshots (desk-party-tasks-*)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.e2e.commerce.test_commerce_browser import sign_in
from tests.e2e.tickets.test_issue6_flow_browser import Pages
from tests.e2e.tickets.test_mail_to_ticket import mailed_ticket
from tests.support.local_process import LocalProcess
from tests.support.screenshots import SHOTS

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
ANNA = "anna@helpdesk.localhost"


def test_customer_and_organisation_pages_link_their_tasks(local: LocalProcess, chromium: Any) -> None:
    word = f"party{uuid.uuid4().hex[:6]}"
    key = "P" + uuid.uuid4().hex[:5].upper()
    anna = local.token(ANNA)
    text = "Hello,\n\nthe export stops.\n\nOlga"
    ticket = mailed_ticket(local, anna, word, f"olga@{word}.example", f"Export broken ({word})", text)
    organisation, customer = ticket["organisation_id"], ticket["customer_id"]
    project = {"key": key, "name": f"Shop of {word}", "organisation": organisation}
    assert local.api("console", "POST", "/projects", anna, project)[0] == 201
    made = {"project": key, "title": f"Fix the export {word}", "ticket_id": ticket["id"]}
    status, from_ticket = local.api("console", "POST", "/tasks", anna, made)
    assert status == 201, from_ticket
    status, planned = local.api(
        "console", "POST", "/tasks", anna, {"project": key, "title": "Plan the upgrade"}
    )
    assert status == 201, planned
    pages = Pages(chromium, local)

    page = pages.open("console", f"/customers/{customer}")
    sign_in(page, ANNA)
    page.wait_for_selector(f"#c-tasks-card a:has-text('{from_ticket['key']}')")
    assert planned["key"] not in page.inner_text("#c-tasks-card")  # not from one of the customer's tickets
    page.click(f"#c-tasks-card a:has-text('{from_ticket['key']}')")
    page.wait_for_selector(f"#task-title:has-text('{from_ticket['key']}')")
    assert f"Fix the export {word}" in page.inner_text("#task-title")

    phone = pages.open("console", f"/organisations/{organisation}", width=390)
    sign_in(phone, ANNA)
    phone.wait_for_selector(f"#o-tasks-card a:has-text('{planned['key']}')")
    assert from_ticket["key"] in phone.inner_text("#o-tasks-card")
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.evaluate("window.scrollTo(0, 0)")  # a full-page shot of a scrolled page draws the bar mid-page
    phone.screenshot(path=str(SHOTS / "desk-party-tasks-390.png"), full_page=True)
    phone.click(f"#o-tasks-card a:has-text('{planned['key']}')")
    phone.wait_for_selector(f"#task-title:has-text('{planned['key']}')")
    assert pages.errors == []
