"""Issue 17's composer in Chromium on the local stack, two agents in two browser contexts: each sees the other
on the ticket (viewing, then replying) within 5 s; Anna saves a macro and sends it with "Send and pending";
Boris, who loaded the ticket before, is refused with Anna's answer shown and sends only when he confirms.
Screenshots: tests/.artifacts/screenshots, or docs/screenshots with HELPDESK_SCREENSHOTS=1."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.e2e.commerce.test_commerce_browser import sign_in
from tests.e2e.tickets.test_issue6_flow_browser import Pages
from tests.e2e.tickets.test_mail_to_ticket import send
from tests.support.local_process import LocalProcess
from tests.support.patience import bound
from tests.support.screenshots import SHOTS

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
# The issue's 5 s on a quiet machine; a loaded test run scales every wait (speed is for benchmarks).
PRESENCE_WITHIN_MS = int(bound(5) * 1000)


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    width = page.viewport_size["width"]
    page.screenshot(path=str(SHOTS / f"desk-composer-{name}-{width}.png"), full_page=True)


def mailed_ticket(local: LocalProcess, word: str) -> str:
    send(local, "alice@acme.example", f"License key lost ({word})", f"I lost my license key {word}. Alice")
    token = local.token("anna@helpdesk.localhost")

    def found() -> str | None:
        hits = local.api("console", "GET", f"/search?q={word}", token)[1]["hits"]
        return next((h["ticket_id"] for h in hits if h.get("ticket_id")), None)

    return str(local.wait_for(found, timeout=60))


def open_ticket(pages: Pages, email: str, ticket_id: str, width: int = 1280) -> Any:
    """The ticket's own address, signed in on the way (the sign-in returns to it): no inbox load first."""
    page = pages.open("console", f"/tickets/{ticket_id}", width=width)
    sign_in(page, email)
    page.wait_for_selector("#composer-text")
    return page


def test_two_agents_see_each_other_and_the_second_reply_needs_confirming(
    local: LocalProcess,
    chromium: Any,
) -> None:
    word = f"keyz{uuid.uuid4().hex[:6]}"
    ticket_id = mailed_ticket(local, word)
    pages = Pages(chromium, local)
    anna = open_ticket(pages, "anna@helpdesk.localhost", ticket_id)
    boris = open_ticket(pages, "boris@helpdesk.localhost", ticket_id)

    anna.wait_for_selector("#presence :text('Boris Manager is viewing')", timeout=PRESENCE_WITHIN_MS)
    boris.wait_for_selector("#presence :text('Anna Manager is viewing')", timeout=PRESENCE_WITHIN_MS)
    boris.fill("#composer-text", "Boris: your key is in the cabinet.")
    anna.wait_for_selector(
        "#presence .presence-replying:text('Boris Manager is replying')", timeout=PRESENCE_WITHIN_MS
    )

    anna.click(".macro-new summary")
    anna.fill("#macro-name", f"Key resend {word}")
    anna.fill(
        "#macro-text",
        "Hello {{customer.name}}, about {{ticket.number}}: the key is in your cabinet. {{agent.name}}",
    )
    anna.fill("#macro-tags", "keys")
    anna.get_by_role("button", name="Save macro").click()
    anna.wait_for_selector(f"#macro-select option:text('Key resend {word}')", state="attached")
    anna.select_option("#macro-select", label=f"Key resend {word}")
    anna.wait_for_function(
        "() => document.querySelector('#composer-text').value.includes('the key is in your cabinet')"
    )
    text = anna.input_value("#composer-text")
    assert "{{" not in text and "HD-" in text and text.endswith("Anna Manager")
    anna.wait_for_selector(".side :text('keys')")  # the macro's tag is saved at once
    shot(anna, "1-macro-applied")
    anna.get_by_role("button", name="Send and pending").click()
    anna.wait_for_selector("article.message.outbound:has-text('the key is in your cabinet')")
    anna.wait_for_selector(".ticket-head .badge-pending")

    boris.get_by_role("button", name="Send reply").click()
    banner = boris.wait_for_selector(".collision-banner")
    assert "the key is in your cabinet" in banner.inner_text() and "Anna Manager" in banner.inner_text()
    shot(boris, "2-refused-second-reply")
    token = local.token("anna@helpdesk.localhost")
    messages = local.api("console", "GET", f"/tickets/{ticket_id}", token)[1]["messages"]
    assert [m["kind"] for m in messages].count("reply") == 1  # the customer got one answer so far
    boris.get_by_role("button", name="Send anyway").click()
    boris.wait_for_selector("article.message.outbound:has-text('Boris: your key is in the cabinet')")
    messages = local.api("console", "GET", f"/tickets/{ticket_id}", token)[1]["messages"]
    assert [m["kind"] for m in messages].count("reply") == 2

    phone = open_ticket(pages, "anna@helpdesk.localhost", ticket_id, width=390)
    phone.click(".copies summary")
    phone.wait_for_selector("#composer-cc")
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    shot(phone, "3-composer")
    # Chromium logs every 4xx answer as a console error: the one refused reply is the test's point.
    assert [e for e in pages.errors if "status of 409" not in e] == [], pages.refused
    assert len(pages.errors) <= 1
