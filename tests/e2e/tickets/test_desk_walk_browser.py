"""One agent's walk through the desk in Chromium on the local stack (issue 17), each step as a person does it:
snooze a ticket and see it leave the open view and come back when the SLA sweep wakes it; reply with "then
open the next ticket" and land on the next one of the view; forward it to a partner and read the mail in the
mail viewer; solve it, and the customer's one-click rating from the solved mail shows on the ticket page.
The sweep that wakes the ticket is the SLA sweep's next minutely tick on AWS (EventBridge); here the local
stack's schedules.localhost brings one tick to the moment the snooze ends, so the walk waits for the snooze,
not for the rest of a minute. Screenshots: docs/screenshots (flow-desk-walk-*)."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest

from tests.e2e.commerce.test_commerce_browser import sign_in
from tests.e2e.tickets.test_issue6_flow_browser import Pages, shot
from tests.e2e.tickets.test_mail_to_ticket import send
from tests.support.local_process import LocalProcess
from tests.support.patience import bound

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
ANNA = "anna@helpdesk.localhost"
# Long enough for the ticket to be seen gone from the open view before the snooze ends, even on a loaded run
# (the sweep's tick comes exactly then: a shorter snooze would race the check).
SNOOZE_SECONDS = 20
# A datetime-local value this many seconds ahead in the browser's own zone (never on a whole minute, which
# the field would shorten to HH:MM).
SOON = """(seconds) => {
  const d = new Date(Date.now() + seconds * 1000);
  if (d.getSeconds() === 0) d.setSeconds(1);
  const p = (n) => String(n).padStart(2, "0");
  const day = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  return `${day}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}"""


def mails_to(local: LocalProcess, address: str) -> list[dict[str, Any]]:
    return local.json("mail", "GET", f"/api/messages?to={address}")[1]


def test_snooze_next_ticket_forward_and_csat_in_one_walk(local: LocalProcess, chromium: Any) -> None:
    word = f"walk{uuid.uuid4().hex[:6]}"
    customer, partner = f"kim@{word}.example", f"hoster@{word}.example"
    for n in ("one", "two", "three"):
        send(local, customer, f"Walk {n} ({word})", f"Hello, problem {n}.")
    token = local.token(ANNA)

    def tickets() -> list[str] | None:
        hits = local.api("console", "GET", f"/search?q={word}", token)[1]["hits"]
        found = sorted({h["ticket_id"] for h in hits if h.get("ticket_id")})
        return found if len(found) == 3 else None

    ids = local.wait_for(tickets, timeout=60)
    bulk = {"ids": ids, "set": {"status": "open"}, "add_tags": [word]}
    changed = local.api("console", "POST", "/tickets/bulk", token, bulk)[1]
    assert changed["changed"] == 3
    subjects = {r["id"]: r["ticket"]["subject"] for r in changed["results"]}  # the bulk answer's tickets
    assert sorted(subjects) == ids
    pages = Pages(chromium, local)
    page = pages.open("console", f"/?status=open&tag={word}")
    sign_in(page, ANNA)
    rows = ".list-row"
    page.wait_for_function(f"() => document.querySelectorAll('{rows}').length === 3")

    # Snooze: the ticket leaves the open view, and comes back when the sweep wakes it.
    snoozed = page.get_attribute(rows, "data-id")
    page.click(f"{rows}[data-id='{snoozed}']")
    page.wait_for_selector(f"#ticket-title:has-text('{subjects[snoozed]}')")
    page.click(".snooze summary")
    page.fill("#snooze-until", page.evaluate(SOON, SNOOZE_SECONDS))
    page.get_by_role("button", name="Snooze", exact=True).click()
    page.wait_for_selector(".ticket-head .badge-pending")
    until = local.api("console", "GET", f"/tickets/{snoozed}", token)[1]["ticket"]["snoozed_until"]
    local.tick("SlaSweepFunction", at=until)  # the sweep's tick as the snooze ends
    page.go_back()
    page.wait_for_function(f"() => document.querySelectorAll('{rows}').length === 2")
    assert page.query_selector(f"{rows}[data-id='{snoozed}']") is None
    shot(page, "desk-walk-1-snoozed-left")
    page.wait_for_selector(f"{rows}[data-id='{snoozed}']", timeout=bound(150) * 1000)  # the live inbox
    assert page.locator(rows).count() == 3
    shot(page, "desk-walk-2-woken-back")

    # Next ticket: a reply with "then open the next ticket" lands on the next ticket of this view.
    order = page.eval_on_selector_all(rows, "(links) => links.map((a) => a.dataset.id)")
    page.click(f"{rows}[data-id='{order[0]}']")
    page.wait_for_selector(f"#ticket-title:has-text('{subjects[order[0]]}')")
    page.check("#composer-next")
    page.fill("#composer-text", f"Fixed on our side ({word}).")
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_selector(f"#ticket-title:has-text('{subjects[order[1]]}')")
    current = order[1]

    # Forward: the partner's mail shows in the local mail viewer.
    page.click(".forward summary")
    page.fill("#forward-to", partner)
    page.fill("#forward-note", f"Could you check the firewall? ({word})")
    page.get_by_role("button", name="Forward", exact=True).click()
    page.wait_for_selector(f"text=Forwarded to {partner}")
    local.wait_for(lambda: mails_to(local, partner), timeout=60)
    viewer = pages.open("mail", "/")
    viewer.click(f"tr:has-text('{partner}') a")
    viewer.wait_for_selector(f"pre:has-text('Could you check the firewall? ({word})')")
    assert subjects[current] in viewer.inner_text("h2")

    # CSAT: solving mails the customer a survey; its "good" link records the rating the ticket page shows.
    page.select_option("#status", "solved")
    page.wait_for_selector(".ticket-head .badge-solved")

    def rating_link() -> str | None:
        for mail in mails_to(local, customer):
            found = re.search(r"https?://\S+/rate\.html#t=[^\s&]+&r=good", mail["text"])
            if found and subjects[current] in mail["subject"]:
                return found.group(0)
        return None

    link = local.wait_for(rating_link, timeout=60)
    survey = pages.open("cabinet", "/")
    survey.goto(link)
    survey.wait_for_selector("#csat-thanks")
    survey.fill("#csat-comment", f"Quick and kind ({word})")
    survey.get_by_role("button", name="Send comment").click()
    survey.wait_for_selector(f"#csat-said:has-text('Quick and kind ({word})')")
    page.reload()
    card = page.wait_for_selector("#csat-card:has-text('Good')")
    assert f"Quick and kind ({word})" in card.inner_text()
    shot(page, "desk-walk-3-rated")
    assert pages.errors == []
