"""The agent's desk in Chromium on the local stack (issue 17), two agents in two browser contexts: a mail
arriving shows in both open inboxes within 5 s with an "N new" banner and the unread count in the tab title;
one agent's bulk change shows in the other's inbox; spam holds the sender's next mail; views sort and save.
Screenshots go to docs/screenshots (desk-*)."""

from __future__ import annotations

import re
import time
import uuid
from typing import Any

import pytest

from tests.e2e.commerce.test_commerce_browser import sign_in
from tests.e2e.tickets.test_issue6_flow_browser import Pages, shot
from tests.e2e.tickets.test_mail_to_ticket import send
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
ANNA, BORIS = "anna@helpdesk.localhost", "boris@helpdesk.localhost"


def inbox(pages: Pages, who: str, width: int = 1280) -> Any:
    page = pages.open("console", "/", width)
    sign_in(page, who)
    page.wait_for_selector(".inbox-item, .state")
    return page


def row(page: Any, word: str) -> str:
    return f".inbox-item:has-text('{word}')"


def test_two_agents_see_a_new_mail_live_and_each_others_bulk_change(
    local: LocalProcess,
    chromium: Any,
) -> None:
    pages = Pages(chromium, local)
    anna, boris = inbox(pages, ANNA), inbox(pages, BORIS)
    word = f"live{uuid.uuid4().hex[:6]}"

    sent_at = time.monotonic()
    send(local, "alice@acme.example", f"Backup fails at night ({word})", "Hello, the nightly backup fails.")
    for page in (anna, boris):
        page.wait_for_selector(row(page, word))
    seen_after = time.monotonic() - sent_at  # mail ingest + the poll: what a person waits for
    for page in (anna, boris):
        page.wait_for_selector(".new-banner:has-text('new ticket')")
        assert "Unread" in page.inner_text(row(page, word))
        assert page.title().startswith("(")  # "(N) Helpdesk console"
    shot(anna, "desk-1-live-new-banner")

    # Anna selects the ticket and assigns it to Boris in bulk; Boris's open inbox shows it within 5 s.
    anna.check(f"{row(anna, word)} .pick")
    anna.wait_for_selector(".bulk-bar:has-text('1 selected')")
    shot(anna, "desk-2-bulk-bar")
    anna.select_option("#bulk-assignee", BORIS)
    anna.wait_for_selector(".toast:has-text('Assigned: 1 changed')")
    changed_at = time.monotonic()
    boris.wait_for_selector(f"{row(boris, word)} .avatar[title='Assigned to {BORIS}']", timeout=5_000)
    bulk_seen_after = time.monotonic() - changed_at
    assert bulk_seen_after < 5.5

    # Opening the ticket reads it: back in the inbox it is no longer unread for Boris, still for Anna.
    boris.click(f"{row(boris, word)} .list-row")
    boris.wait_for_selector("#ticket-title")
    boris.go_back()
    boris.wait_for_selector(row(boris, word))
    assert "Unread" not in boris.inner_text(row(boris, word))
    assert "Unread" in anna.inner_text(row(anna, word))
    print(
        f"\nlive inbox: mail -> both inboxes {seen_after:.1f} s; "
        f"bulk assign -> other agent {bulk_seen_after:.1f} s"
    )
    assert pages.errors == []


def test_bulk_status_leaves_all_and_spam_holds_the_next_mail(local: LocalProcess, chromium: Any) -> None:
    word = f"bulk{uuid.uuid4().hex[:6]}"
    token = local.token(ANNA)
    send(local, "promo@spam.example", f"Cheap watches ({word})", "Buy now")
    send(local, "alice@acme.example", f"Solved already ({word})", "Thanks, it works.")
    local.wait_for(
        lambda: len(local.api("console", "GET", f"/search?q={word}", token)[1]["hits"]) >= 2, timeout=60
    )
    pages = Pages(chromium, local)
    anna = inbox(pages, ANNA)
    anna.wait_for_selector(f".inbox-item:has-text('Solved already ({word})')")

    anna.check(f".inbox-item:has-text('Solved already ({word})') .pick")
    anna.select_option("#bulk-status", "solved")
    anna.wait_for_selector(".toast:has-text('Status set: 1 changed')")
    anna.wait_for_selector(
        f".inbox-item:has-text('Solved already ({word})')", state="detached"
    )  # "All" hides it
    anna.check("#show-done")
    anna.wait_for_selector(f".inbox-item:has-text('Solved already ({word})')")

    anna.check(f".inbox-item:has-text('Cheap watches ({word})') .pick")
    anna.once("dialog", lambda d: d.accept())
    anna.get_by_role("button", name="Spam").click()
    anna.wait_for_selector(".toast:has-text('Marked as spam: 1 changed')")
    shot(anna, "desk-3-after-spam")
    spam = local.api("console", "GET", "/spam", token)[1]["items"]
    assert "promo@spam.example" in [s["address"] for s in spam]
    send(local, "promo@spam.example", f"Cheap watches again ({word})", "Buy more")
    local.wait_for(
        lambda: any(
            q["sender"] == "promo@spam.example"
            for q in local.api("console", "GET", "/quarantine", token)[1]["items"]
        ),
        timeout=30,
    )
    assert local.api("console", "POST", "/spam/unblock", token, {"address": "promo@spam.example"})[0] == 200
    assert pages.errors == []


def test_sort_and_a_saved_view_at_phone_width(local: LocalProcess, chromium: Any) -> None:
    pages = Pages(chromium, local)
    phone = inbox(pages, ANNA, width=390)
    phone.select_option("#inbox-sort", "priority")
    phone.wait_for_url("**sort=priority**")
    phone.click(".save-view summary")
    name = f"Urgent first {uuid.uuid4().hex[:4]}"
    phone.fill("#view-name", name)
    phone.get_by_role("button", name="Save", exact=True).click()
    link = phone.wait_for_selector(f"nav.sidebar a:has-text('{name}')")
    assert "sort=priority" in (link.get_attribute("href") or "")
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    shot(phone, "desk-4-phone-saved-view")
    assert pages.errors == []


def test_time_on_a_ticket_and_the_customer_and_organisation_pages(local: LocalProcess, chromium: Any) -> None:
    word = f"time{uuid.uuid4().hex[:6]}"
    token = local.token(ANNA)
    send(local, "alice@acme.example", f"Renewal question ({word})", "When does my license renew?")
    hits = local.wait_for(
        lambda: local.api("console", "GET", f"/search?q={word}", token)[1]["hits"], timeout=60
    )
    ticket_id = next(h["ticket_id"] for h in hits if h.get("ticket_id"))
    pages = Pages(chromium, local)
    shown: list[int] = []  # the customer's total on each visit: the demo logs time for this customer too
    for logged, width in ((25, 1280), (50, 390)):
        page = pages.open("console", f"/tickets/{ticket_id}", width)
        sign_in(page, ANNA)
        page.wait_for_selector("#time-totals")
        page.fill("#time-minutes", "25")
        page.get_by_role("button", name="Log time").click()
        page.wait_for_selector(f"#time-totals:has-text('{logged} min logged')")
        page.click(".customer-link")
        page.wait_for_selector("#customer-name")
        assert word in page.inner_text("main")  # the ticket is listed on the customer's page
        hours, minutes = re.match(r"(\d+) h (\d+) min in total", page.inner_text("#customer-time")).groups()
        shown.append(int(hours) * 60 + int(minutes))
        shot(page, f"desk-5-customer-page-{width}")
        page.click("main a[href*='/organisations/']")
        page.wait_for_selector("#organisation-name")
        assert "alice@acme.example" in page.inner_text("main")
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        shot(page, f"desk-6-organisation-page-{width}")
    assert shown[1] - shown[0] >= 25  # the second 25 minutes count for the customer
    sheet = local.api("console", "GET", f"/tickets/{ticket_id}/time", token)[1]
    assert sheet["totals"]["minutes"] == 50 and sheet["totals"]["billable_minutes"] == 50
    unknown = local.api("console", "GET", "/customers/nobody-at-all", token)[0]
    assert unknown == 404 and local.api("console", "GET", "/organisations/nothing", token)[0] == 404
    assert pages.errors == []
