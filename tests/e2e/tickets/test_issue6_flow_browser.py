"""Issue 6's whole path in Chromium on the local stack: an SMTP mail opens a ticket; a staff member signs in
to the console (SSO), finds it in the inbox with the keyboard, replies with an attachment; the customer signs
in to the cabinet, reads the reply and answers; the console tells the staff member and shows it reopened.
Any console error on any page fails the test. Screenshots: tests/.artifacts, or docs/screenshots with
HELPDESK_SCREENSHOTS=1."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.e2e.commerce.test_commerce_browser import sign_in
from tests.e2e.tickets.test_mail_to_ticket import send
from tests.support.local_process import LocalProcess
from tests.support.screenshots import SHOTS

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


class Pages:
    """Browser contexts that record every console error and uncaught exception of their pages."""

    def __init__(self, browser: Any, local: LocalProcess) -> None:
        self._browser, self._local, self.errors = browser, local, []
        self.refused: list[str] = []

    def open(self, site: str, path: str = "/", width: int = 1280) -> Any:
        context = self._browser.new_context(viewport={"width": width, "height": 860})
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"{site}: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(f"{site}: {e}"))
        # Chromium's console line names no address: these say which request was refused, for failure messages.
        page.on("response", self._note_refused)
        page.goto(self.url(site, path))
        return page

    def _note_refused(self, response: Any) -> None:
        if response.status >= 400:
            self.refused.append(f"HTTP {response.status} {response.request.method} {response.url}")

    def url(self, site: str, path: str = "/") -> str:
        return f"http://{site}.localhost:{self._local.http_port}/#{path}"


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate(
        "window.scrollTo(0, 0)"
    )  # a full-page shot of a scrolled page draws the sticky bar mid-page
    page.screenshot(path=str(SHOTS / f"flow-{name}.png"), full_page=True)


def test_mail_ticket_staff_reply_customer_answer_reopens_it(local: LocalProcess, chromium: Any) -> None:
    word = f"flux{uuid.uuid4().hex[:6]}"
    subject = f"Export stops at 99 % ({word})"
    send(
        local, "alice@acme.example", subject, "Hello,\n\nthe product export stops at 99 %. Any idea?\n\nAlice"
    )
    staff_token = local.token("anna@helpdesk.localhost")
    local.wait_for(
        lambda: local.api("console", "GET", f"/search?q={word}", staff_token)[1]["hits"], timeout=60
    )
    pages = Pages(chromium, local)

    console = pages.open("console")
    sign_in(console, "anna@helpdesk.localhost")
    console.wait_for_selector(".list-row")
    console.locator("nav.sidebar a", has_text="New").first.click()  # the "New" status view
    console.wait_for_selector(f".list-row:has-text('{word}')")
    shot(console, "1-console-inbox-new")
    for _ in range(50):  # j moves down the list until our ticket is selected, Enter opens it
        console.keyboard.press("j")
        if word in console.inner_text(".list-row.selected"):
            break
    console.keyboard.press("Enter")
    console.wait_for_selector("#ticket-title")
    assert word in console.inner_text("#ticket-title")
    assert "alice@acme.example" in console.inner_text(".side")  # the customer panel

    console.keyboard.press("r")
    console.fill("#composer-text", "The export needs more memory: the steps are in the attached note.")
    console.set_input_files(
        "#composer-files",
        {
            "name": "export-steps.txt",
            "mimeType": "text/plain",
            "buffer": b"1. raise memory_limit\n2. retry\n",
        },
    )
    console.get_by_role("button", name="Send reply").click()
    reply = console.wait_for_selector("article.message.outbound:has-text('needs more memory')")
    assert "export-steps.txt" in reply.inner_text()
    console.select_option("#status", "pending")  # waiting for the customer
    console.wait_for_selector(".ticket-head .badge-pending")
    shot(console, "2-console-ticket-replied")

    cabinet = pages.open("cabinet")
    sign_in(cabinet, "alice@acme.example")
    cabinet.wait_for_selector(f".list-row:has-text('{word}')")
    shot(cabinet, "3-cabinet-tickets")
    assert "Waiting for you" in cabinet.inner_text(f".list-row:has-text('{word}')")
    cabinet.click(f".list-row:has-text('{word}')")
    reply = cabinet.wait_for_selector("article.message:has-text('needs more memory')")
    assert "export-steps.txt" in reply.inner_text()
    cabinet.fill("#reply-text", "Thanks, that worked for the export. One more thing: can it run nightly?")
    cabinet.get_by_role("button", name="Send reply").click()
    cabinet.wait_for_selector("article.message:has-text('run nightly')")
    shot(cabinet, "4-cabinet-answered")

    notice = console.wait_for_selector("text=replied while you were reading this ticket")
    assert notice.inner_text().startswith("alice@acme.example replied")
    shot(console, "5-console-someone-else-replied")
    console.get_by_role("button", name="Show the new activity").click()
    console.wait_for_selector("article.message.inbound:has-text('run nightly')")
    assert console.inner_text(".ticket-head .badge-open") == "Open"  # reopened by the customer's answer
    shot(console, "6-console-reopened")

    console.goto(pages.url("console", "/?status=open"))
    console.wait_for_selector(f".list-row:has-text('{word}')")
    assert pages.errors == []


def test_a_colleague_sees_and_finds_the_organisations_mail_ticket_another_organisation_does_not(
    local: LocalProcess,
    chromium: Any,
) -> None:
    word = f"quux{uuid.uuid4().hex[:6]}"
    send(
        local,
        "alice@acme.example",
        f"Invoice address ({word})",
        f"Please send invoices to our new address {word}.",
    )
    staff_token = local.token("anna@helpdesk.localhost")
    local.wait_for(
        lambda: local.api("console", "GET", f"/search?q={word}", staff_token)[1]["hits"], timeout=60
    )
    pages = Pages(chromium, local)

    carol = pages.open("cabinet")
    sign_in(carol, "carol@acme.example")  # Alice's colleague: same organisation, another address
    carol.wait_for_selector(f".list-row:has-text('{word}')")
    carol.fill("#ticket-search", word)
    carol.keyboard.press("Enter")
    carol.wait_for_selector(f"ul[aria-label='Tickets matching {word}'] .list-row")
    shot(carol, "7-cabinet-colleague-search")
    carol.click(f".list-row:has-text('{word}')")
    carol.wait_for_selector(f"article.message:has-text('new address {word}')")

    bob = pages.open("cabinet")
    sign_in(bob, "bob@globex.example")
    bob.wait_for_selector("ul[aria-label='Your tickets'] .list-row")
    assert word not in bob.inner_text("main")
    bob.fill("#ticket-search", word)
    bob.keyboard.press("Enter")
    bob.wait_for_selector("text=Nothing found")

    hits = local.api("cabinet", "GET", f"/search?q={word}", local.token("carol@acme.example"))[1]["hits"]
    assert {h["type"] for h in hits} == {"ticket", "message"}  # the ticket and its mail
    assert (
        local.api("cabinet", "GET", f"/search?q={word}", local.token("bob@globex.example"))[1]["hits"] == []
    )
    assert pages.errors == []
