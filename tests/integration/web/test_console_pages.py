"""Staff console pages in Chromium: inbox views and keys, the ticket page's forms, operations, search."""

from __future__ import annotations

import base64
from datetime import timedelta
from urllib.parse import urlsplit

import pytest

from tests.support.web_console_fixtures import NOW, message

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def test_inbox_lists_tickets_newest_activity_first_with_view_counts(tab):
    page = tab.open("console", "/", ".list-row")
    subjects = page.locator(".list-row .subject").all_inner_texts()
    assert subjects == [  # "All" is the work not done: the solved ticket only when asked
        "Export stopped after update",
        "Invoice address change",
        "License for a second shop",
    ]
    assert tab.stub.calls("console", "GET", "/tickets")[0].query["hide_done"] == "true"
    page.check("#show-done")
    page.wait_for_selector(".list-row:has-text('Thanks, all good now')")
    side = page.locator(".sidebar")
    side.locator(".count").first.wait_for()
    assert side.get_by_role("link", name="All tickets").inner_text().split() == ["All", "tickets", "3"]
    assert side.get_by_role("link", name="Unassigned").inner_text().split() == ["Unassigned", "3"]
    side.get_by_role("link", name="#billing").click()
    page.wait_for_function("() => document.querySelectorAll('.list-row').length === 1")
    assert page.locator(".list-row .subject").inner_text() == "Invoice address change"
    assert tab.stub.calls("console", "GET", "/tickets")[-1].query["tag"] == "billing"


def test_inbox_keys_move_open_and_search(tab):
    page = tab.open("console", "/", ".list-row")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.dataset.id") == "t-1"
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_selector("#ticket-title")
    assert page.locator("#ticket-title").inner_text() == "Invoice address change"
    page.keyboard.press("u")
    page.wait_for_function("() => document.activeElement.dataset.id === 't-2'")  # back where we were
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search"
    page.keyboard.type("export")
    page.keyboard.press("Enter")
    page.wait_for_selector(".hit mark")
    assert page.locator(".hit mark").inner_text().lower() == "export"
    assert (
        "<b>" in page.locator(".hit").inner_text() and page.locator(".hit b").count() == 0
    )  # text, not markup


def test_r_in_the_inbox_opens_the_ticket_with_the_reply_box_focused(tab):
    page = tab.open("console", "/", ".list-row")
    page.keyboard.press("j")
    page.keyboard.press("r")
    page.wait_for_selector("#composer-text")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'composer-text'")


def test_ticket_page_shows_conversation_notes_folded_quotes_and_customer(tab):
    page = tab.open("console", "/tickets/t-1", ".message")
    note = page.locator(".message.note")
    assert "Internal note" in note.inner_text() and "old PHP version" in note.inner_text()
    quoted = page.locator(".message.inbound details.fold")
    assert not quoted.evaluate("d => d.open") and not page.get_by_text("Please update to 2.4").is_visible()
    quoted.locator("summary").click()
    assert page.get_by_text("Please update to 2.4").is_visible()
    side = page.locator("aside").inner_text()
    assert "Shop Example GmbH" in side and "ORD-2026-001077" in side
    assert "Export Pro" in side and "Active" in side
    assert "co_" not in side  # the order's id is for links, not for people
    page.get_by_role("button", name="Download export.log").click()
    page.wait_for_url("**/shared/ui.css")
    assert tab.stub.calls("console", "GET", "/tickets/t-1/download")[0].query == {"key": "att/1/log.txt"}


def test_reply_posts_text_attachment_and_token_with_the_bearer_token(tab):
    page = tab.open("console", "/tickets/t-1", "#composer-text")
    page.fill("#composer-text", "Fixed in 2.4.1, please update.")
    page.set_input_files(
        "#composer-files", files=[{"name": "fix.txt", "mimeType": "text/plain", "buffer": b"patch"}]
    )
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_selector("text=Fixed in 2.4.1, please update.")
    (call,) = tab.stub.calls("console", "POST", "/tickets/t-1/replies")
    assert call.body["text"] == "Fixed in 2.4.1, please update."
    (file,) = call.body["attachments"]
    assert (file["filename"], file["content_type"], base64.b64decode(file["content_base64"])) == (
        "fix.txt",
        "text/plain",
        b"patch",
    )
    assert call.body["client_token"] and call.authorization.startswith("Bearer ")
    assert page.locator("#composer-text").input_value() == ""


def test_note_and_property_changes_send_their_bodies(tab):
    page = tab.open("console", "/tickets/t-1", "#composer-text")
    page.get_by_role("button", name="Internal note").click()
    page.get_by_text("@name tells a colleague").wait_for()
    page.fill("#composer-text", "Called the customer. @bob see the call log")
    page.set_input_files(
        "#composer-files", files=[{"name": "call.txt", "mimeType": "text/plain", "buffer": b"notes"}]
    )
    page.get_by_role("button", name="Add note").click()
    page.wait_for_selector(".message.note >> text=Called the customer.")
    (note,) = tab.stub.calls("console", "POST", "/tickets/t-1/notes")
    assert note.body["text"] == "Called the customer. @bob see the call log"
    assert [(f["filename"], base64.b64decode(f["content_base64"])) for f in note.body["attachments"]] == [
        ("call.txt", b"notes")
    ]
    page.select_option("#status", "pending")
    # The head's badge, not another ticket's: only the refreshed page has it, so no re-render races typing.
    page.wait_for_function(
        "() => document.querySelector('#status').value === 'pending'"
        " && document.querySelector('.ticket-head .badge-pending')"
    )
    page.fill("#new-tag", "Urgent-Fix")
    page.get_by_role("button", name="Add", exact=True).click()
    page.locator(".chip", has_text="#urgent-fix").wait_for()
    page.get_by_role("button", name="Assign to me").click()
    page.wait_for_function("() => document.querySelector('#assignee').value === 'ada@agency.example'")
    bodies = [c.body for c in tab.stub.calls("console", "PATCH", "/tickets/t-1")]
    assert bodies == [
        {"status": "pending"},
        {"tags": ["export", "urgent-fix"]},
        {"assignee": "ada@agency.example"},
    ]


def test_merge_sends_this_ticket_as_the_source_into_the_target(tab, stub):
    stub.route("console", "POST", "/tickets/(?P<tid>[^/]+)/merge", lambda r, tid: (200, {"id": tid}))
    page = tab.open("console", "/tickets/t-1", "#merge-into")
    page.once("dialog", lambda dialog: dialog.accept())
    page.fill("#merge-into", "t-2")
    page.get_by_role("button", name="Merge", exact=True).click()
    page.wait_for_function("() => location.hash === '#/tickets/t-2'")
    assert stub.calls("console", "POST", "/tickets/t-2/merge")[0].body == {"source_id": "t-1"}


def test_a_reply_by_someone_else_meanwhile_raises_a_notice(tab, apis):
    page = tab.open("console", "/tickets/t-1", ".message")
    other = message(
        9, "outbound", "I'll take this one.", 0, author="bob@agency.example", from_="support@agency.example"
    )
    apis.console.touch("t-1", other.model_copy(update={"created_at": NOW + timedelta(minutes=5)}))
    banner = page.wait_for_selector(".banner", timeout=5000)
    assert "bob@agency.example replied while you were reading this ticket" in banner.inner_text()
    page.get_by_role("button", name="Show the new activity").click()
    page.wait_for_selector("text=I'll take this one.")
    assert page.locator(".banner").count() == 0


def test_a_reply_after_another_change_replaces_the_earlier_notice(tab, apis):
    page = tab.open("console", "/tickets/t-1", ".message")
    ticket = apis.console.view("t-1")
    later = NOW + timedelta(minutes=4)
    changed = ticket.model_copy(update={"last_activity_at": later, "version": ticket.version + 1})
    apis.console.tickets = [changed if t.id == "t-1" else t for t in apis.console.tickets]
    page.wait_for_selector(".banner:has-text('Someone updated this ticket')")
    answer = message(9, "inbound", "It works now, thanks!", 0, author="", from_="alice@acme.example")
    apis.console.touch("t-1", answer.model_copy(update={"created_at": NOW + timedelta(minutes=5)}))
    page.wait_for_selector(".banner:has-text('alice@acme.example replied while you were reading')")
    assert page.locator(".banner").count() == 1


def test_operations_shows_queue_depths_and_reprocesses_quarantined_mail(tab):
    page = tab.open("console", "/ops", "table")
    page.wait_for_selector("text=unparseable MIME")
    assert page.locator("tr.dlq-alert td").first.inner_text() == "mail-ingest-dlq"
    page.get_by_role("button", name="Re-process mail from robot@mailer.example").click()
    page.get_by_role("link", name="Created").click()  # the ticket the mail became
    page.wait_for_selector("h1 >> text=License for a second shop")
    assert tab.stub.calls("console", "POST", "/quarantine/reprocess")[0].body == {"key": "q/2026/11/25/abc"}


def test_a_failing_api_shows_an_error_state_with_retry(tab, stub):
    tab.allowed.append("500")
    stub.route(
        "console", "GET", "/tickets", lambda r: (500, {"message": "The inbox is unavailable"}), first=True
    )
    page = tab.open("console", "/", ".state-error")
    assert "The inbox is unavailable" in page.locator(".state-error").inner_text()
    stub.routes["console"].pop(0)
    page.get_by_role("button", name="Try again").click()
    page.wait_for_selector(".list-row")


def test_signed_out_staff_see_a_sign_in_button_not_data(tab, stub):
    stub.signed_in = False
    page = tab.open("console", "/", "text=Sign in to the console")
    assert page.get_by_role("button", name="Sign in").is_visible()
    assert not stub.calls("console", "GET", "/tickets")


def test_load_more_asks_for_the_next_page_with_the_cursor(tab, stub, apis):
    first, rest = apis.console.tickets[:2], apis.console.tickets[2:]

    def paged(request):
        items = rest if request.query.get("cursor") == "page-2" else first
        cursor = None if items is rest else "page-2"
        return 200, {"items": [t.model_dump(mode="json") for t in items], "cursor": cursor}

    stub.route("console", "GET", "/tickets", paged, first=True)
    page = tab.open("console", "/", ".list-row")
    assert page.locator(".list-row").count() == 2
    page.get_by_role("button", name="Load more").click()
    page.wait_for_function("() => document.querySelectorAll('.list-row').length === 4")
    assert page.get_by_role("button", name="Load more").count() == 0


def test_an_unknown_ticket_and_a_customer_account_get_a_clear_page(tab, stub):
    tab.allowed += ["404", "403"]
    page = tab.open("console", "/tickets/t-404", "text=Ticket not found")
    stub.route("console", "GET", "/me", lambda r: (403, {"message": "Forbidden"}), first=True)
    page.goto("about:blank")  # the old page is gone: none of its polls can land in the log below
    issued: list[str] = []  # every request the new page makes, in order, as the browser issues it
    page.on("request", lambda r: issued.append(r.method + " " + urlsplit(r.url).path))
    page.goto(stub.url("console", "/#/tickets/t-404"))
    page.wait_for_selector("text=No access to the console")
    tab.settled()
    assert "GET /api/me" in issued
    assert "GET /api/tickets/t-404" not in issued, "no ticket fetch without console access"


def test_the_assignee_is_picked_from_the_staff_list(tab, stub, apis):
    page = tab.open("console", "/tickets/t-1", "#assignee")
    page.locator("#assignee option[value='bob@agency.example']").wait_for(state="attached")
    options = page.locator("#assignee option").all_inner_texts()
    assert options == [
        "Unassigned",
        "Ada Staff (ada@agency.example)",
        "Bob Backup (bob@agency.example)",
        "Dina Dev (dina@agency.example)",
    ]
    assert page.locator("#assignee").evaluate("n => n.tagName") == "SELECT"  # no free text to mistype
    with page.expect_response(lambda r: r.request.method == "GET" and r.url.endswith("/api/tickets/t-1")):
        page.select_option("#assignee", "bob@agency.example")  # saved, then the page reads the ticket again
    assert apis.console.view("t-1").assignee == "bob@agency.example"
    page.wait_for_function("() => document.querySelector('#assignee').value === 'bob@agency.example'")
    with page.expect_response(lambda r: r.request.method == "GET" and r.url.endswith("/api/tickets/t-1")):
        page.select_option("#assignee", "")
    assert apis.console.view("t-1").assignee is None
    bodies = [c.body for c in stub.calls("console", "PATCH", "/tickets/t-1")]
    assert bodies == [{"assignee": "bob@agency.example"}, {"unassign": True}]


def test_an_ops_user_sees_only_operations_and_lands_there(tab, stub, apis):
    apis.console.me = {"email": "oleg@agency.example", "roles": ["ops"], "sections": ["ops"]}
    page = tab.open("console", "/", "table")
    page.wait_for_function("() => location.hash === '#/ops'")
    visible = page.locator(".topnav a:visible").all_inner_texts()
    assert visible == ["Operations"]
    assert not page.locator("#search").is_visible()
    page.evaluate("location.hash = '#/tickets/t-1'")
    page.wait_for_selector("text=Not available for your role")
    page.evaluate("location.hash = '#/reports'")
    page.wait_for_selector("text=Not available for your role")
    assert not stub.calls("console", "GET", "/tickets") and not stub.calls("console", "GET", "/tickets/t-1")


def test_the_inbox_shows_new_tickets_live_keeping_selection_and_scroll(browser, stub, apis):
    from tests.integration.web.conftest import Tab
    from tests.support.web_console_fixtures import ticket

    short = Tab(browser, stub, {"width": 1280, "height": 420})  # the list scrolls
    page = short.open("console", "/?done=1", ".list-row")  # "All", with the solved ticket too
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("j")  # the fourth row: scrolled into view, below the fold of the first screen
    page.wait_for_function("() => document.activeElement.dataset.id === 't-4'")
    top = page.evaluate("document.activeElement.getBoundingClientRect().top")
    for n in range(5):
        apis.console.tickets.append(
            ticket(50 + n, f"Fresh question {n}", "new", last_activity_at=NOW + timedelta(minutes=n))
        )
    page.wait_for_function("() => document.querySelectorAll('.list-row').length === 9")
    subjects = page.locator(".list-row .subject").all_inner_texts()
    assert subjects[:5] == [f"Fresh question {n}" for n in range(4, -1, -1)]
    assert page.evaluate("document.activeElement.dataset.id") == "t-4"  # the selection stays
    assert abs(page.evaluate("document.activeElement.getBoundingClientRect().top") - top) <= 1
    page.locator("#main [role=status]", has_text="5 new tickets").wait_for(state="attached")
    errors = short.unexpected_errors()
    short.context.close()
    assert not errors


def test_when_the_selected_ticket_leaves_the_view_its_neighbour_takes_the_selection(tab, apis):
    """Another agent solves the ticket the agent has selected: the live inbox drops it and the next row is
    selected and focused, so j, k and Enter go on from there (before, nothing was selected)."""
    page = tab.open("console", "/", ".list-row")
    ids = page.eval_on_selector_all(".list-row", "rows => rows.map(r => r.dataset.id)")
    assert len(ids) >= 3
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.wait_for_function(f"() => document.activeElement.dataset.id === '{ids[1]}'")
    at = next(i for i, t in enumerate(apis.console.tickets) if t.id == ids[1])
    apis.console.tickets[at] = apis.console.tickets[at].model_copy(
        update={"status": type(apis.console.tickets[at].status)("closed")}
    )
    page.wait_for_function(f"() => !document.querySelector('.list-row[data-id=\"{ids[1]}\"]')")
    assert page.evaluate("document.querySelector('.list-row.selected').dataset.id") == ids[2]
    assert page.evaluate("document.activeElement.dataset.id") == ids[2]


def test_search_shows_one_row_per_ticket_with_the_message_text_and_no_ids(tab, stub):
    def hit(id_, type_, title, snippet, ticket_id=None, customer_id=None):
        return {
            "id": id_,
            "type": type_,
            "title": title,
            "snippet_html": snippet,
            "ticket_id": ticket_id,
            "customer_id": customer_id,
            "score": 1.0,
        }

    hits = [
        hit(
            "t-1",
            "ticket",
            "#HD-100001 Export stopped",
            "HD-100001 pending high <mark>upgrade</mark> bob@x",
            "t-1",
        ),
        *[
            hit(f"9f3a{n}", "message", "Export stopped", f"please <mark>upgrade</mark> step {n}", "t-1")
            for n in range(3)
        ],
        hit("c0ffee42", "message", "", "the <mark>upgrade</mark> failed", "t-2"),
        hit("442e9ac8", "customer", "Carla Customer", "carla@shop.example", customer_id="442e9ac8"),
        hit(
            "co_b550e1", "order", "ORD-2026-001042 · SEO Pro", "<mark>upgrade</mark>", customer_id="442e9ac8"
        ),  # noqa: E501
    ]
    stub.route(
        "console",
        "GET",
        "/search",
        lambda r: (200, {"hits": hits, "total": 6, "next_cursor": None}),
        first=True,
    )
    page = tab.open("console", "/search?q=upgrade", ".list-row")
    rows = page.locator(".list-row")
    assert rows.count() == 4
    first = rows.nth(0).inner_text()
    assert (
        "#HD-100001 Export stopped" in first
        and "please upgrade step 0" in first
        and "3 matching messages" in first
    )
    assert "pending high" not in page.inner_text("main")  # the ticket's index text is not shown
    assert "Ticket without a title" in rows.nth(1).inner_text()
    assert all(h not in page.inner_text("main") for h in ("9f3a", "c0ffee42", "442e9ac8", "co_"))
    assert [rows.nth(i).get_attribute("href") for i in range(4)] == [
        "#/tickets/t-1",
        "#/tickets/t-2",
        "#/customers/442e9ac8",
        "#/customers/442e9ac8",  # an order opens its buyer's page, which lists it
    ]


def test_the_agent_edits_their_signature_under_the_reply_box_and_sees_their_sender_name(tab):
    page = tab.open("console", "/tickets/t-1", "#composer-text")
    assert not page.locator("#signature-text").is_visible()
    page.get_by_text("Your signature").click()
    page.wait_for_selector("#signature-sender:text('Your replies go out as “Ada from Support”.')")
    page.fill("#signature-text", "Ada Staff\nAgency support")
    page.get_by_role("button", name="Save signature").click()
    page.wait_for_selector("text=Signature saved")
    (call,) = tab.stub.calls("console", "PUT", "/me/signature")
    assert call.body == {"signature": "Ada Staff\nAgency support"}
    page.get_by_role("button", name="Internal note").click()
    page.locator(".signature").wait_for(state="hidden")  # a note is never signed


def test_what_the_agent_types_is_not_overwritten_by_a_late_loaded_signature(tab):
    page = tab.open("console", "/tickets/t-1", "#composer-text")
    held = []
    page.route("**/me/signature", lambda r: held.append(r) if r.request.method == "GET" else r.continue_())
    with page.expect_request(lambda r: r.url.endswith("/me/signature") and r.method == "GET"):
        page.get_by_text("Your signature").click()
    assert page.locator("#signature-text").is_disabled()  # nothing to type into while the saved one loads
    assert page.get_by_role("button", name="Save signature").is_disabled()
    for _ in range(100):  # the held request reaches its handler as Playwright dispatches events
        if held:
            break
        page.wait_for_timeout(10)
    held[0].continue_()
    page.fill("#signature-text", "Ada Staff")  # waits until the loaded signature is in and the box is enabled
    page.get_by_role("button", name="Save signature").click()
    page.wait_for_selector("text=Signature saved")
    (call,) = tab.stub.calls("console", "PUT", "/me/signature")
    assert call.body == {"signature": "Ada Staff"}


def test_send_then_next_opens_the_next_open_ticket_of_the_view(tab):
    page = tab.open("console", "/", ".list-row")
    page.locator(".list-row").first.click()
    page.wait_for_selector("#ticket-title:text('Export stopped after update')")
    page.check("#composer-next")
    page.fill("#composer-text", "Fixed, see you.")
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_selector("#ticket-title:text('Invoice address change')")
    assert urlsplit(page.url).fragment == "/tickets/t-2"
    assert tab.stub.calls("console", "POST", "/tickets/t-1/replies")[0].body["text"] == "Fixed, see you."
    page.fill("#composer-text", "Address changed.")  # t-3 is pending and t-4 solved: no next, stay here
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_selector(".message >> text=Address changed.")
    assert urlsplit(page.url).fragment == "/tickets/t-2"


def test_snooze_sends_the_chosen_time_and_the_ticket_shows_pending(tab):
    page = tab.open("console", "/tickets/t-1", "#composer-text")
    page.click(".snooze summary")
    page.fill("#snooze-until", "2030-01-02T09:30")
    page.get_by_role("button", name="Snooze", exact=True).click()
    page.wait_for_selector("text=Snoozed until")
    (call,) = tab.stub.calls("console", "POST", "/tickets/t-1/snooze")
    until = page.evaluate("() => new Date('2030-01-02T09:30').toISOString()")
    assert call.body == {"until": until}
    page.wait_for_selector(".ticket-head .badge-pending")


def test_the_agent_forwards_a_message_and_the_ticket_shows_it_as_forwarded(tab):
    page = tab.open("console", "/tickets/t-1", "#composer-text")
    page.click(".forward summary")
    page.fill("#forward-to", "support@hoster.example")
    page.fill("#forward-note", "Could you check the firewall?")
    page.get_by_role("button", name="Forward", exact=True).click()
    page.wait_for_selector("text=Forwarded to support@hoster.example")
    (call,) = tab.stub.calls("console", "POST", "/tickets/t-1/forward")
    assert call.body == {"to": "support@hoster.example", "text": "Could you check the firewall?"}
    card = page.locator("article.message", has_text="Could you check the firewall?")
    card.locator(".badge", has_text="Forwarded").wait_for()
    assert "forwarded to support@hoster.example" in card.inner_text()
    card.scroll_into_view_if_needed()
    tab.settled()
    tab.shoot("console-forwarded")


def test_a_new_conversation_opens_its_ticket_once_however_often_it_is_sent(tab):
    page = tab.open("console", "/", ".list-row")
    page.click(".new-conversation summary")
    tab.settled()
    tab.shoot("console-new-conversation")
    page.fill("#new-to", "olga@romashka.example")
    page.fill("#new-subject", "Your server's PHP version")
    page.fill("#new-text", "Hello Olga, we need PHP 8.2.")
    page.get_by_role("button", name="Send and open ticket").click()
    page.wait_for_selector('h1:has-text("Your server\'s PHP version")')
    (call,) = tab.stub.calls("console", "POST", "/tickets")
    assert call.body["to"] == "olga@romashka.example" and call.body["text"] == "Hello Olga, we need PHP 8.2."
    assert len(call.body["client_token"]) >= 32


def test_leaving_the_inbox_before_its_list_arrives_starts_no_live_poller(tab, stub, apis):
    """The list answered after the user had moved on used to start the live poller anyway, which then asked
    for inbox changes on every page of the session."""
    import threading

    answered, left = threading.Event(), threading.Event()

    def late_list(request):
        if "updated_since" not in request.query:
            left.wait(timeout=30)
        answered.set()
        return apis.console.list(request)

    stub.route("console", "GET", "/tickets", late_list, first=True)
    tab.context.clock.install(time=NOW)
    page = tab.open("console", "/", "main")
    page.evaluate("location.hash = '#/ops'")
    page.wait_for_selector("text=unparseable MIME")
    left.set()
    answered.wait(timeout=30)
    page.wait_for_function("() => window.__pendingFetches === 0")
    page.clock.run_for(60_000)  # twelve poll periods of the live inbox
    page.wait_for_function("() => window.__pendingFetches === 0")
    polls = [c for c in stub.calls("console", "GET", "/tickets") if "updated_since" in c.query]
    assert polls == []
