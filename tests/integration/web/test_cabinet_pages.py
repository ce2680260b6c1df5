"""Customer cabinet pages in Chromium: tickets (read, reply, open with attachments) and account lists."""

from __future__ import annotations

import base64

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def test_customer_reads_a_ticket_without_staff_details_and_replies(tab, apis):
    apis.cabinet.messages["t-1"].append(
        apis.console.messages["t-1"][2]
    )  # a note the API should never have sent
    page = tab.open("cabinet", "/", ".list-row")
    assert page.locator(".list-row").first.inner_text().count("Export stopped after update") == 1
    page.get_by_role("link", name="Export stopped after update").click()
    page.wait_for_selector(".message")
    text = page.locator(".conversation").inner_text()
    assert "Could you send the log?" in text and "Support team" in text
    assert page.locator(".message.inbound header strong").first.inner_text() == "carla@shop.example"
    assert "old PHP version" not in text and "bob@agency.example" not in text
    page.fill("#reply-text", "Here is the log.")
    page.set_input_files(
        "#reply-files", files=[{"name": "export.log", "mimeType": "text/plain", "buffer": b"line 1"}]
    )
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_selector(".message >> text=Here is the log.")
    (call,) = tab.stub.calls("cabinet", "POST", "/tickets/t-1/replies")
    assert call.body["text"] == "Here is the log." and call.authorization.startswith("Bearer ")
    assert base64.b64decode(call.body["attachments"][0]["content_base64"]) == b"line 1"
    assert page.locator("main .row .badge").inner_text() == "In progress"  # the reply reopened it


def test_new_ticket_posts_subject_text_and_files_then_shows_the_ticket(tab):
    page = tab.open("cabinet", "/tickets/new", "form")
    page.get_by_label("Subject").fill("Second shop")
    page.get_by_label("How can we help?").fill("Can I move my license?")
    page.set_input_files(
        "#new-files", files=[{"name": "shot.png", "mimeType": "image/png", "buffer": b"\x89PNG"}]
    )
    page.get_by_role("button", name="Send").click()
    page.wait_for_selector("h1 >> text=Second shop")
    (call,) = tab.stub.calls("cabinet", "POST", "/tickets")
    assert call.body["subject"] == "Second shop" and call.body["text"] == "Can I move my license?"
    assert call.body["attachments"][0]["filename"] == "shot.png"
    assert page.locator(".message").inner_text().count("Can I move my license?") == 1


def test_orders_licenses_invoices_and_notices_render_their_lists(tab):
    page = tab.open("cabinet", "/orders", "table")
    orders = page.locator("table").inner_text()
    assert "ORD-2026-001077" in orders and "€149.00" in orders and "co_" not in orders
    task = page.locator(".task-progress[data-key='ACME-3']")
    assert "ORD-2026-001077" in task.inner_text() and "co_" not in page.locator("main").inner_text()
    page.get_by_role("link", name="Licenses").click()
    page.wait_for_selector("text=Smart Search")
    assert page.locator(".badge-expiring").inner_text() == "Expiring"
    assert "1 of 5" in page.locator("main").inner_text()
    page.get_by_role("link", name="Invoices").click()
    page.wait_for_selector("text=INV-2026-0077")
    page.get_by_role("link", name="Notices").click()
    page.wait_for_selector("text=Smart Search expires soon")
    assert page.locator("[aria-current=page]").inner_text() == "Notices"


def test_an_empty_list_says_so(tab, stub):
    stub.route("cabinet", "GET", "/orders", lambda r: (200, {"items": [], "cursor": None}), first=True)
    page = tab.open("cabinet", "/orders", ".state")
    assert "No orders yet" in page.locator(".state").inner_text()


def test_signed_out_customer_is_offered_sign_in_which_completes_the_sso_redirect(tab, stub):
    stub.signed_in = False
    page = tab.open("cabinet", "/", "text=Sign in")
    assert not stub.calls("cabinet", "GET", "/tickets")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector(".list-row")
    assert page.locator("#user").inner_text().startswith("CC")


def test_a_solved_ticket_asks_for_a_rating_in_the_cabinet_and_takes_one_comment(tab):
    page = tab.open("cabinet", "/tickets/t-5", "h1")
    page.get_by_role("button", name="Good, I'm satisfied").click()
    page.wait_for_selector("#csat-thanks")
    assert "You rated this ticket: Good" in page.inner_text("#csat-rating")
    page.fill("#csat-comment", "Quick and clear, thanks.")
    page.get_by_role("button", name="Send comment").click()
    page.wait_for_selector("blockquote:has-text('Quick and clear, thanks.')")
    rated, commented = tab.stub.calls("cabinet", "POST", "/csat")
    assert rated.body == {"token": "tok.en", "rating": "good"}
    assert commented.body == {"token": "tok.en", "comment": "Quick and clear, thanks."}
    assert page.locator("#csat-comment").count() == 0
    tab.shoot("cabinet-ticket-rated")


def test_a_ticket_still_in_progress_asks_for_no_rating(tab):
    page = tab.open("cabinet", "/tickets/t-1", ".message")
    tab.settled()
    assert page.locator(".survey-card:not([hidden])").count() == 0
    assert tab.stub.calls("cabinet", "GET", "/tickets/t-1/survey") == []


def test_a_long_address_leaves_every_section_of_the_top_bar_in_reach(tab, stub):
    """The user's address took the top bar's room: at desk width the last sections scrolled out of sight."""
    email = "patricia.longname@accounting.pay46874a-holdings.example"
    long = {"id": "cust-carla", "email": email, "name": ""}
    stub.users["cabinet"] = {**stub.users["cabinet"], "email": long["email"], "name": ""}
    stub.route("cabinet", "GET", "/me", lambda r: (200, long), first=True)
    page = tab.open("cabinet", "/", ".topnav a")
    page.locator(".topbar .who").wait_for()
    shop = page.locator(".topnav a", has_text="Shop").bounding_box()
    nav = page.locator(".topnav").bounding_box()
    assert shop is not None and nav is not None
    assert shop["x"] + shop["width"] <= nav["x"] + nav["width"] + 1  # not scrolled out of the nav
    assert page.locator(".topbar .who").get_attribute("title") == long["email"]
    assert not tab.unexpected_errors(), tab.errors
