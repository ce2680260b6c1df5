"""The console's admin page in Chromium against the stub staff API (answered by the real desk set-up):
invite, re-role and deactivate staff, build teams, and give mailboxes their assignment rule."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.web_admin_fixtures import AdminApi
from tests.support.web_console_fixtures import ALL_SECTIONS
from tests.support.web_sla_fixtures import SlaAdminApi
from tests.support.web_stub import WebStub

pytestmark = [pytest.mark.browser, pytest.mark.integration]


@pytest.fixture
def admin(stub: WebStub, apis: Any) -> Iterator[AdminApi]:
    apis.console.me["sections"] = [*ALL_SECTIONS, "admin"]
    api = AdminApi()
    api.install(stub)
    SlaAdminApi(api).install(stub)  # the page's SLA part (tests/integration/web/test_admin_sla_pages.py)
    yield api


def rotation(page: Any, mailbox: str) -> str:
    return str(page.inner_text(f"#mailbox-{mailbox}-rotation"))


def settle_and_shoot(view: Any) -> None:
    view.page.wait_for_selector(".toast", state="detached")
    view.page.evaluate("window.scrollTo(0, 0)")  # a full-page shot of a scrolled page draws the bar mid-page
    view.shoot("admin-page")


def test_an_admin_invites_deactivates_and_sets_up_teams_and_mailboxes(tab: Any, admin: AdminApi) -> None:
    page = tab.open("console", "/admin", "#invite-form")
    assert page.get_attribute(".topnav a[data-section=admin]", "aria-current") == "page"
    assert rotation(page, "support") == "In turn: Ada Staff, Bob Backup"
    tab.allowed.append("422")  # the refused invitation, said on the page
    page.uncheck("#invite-role-manager")
    page.fill("#invite-name", "Nina Night")
    page.fill("#invite-email", "nina@agency.example")
    page.click("#invite-form button[type=submit]")
    page.wait_for_selector("#invite-error:has-text('choose one or more roles')")
    page.check("#invite-role-developer")
    page.click("#invite-form button[type=submit]")
    page.wait_for_selector("#staff-nina-agency-example-role-developer:checked")
    assert [(m.email, m.roles) for m in admin.accounts.accounts() if m.name == "Nina Night"] == [
        ("nina@agency.example", ("developer",))
    ]

    page.click("#staff-bob-agency-example-active")  # Bob leaves: out of the team and its rotation
    page.wait_for_selector("#staff-bob-agency-example-active:has-text('Reactivate')")
    assert "Deactivated" in page.inner_text("tr.inactive")
    page.wait_for_function(
        "() => document.querySelector('#mailbox-support-rotation').textContent === 'In turn: Ada Staff'"
    )
    assert page.locator("#team-support-member-bob-agency-example").count() == 0

    page.fill("#team-new-name", "Sales")
    assert page.locator("#team-new-member-oleg-agency-example").count() == 0  # ops opens no tickets
    page.check("#team-new-member-ada-agency-example")
    page.click("#team-new button[type=submit]")
    page.wait_for_selector("#team-sales")
    page.select_option("#mailbox-support-team", "Sales")
    page.uncheck("#mailbox-support-sticky")
    # The rotation reads "Ada Staff" before and after, and a save re-draws every form once the lists are read
    # again: wait until the form about to be filled is the re-drawn one, or the re-draw would wipe its input.
    page.evaluate("document.querySelector('#mailbox-new').dataset.before = 'save'")
    with page.expect_response(lambda r: r.request.method == "PUT" and r.url.endswith("/api/admin/mailboxes")):
        page.click("#mailbox-support button[type=submit]")
    page.wait_for_function("() => !document.querySelector('#mailbox-new').dataset.before")
    assert page.text_content("#mailbox-support-rotation") == "In turn: Ada Staff"
    [support] = admin.desk.mailboxes()
    assert (support.team, support.sticky, support.available) == ("Sales", False, ("ada@agency.example",))

    page.fill("#mailbox-new-name", "billing")
    page.select_option("#mailbox-new-rule", "manual")
    page.click("#mailbox-new button[type=submit]")
    page.wait_for_selector("#mailbox-billing-rotation:has-text('Nobody gets new tickets automatically')")
    settle_and_shoot(tab)


def test_the_admin_page_fits_a_phone(phone: Any, admin: AdminApi) -> None:
    page = phone.open("console", "/admin", "#invite-form")
    page.wait_for_selector("#mailbox-support-rotation")
    assert phone.overflow() == 0
    settle_and_shoot(phone)


def test_other_roles_see_no_admin_section(tab: Any, apis: Any) -> None:
    apis.console.me["sections"] = ["inbox", "search"]
    page = tab.open("console", "/admin", "main .state")
    assert page.is_hidden(".topnav a[data-section=admin]")
    assert "Not available for your role" in page.inner_text("main")
