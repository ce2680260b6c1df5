"""Macros managed in the console (issue 17): the agent makes one that also sets priority and assignee, edits
a macro they may change and deletes one; macros they may only apply are not offered for editing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.web_console_fixtures import BOB
from tests.support.web_stub import ApiRequest, WebStub

pytestmark = [pytest.mark.browser, pytest.mark.integration]


class StubMacros:
    """The staff API's macro routes over a dict: what the console sent is what it reads back."""

    def __init__(self) -> None:
        nothing: dict[str, Any] = {"status": None, "priority": None, "tags": None, "assignee": None}
        self.items = {
            "m-team": {
                "id": "m-team",
                "name": "Team reply",
                "text": "Hello",
                "set": nothing,
                "translations": {"de": "Hallo"},
                "shared": True,
                "editable": True,
            },
            "m-boss": {
                "id": "m-boss",
                "name": "Boss's words",
                "text": "No",
                "set": nothing,
                "translations": {},
                "shared": True,
                "editable": False,
            },
        }

    def install(self, stub: WebStub) -> None:
        stub.route(
            "console", "GET", "/macros", lambda r: (200, {"items": list(self.items.values())}), first=True
        )
        stub.route("console", "POST", "/macros", self.create, first=True)
        stub.route("console", "PUT", "/macros/(?P<mid>[^/]+)", self.update, first=True)
        stub.route("console", "DELETE", "/macros/(?P<mid>[^/]+)", self.delete, first=True)

    def create(self, request: ApiRequest) -> tuple[int, Any]:
        macro = {**request.body, "id": f"m-{len(self.items)}", "editable": True}
        self.items[macro["id"]] = macro
        return 200, macro

    def update(self, request: ApiRequest, mid: str) -> tuple[int, Any]:
        self.items[mid] = {**request.body, "id": mid, "editable": True}
        return 200, self.items[mid]

    def delete(self, request: ApiRequest, mid: str) -> tuple[int, Any]:
        del self.items[mid]
        return 200, {"deleted": True}


def test_an_agent_makes_edits_and_deletes_macros_in_the_composer(tab, stub):
    macros = StubMacros()
    macros.install(stub)
    page = tab.open("console", "/tickets/t-1", "#macro-select")
    page.locator("#macro-select option:text('Team reply')").wait_for(state="attached")
    page.click(".macro-new summary")
    rows = page.locator(".macro-row")
    rows.first.wait_for()
    assert rows.locator("span").all_inner_texts() == ["Team reply"]  # not Boss's words: only applied

    page.locator(f"#macro-assignee option[value='{BOB}']").wait_for(state="attached")
    page.fill("#macro-name", "Escalate")
    page.fill("#macro-text", "We passed it on, {{customer.name}}.")
    page.fill("#macro-text-ru", "Мы передали дальше, {{customer.name}}.")
    page.select_option("#macro-priority", "high")
    page.select_option("#macro-assignee", BOB)
    page.get_by_role("button", name="Save macro").click()
    page.wait_for_selector(".macro-row:has-text('Escalate')")
    (created,) = stub.calls("console", "POST", "/macros")
    assert created.body["set"] == {"priority": "high", "assignee": BOB}
    assert created.body["translations"] == {"ru": "Мы передали дальше, {{customer.name}}."}

    page.locator(".macro-row:has-text('Team reply')").get_by_role("button", name="Edit").click()
    page.wait_for_selector("#macro-form-title:text('Editing “Team reply”')")
    assert page.input_value("#macro-name") == "Team reply" and page.input_value("#macro-text") == "Hello"
    page.fill("#macro-text", "Hello again")
    page.select_option("#macro-status", "solved")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_selector("#macro-form-title:text('New macro')")
    (changed,) = stub.calls("console", "PUT", "/macros/m-team")
    assert (changed.body["text"], changed.body["set"]) == ("Hello again", {"status": "solved"})
    assert changed.body["translations"] == {"de": "Hallo"}  # kept as it was: only Russian is edited here

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".macro-row:has-text('Escalate')").get_by_role("button", name="Delete").click()
    page.locator(".macro-row:has-text('Escalate')").wait_for(state="detached")
    page.locator("#macro-select option:text('Escalate')").wait_for(state="detached")
    assert len(stub.calls("console", "DELETE", "/macros/m-2")) == 1


def test_the_macro_manager_fits_a_phone(phone, stub):
    StubMacros().install(stub)
    page = phone.open("console", "/tickets/t-1", "#macro-select")
    page.click(".macro-new summary")
    page.locator(".macro-row").get_by_role("button", name="Edit").click()
    page.wait_for_selector("#macro-form-title:text('Editing “Team reply”')")
    page.locator(f"#macro-assignee option[value='{BOB}']").wait_for(state="attached")
    assert phone.overflow() == 0
    assert page.locator("#macro-status").bounding_box()["height"] < 60  # a one-line picker, not a tall box
    page.evaluate("window.scrollTo(0, 0)")  # a full-page shot of a scrolled page draws the bar mid-page
    phone.settled()
    phone.shoot("desk-macros")
