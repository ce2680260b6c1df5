"""The on-call rota editor of the console's operations page in Chromium, against the stub staff API."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def names(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [page.input_value(f"#rota-name-{i}") for i in range(page.locator(".rota-row").count())]


def test_reorder_add_remove_with_the_keyboard_and_save(tab, apis):
    page = tab.open("console", "/ops", "#rota-name-0")
    assert names(page) == ["Oleg Ops", "Ada Staff", "Bob Backup"]
    page.get_by_role("button", name="Move down Oleg Ops").focus()
    page.keyboard.press("Enter")
    assert names(page) == ["Ada Staff", "Oleg Ops", "Bob Backup"]
    # Focus follows the moved person, so pressing again moves them further.
    page.keyboard.press("Enter")
    assert names(page) == ["Ada Staff", "Bob Backup", "Oleg Ops"]
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Move up Oleg Ops"
    page.get_by_role("button", name="Remove Ada Staff").click()
    page.get_by_role("button", name="Add person").click()
    assert page.evaluate("document.activeElement.id") == "rota-name-2"
    page.keyboard.type("Nina Night")
    page.fill("#rota-email-2", "nina@agency.example")
    page.fill("#rota-phone-2", "+491700000003")
    page.fill("#rota-ack", "120")
    page.get_by_role("button", name="Save rota").click()
    page.wait_for_selector("text=Rota saved: 3 on call, 120 s to acknowledge.")
    [put] = tab.stub.calls("console", "PUT", "/ops/rota")
    assert put.body == {
        "people": [
            {"name": "Bob Backup", "email": "bob@agency.example", "phone": "+491700000002"},
            {"name": "Oleg Ops", "email": "oleg@agency.example", "phone": "+491700000001"},
            {"name": "Nina Night", "email": "nina@agency.example", "phone": "+491700000003"},
        ],
        "ack_seconds": 120,
    }
    assert [p.name for p in apis.console.rota.people] == ["Bob Backup", "Oleg Ops", "Nina Night"]


def test_invalid_fields_are_marked_and_nothing_is_sent(tab, phone):
    for view in (tab, phone):
        page = view.open("console", "/ops", "#rota-name-0")
        page.fill("#rota-email-1", "ada-at-agency")
        page.fill("#rota-phone-0", "0170 123")
        page.fill("#rota-ack", "5")
        page.get_by_role("button", name="Save rota").click()
        page.wait_for_selector("text=3 fields need fixing before the rota can be saved.")
        assert page.evaluate("document.activeElement.id") == "rota-phone-0"
        assert page.get_attribute("#rota-email-1", "aria-invalid") == "true"
        described = page.get_attribute("#rota-email-1", "aria-describedby")
        assert "e-mail address" in page.inner_text(f"#{described}")
        assert "international format" in page.inner_text("#rota-phone-0-error")
        assert "10 to 86400" in page.inner_text("#rota-ack-error")
        assert page.is_hidden("#rota-call-warning")
        page.fill("#rota-phone-2", "")  # the last person is the one the phone call rings
        assert "Bob Backup has no phone number" in page.inner_text("#rota-call-warning")
        page.evaluate("window.scrollTo(0, 0)")  # a full-page shot draws the sticky top bar where it stands
        view.shoot("console-ops-rota-errors")
        page.fill("#rota-email-1", "ada@agency.example")  # a fixed field loses its mark while typing
        assert page.get_attribute("#rota-email-1", "aria-invalid") is None
        assert view.overflow() == 0
    assert not tab.stub.calls("console", "PUT", "/ops/rota")


def test_a_refused_save_says_why(tab, stub):
    tab.allowed.append("422")
    stub.route(
        "console",
        "PUT",
        "/ops/rota",
        lambda r: (
            422,
            {"error": "invalid", "detail": "acknowledgement time must be between 10 seconds and a day"},
        ),
        first=True,
    )
    page = tab.open("console", "/ops", "#rota-name-0")
    page.get_by_role("button", name="Save rota").click()
    alert = page.wait_for_selector(".rota-form .banner-bad")
    assert "The rota was not saved: acknowledgement time must be between" in alert.inner_text()


def test_staff_without_the_ops_role_see_the_rota_read_only(tab, stub):
    stub.route(
        "console",
        "GET",
        "/me",
        lambda r: (200, {"email": "max@agency.example", "roles": ["manager"]}),
        first=True,
    )
    page = tab.open("console", "/ops", ".rota-person")
    assert "Only operations staff and admins can change the rota." in page.inner_text("#main")
    assert [t.strip() for t in page.locator(".rota-person strong").all_inner_texts()] == [
        "Oleg Ops",
        "Ada Staff",
        "Bob Backup",
    ]
    assert page.locator(".rota-form").count() == 0
    assert page.get_by_role("button", name="Save rota").count() == 0


def test_operations_page_at_desktop_and_phone_width(tab, phone):
    for view in (tab, phone):
        page = view.open("console", "/ops", "#rota-name-0")
        page.wait_for_selector("text=unparseable MIME")
        assert view.overflow() == 0
        view.shoot("console-ops")


def test_escalations_list_pages_and_calls_and_acknowledge_the_waiting_one(tab):
    page = tab.open("console", "/ops", "text=helpdesk-prod-ingest-dlq-not-empty")
    rows = page.locator("section[aria-labelledby=pages-title] tbody tr")
    assert rows.count() == 4
    assert "Waiting" in rows.nth(0).inner_text() and "Passed on" in rows.nth(1).inner_text()
    assert "Acknowledged" in rows.nth(2).inner_text() and "by ada@agency.example" in rows.nth(2).inner_text()
    call = rows.nth(3).inner_text()
    assert "Phone call: Bob Backup (+491700000002)" in call and "Called" in call
    assert page.locator("button:text-is('Acknowledge')").count() == 1
    page.get_by_role(
        "button", name="Acknowledge the page to Oleg Ops for helpdesk-prod-ingest-dlq-not-empty"
    ).click()
    page.wait_for_function(
        "() => !document.querySelector('section[aria-labelledby=pages-title] tbody')"
        ".innerText.includes('Waiting')"
    )
    assert "by ada@agency.example" in rows.nth(0).inner_text()
    assert tab.stub.calls("console", "POST", "/ops/ack")[0].body == {"token": "tok-2"}
    assert page.locator("button:text-is('Acknowledge')").count() == 0


def test_the_link_in_a_page_mail_acknowledges_after_sign_in(tab, apis):
    tab.open("console", "/ops", "#rota-name-0")  # a signed-in tab, as after the SSO redirect
    page = tab.page
    page.goto(tab.stub.url("console", "/ack.html?token=tok-2"))
    page.wait_for_selector("text=nobody else will be paged for this alarm")
    tab.shoot("console-ack")
    assert tab.stub.calls("console", "POST", "/ops/ack")[-1].body == {"token": "tok-2"}
    assert apis.console.pages[0]["state"] == "acknowledged"
    tab.allowed.append("422")
    page.reload()  # the same link again: the page no longer waits
    page.wait_for_selector("text=this page is no longer waiting for an acknowledgement")
    assert page.get_by_role("link", name="Open operations").is_visible()
