"""License pages in Chromium: the console's at-risk tabs, search and actions; the cabinet's "Renew"."""

from __future__ import annotations

import pytest
from helpdesk.cabinet.views import CabinetLicenseView

from tests.support.web_cabinet_fixtures import LICENSES
from tests.support.web_license_fixtures import CARLA, ORDER_ID

CARLA_ID = CARLA.id

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def test_at_risk_tabs_follow_the_arrow_keys_and_show_revenue(tab):
    page = tab.open("console", "/licenses", "#risk-panel table")
    assert page.locator("#revenue-at-risk").inner_text() == "€227.00"
    first = page.locator("#risk-panel").inner_text()
    assert first.count("Export Pro — Standard") == 1 and "Carla Diaz" in first
    assert "export-pro" not in first and "lic-1" not in first and CARLA_ID not in first
    page.get_by_role("tab", name="30 days").focus()
    page.keyboard.press("ArrowRight")
    assert page.get_by_role("tab", name="60 days").get_attribute("aria-selected") == "true"
    page.wait_for_function(
        "() => document.querySelector('#risk-panel').innerText.includes('Smart Search — Pro')"
    )
    assert "Dmitri Orlov" in page.locator("#risk-panel").inner_text()
    page.keyboard.press("End")  # not a tab key: nothing moves
    page.get_by_role("tab", name="Lost").click()
    page.wait_for_function(
        "() => document.querySelector('#risk-panel').innerText.includes('Smart Search — Standard')"
    )
    assert page.evaluate("document.activeElement.id") == "tab-lost"


def test_search_by_state_and_domain_links_to_the_license(tab):
    page = tab.open("console", "/licenses", "main table")
    page.get_by_label("State").select_option("grace")
    page.get_by_role("button", name="Find").click()
    page.wait_for_function(
        "() => document.querySelectorAll('section[aria-labelledby=find-title] tbody tr').length === 1"
    )
    assert tab.stub.calls("console", "GET", "/licenses")[-1].query == {"state": "grace"}
    page.get_by_label("Shop domain").fill("shop.example")
    page.get_by_label("State").select_option("")
    page.get_by_role("button", name="Find").click()
    page.wait_for_function(
        "() => document.querySelectorAll('section[aria-labelledby=find-title] tbody tr').length === 3"
    )
    page.get_by_role("link", name="Backup — Basic").click()
    page.wait_for_selector(".license-key")
    assert page.locator("#lic-expires").inner_text() == "Lifetime"


def test_revoke_asks_first_and_extend_moves_the_end(tab):
    page = tab.open("console", "/licenses/lic-1", ".license-key")
    page.get_by_label("Reason", exact=True).last.fill("chargeback")
    page.get_by_role("button", name="Revoke…").click()
    dialog = page.get_by_role("dialog", name="Revoke this license?")
    assert dialog.is_visible()
    page.keyboard.press("Escape")  # cancelled: nothing sent
    assert not tab.stub.calls("console", "POST", "/licenses/lic-1/revoke")
    page.get_by_label("New end date").fill("2027-06-30")
    page.get_by_role("button", name="Extend").click()
    page.wait_for_function("() => document.getElementById('lic-expires').textContent.includes('2027')")
    assert tab.stub.calls("console", "POST", "/licenses/lic-1/extend")[0].body == {
        "until": "2027-06-30T00:00:00Z",
        "reason": "",
    }
    page.get_by_label("Reason", exact=True).last.fill("chargeback")
    page.get_by_role("button", name="Revoke…").click()
    page.get_by_role("dialog").get_by_role("button", name="Revoke license").click()
    page.wait_for_selector("#lic-state >> text=Revoked")
    assert tab.stub.calls("console", "POST", "/licenses/lic-1/revoke")[0].body == {"reason": "chargeback"}
    assert "A revoked license cannot change." in page.inner_text("main")


def test_cabinet_offers_renew_on_expiring_and_grace_and_says_when_it_is_unavailable(tab):
    for item in LICENSES:  # the fixtures have the API's shape
        CabinetLicenseView.model_validate(item)
    page = tab.open("cabinet", "/licenses", ".license-key")
    cards = page.locator(".license-card")
    assert cards.count() == 3
    assert page.get_by_role("button", name="Renew Smart Search — Standard").is_visible()
    assert "5 days left" in cards.nth(1).inner_text()
    assert "keeps working until" in cards.nth(2).inner_text()
    assert cards.nth(0).get_by_role("button", name="Renew").count() == 0
    tab.allowed += ["HTTP 404", "status of 404"]  # the renew route is not there (yet): the page explains
    page.get_by_role("button", name="Renew Smart Search — Standard").click()
    # The page has other alert regions (the renewal card's, empty): take the one that speaks.
    alert = page.get_by_role("alert").filter(has_text="Online renewal is not available yet")
    alert.wait_for()
    assert alert.get_by_role("link", name="Open a ticket").is_visible()


def test_cabinet_renew_goes_to_the_payment_page_the_route_returns(tab):
    tab.stub.route(
        "cabinet",
        "POST",
        "/licenses/(?P<lid>[^/]+)/renew",
        lambda r, lid: (200, {"url": tab.stub.url("pay", f"/renew?license={lid}")}),
        first=True,
    )
    tab.allowed += [
        "/renew?license=",
        "status of 404",
    ]  # the stub's pay host has no such page: the URL matters
    page = tab.open("cabinet", "/licenses", ".license-key")
    page.get_by_role("button", name="Renew Backup — Business").click()
    page.wait_for_url("**/renew?license=l-3")


def test_the_ticket_pages_customer_panel_leads_to_the_customers_licenses(tab):
    page = tab.open("console", "/tickets/t-1", ".message")
    panel = page.locator("section[aria-labelledby=licenses-title]")
    assert panel.get_by_role("link", name="Export Pro — Business").get_attribute("href") == "#/licenses/l-1"
    panel.get_by_role("link", name="All licenses of this customer").click()
    page.wait_for_selector("text=No licenses found")  # the stub's licenses belong to other customers
    (search,) = tab.stub.calls("console", "GET", "/licenses")
    assert search.query == {"customer": "c-1"} and page.get_by_label("Customer e-mail").input_value() == "c-1"


def test_license_history_reads_as_phrases_with_who_and_why(tab):
    page = tab.open("console", "/licenses/lic-2", ".license-key")
    page.get_by_label("Reason", exact=True).first.fill("invoice 42 unpaid")
    page.get_by_role("button", name="Suspend").click()
    page.wait_for_selector("#lic-state >> text=Suspended")
    page.get_by_label("Reason (optional, the customer reads it)").last.fill("payment received")
    page.get_by_role("button", name="Resume").click()
    page.wait_for_selector(".history li >> text=Resumed by Anna Petrova: payment received")
    entries = page.locator(".history .history-text").all_inner_texts()
    assert entries[:2] == [
        "Resumed by Anna Petrova: payment received",
        "Suspended by Anna Petrova: invoice 42 unpaid",
    ]
    assert entries[-1] == "Issued by the customer: Order 1042"
    assert not any(raw in " ".join(entries) for raw in (" resume", " suspend", "T00:00"))


def test_people_read_catalogue_names_not_slugs(tab):
    page = tab.open("console", "/licenses", "section[aria-labelledby=find-title] tbody tr")
    found = page.locator("section[aria-labelledby=find-title] tbody").inner_text()
    assert "Export Pro — Standard" in found and "Smart Search — Pro" in found
    assert "export-pro ·" not in found and "smart-search ·" not in found
    page.get_by_role("link", name="Smart Search — Pro").click()
    page.wait_for_selector("h1 >> text=Smart Search — Pro")
    cabinet = tab.open("cabinet", "/licenses", ".license-key")
    headings = cabinet.locator(".license-card h2").all_inner_texts()
    assert headings == ["Export Pro — Business", "Smart Search — Standard", "Backup — Business"]


def test_finder_by_customer_email_shows_people_and_names(tab):
    page = tab.open("console", "/licenses", "section[aria-labelledby=find-title] tbody tr")
    page.get_by_label("Customer e-mail").fill("Carla@Shop.example")
    page.get_by_role("button", name="Find").click()
    found = "section[aria-labelledby=find-title] tbody tr"
    page.wait_for_function(f"() => document.querySelectorAll('{found}').length === 3")
    assert tab.stub.calls("console", "GET", "/licenses")[-1].query == {"customer": "Carla@Shop.example"}
    rows = page.locator(found).all_inner_texts()
    assert all("Carla Diaz <carla@shop.example>" in row for row in rows)
    assert {row.split("\n")[0] for row in rows} == {
        "Export Pro — Standard",
        "Export Pro — Business",
        "Backup — Basic",
    }


def test_the_license_page_names_the_holder_and_the_order_without_ids(tab):
    page = tab.open("console", "/licenses/lic-1", ".license-key")
    holder = page.locator("#lic-holder")
    assert holder.inner_text() == "Carla Diaz <carla@shop.example>"
    assert holder.get_attribute("href") == f"#/customers/{CARLA_ID}"
    assert page.locator("#lic-order").get_attribute("href") == f"#/customers/{CARLA_ID}"
    details = page.locator("main").inner_text().replace(page.locator(".license-key").inner_text(), "")
    assert CARLA_ID not in details and ORDER_ID not in details and "lic-1" not in details
