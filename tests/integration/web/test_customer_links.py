"""Customers and organisations lead to their pages from every place the console names them: inbox rows, search
results, license pages, project boards and task pages (against the stub staff API)."""

from __future__ import annotations

from typing import Any

import pytest
from helpdesk.tickets.public import customer_id_for

from tests.support.web_console_fixtures import ALL_SECTIONS
from tests.support.web_stub import WebStub

pytestmark = [pytest.mark.browser, pytest.mark.integration]

PROJECT = {
    "key": "ACME",
    "name": "Acme web shop",
    "organisation": "org-acme",
    "statuses": [{"name": "todo", "category": "todo"}, {"name": "done", "category": "done"}],
}
TASK = {
    "id": "k-1",
    "key": "ACME-1",
    "project": "ACME",
    "title": "Move the shop",
    "status": "todo",
    "assignee": None,
    "due": None,
    "priority": "normal",
    "description": "",
    "time": [],
    "comments": [],
    "history": [],
    "logged_minutes": 0,
}


def test_an_inbox_row_names_the_customer_and_organisation_as_links(tab: Any, stub: WebStub) -> None:
    carla = {"id": "c-1", "name": "Carla Customer", "email": "carla@shop.example", "organisation": None}
    carla |= {"tickets": [], "orders": [], "licenses": [], "invoices": [], "blocked": False}
    stub.route("console", "GET", "/customers/c-1", lambda r: (200, carla))
    page = tab.open("console", "/", ".list-row")
    first = page.locator(".inbox-item").first
    customer = first.locator("a.customer-link")
    assert customer.get_attribute("href") == "#/customers/c-1"
    assert first.locator("a.organisation-link").get_attribute("href") == "#/organisations/o-1"
    tab.allowed.append("404")  # the stub keeps no time log: the page says so and shows the rest
    customer.click()
    page.wait_for_selector("#customer-name:has-text('Carla Customer')")


def test_search_results_lead_to_customer_and_organisation_pages(tab: Any, stub: WebStub) -> None:
    hits = [
        {
            "id": "c-9",
            "type": "customer",
            "title": "Carla",
            "snippet_html": "",
            "customer_id": "c-9",
            "score": 1,
        },
        {"id": "o-9", "type": "organisation", "title": "Acme", "snippet_html": "", "score": 1},
    ]
    stub.route("console", "GET", "/search", lambda r: (200, {"hits": hits, "total": 2}), first=True)
    page = tab.open("console", "/search?q=acme", ".list-row")
    rows = page.locator(".list-row")
    assert [rows.nth(i).get_attribute("href") for i in range(2)] == ["#/customers/c-9", "#/organisations/o-9"]


def test_a_license_page_links_its_customer(tab: Any) -> None:
    page = tab.open("console", "/licenses/lic-1", ".license-key")  # Carla's
    customer = page.locator("#lic-holder")
    assert customer.get_attribute("href") == f"#/customers/{customer_id_for('carla@shop.example')}"


def test_a_board_and_a_task_page_link_the_client_organisation(tab: Any, stub: WebStub, apis: Any) -> None:
    apis.console.me["sections"] = [*ALL_SECTIONS, "projects"]
    stub.route("console", "GET", "/projects/ACME", lambda r: (200, PROJECT))
    stub.route("console", "GET", "/tasks", lambda r: (200, {"items": [TASK]}))
    stub.route("console", "GET", "/tasks/k-1", lambda r: (200, TASK))
    page = tab.open("console", "/projects/ACME", ".board")
    assert page.get_attribute("main a.organisation-link", "href") == "#/organisations/org-acme"
    page = tab.open("console", "/tasks/k-1", "#task-organisation a.organisation-link")
    assert page.get_attribute("#task-organisation a", "href") == "#/organisations/org-acme"
