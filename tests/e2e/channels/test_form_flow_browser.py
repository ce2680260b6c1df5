"""Issue 23's form path in Chromium on the local stack: a visitor on the demo company's own site
(company.localhost, another origin) sends the embedded quote form; the ticket appears in the console with its
channel; the agent answers by mail; the sender's confirmation link verifies the ticket. Screenshots:
tests/.artifacts (or docs/screenshots with HELPDESK_SCREENSHOTS=1)."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest

from tests.e2e.commerce.test_commerce_browser import sign_in
from tests.e2e.tickets.test_issue6_flow_browser import Pages, shot
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def test_a_visitor_sends_the_quote_form_from_another_site_and_the_agent_answers_by_mail(
    local: LocalProcess,
    chromium: Any,
) -> None:
    word = f"parquet{uuid.uuid4().hex[:6]}"
    visitor = f"dana-{word}@northwind.example"
    pages = Pages(chromium, local)
    site = pages.open("company")
    site.wait_for_selector(".helpdesk-form h3 >> text=Quote request")
    site.fill("input[name=name]", "Dana Scully")
    site.fill("input[name=email]", visitor)
    # typed like a person (the form refuses answers sent faster than a person can write them)
    site.locator("textarea[name=message]").press_sequentially(
        f"Oak {word} floor for 40 m2, please quote.", delay=90
    )
    site.get_by_role("button", name="Send").click()
    done = site.wait_for_selector(".helpdesk-done")
    reference = re.search(r"F-[0-9A-F]{12}", done.inner_text()).group(0)
    shot(site, "form-1-company-site-sent")

    token = local.token("anna@helpdesk.localhost")

    def ticket() -> dict | None:
        _, page = local.api("console", "GET", "/tickets?limit=100", token)
        return next((t for t in page["items"] if visitor in t["participants"]), None)

    found = local.wait_for(ticket, timeout=60)
    assert found["mailbox"] == "sales" and "unverified" in found["tags"]

    console = pages.open("console", f"/tickets/{found['id']}")
    sign_in(console, "anna@helpdesk.localhost")
    message = console.wait_for_selector(f"article.message.inbound:has-text('{word}')")
    assert "Web form" in message.inner_text() and "Your name: Dana Scully" in message.inner_text()
    console.keyboard.press("r")
    console.fill("#composer-text", f"Thank you: the {word} floor is 2,400 EUR, fitted.")
    console.get_by_role("button", name="Send reply").click()
    console.wait_for_selector("article.message.outbound:has-text('2,400 EUR')")
    shot(console, "form-2-console-ticket-answered")

    def mails() -> list[dict]:
        return local.json("mail", "GET", f"/api/messages?to={visitor}")[1]

    answer = local.wait_for(lambda: next((m for m in mails() if "2,400 EUR" in m["text"]), None), timeout=60)
    assert found["number"] in {k.lower(): v for k, v in answer["headers"].items()}["subject"]
    confirmation = next(m for m in mails() if reference in m["text"])
    link = re.search(r"http://\S+/api/forms/confirm/\S+", confirmation["text"]).group(0)
    confirmed = pages.open("shop")
    confirmed.goto(link)
    confirmed.wait_for_selector("text=your address is confirmed")
    _, after = local.api("console", "GET", f"/tickets/{found['id']}", token)
    assert "unverified" not in after["ticket"]["tags"]
    assert pages.errors == []
