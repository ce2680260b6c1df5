"""The cabinet's invoices in Chromium: number and VAT shown; Download asks for a fresh URL and opens it."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.integration]
INVOICE = {
    "id": "inv_9",
    "number": "INV-2026-000009",
    "kind": "invoice",
    "status": "paid",
    "order_id": "co_9",
    "issued_at": "2026-11-20T10:00:00Z",
    "currency": "EUR",
    "net": 10000,
    "tax": 1900,
    "total": 11900,
    "tax_rate": "19",
    "download": "/invoices/inv_9/download",
}


def test_the_cabinet_lists_invoices_and_downloads_through_the_api(tab, stub):  # type: ignore[no-untyped-def]
    document = stub.url("pay", "/invoice-INV-2026-000009.html")  # stands in for the presigned S3 address
    stub.route(
        "cabinet", "GET", "/invoices", lambda r: (200, {"items": [INVOICE], "cursor": None}), first=True
    )
    stub.route(
        "cabinet", "GET", "/invoices/inv_9/download", lambda r: (200, {"url": document, "expires_in": 300})
    )
    page = tab.open("cabinet", "/invoices", "table")
    row = page.locator("table").inner_text()
    assert "INV-2026-000009" in row and "(19 %)" in row
    with tab.context.expect_page() as opened:
        page.get_by_role("button", name="Download INV-2026-000009").click()
    popup = opened.value
    popup.wait_for_url(document)  # the tab opens blank on the click, then goes to the fresh address
    assert len(stub.calls("cabinet", "GET", "/invoices/inv_9/download")) == 1


def test_the_console_customer_panel_lists_invoices_with_downloads(tab, stub, apis):  # type: ignore[no-untyped-def]
    document = stub.url("pay", "/invoice-CN-2026-000002.html")
    credit = {**INVOICE, "id": "inv_10", "number": "CN-2026-000002", "kind": "credit_note", "total": -11900}
    credit["download"] = "/invoices/inv_10/download"

    def ticket_with_invoices(request):  # type: ignore[no-untyped-def]
        status, body = apis.console.conversation(request, "t-1")
        body["customer"]["invoices"] = [credit, INVOICE]
        return status, body

    stub.route("console", "GET", "/tickets/t-1", ticket_with_invoices, first=True)
    stub.route(
        "console", "GET", "/invoices/inv_10/download", lambda r: (200, {"url": document, "expires_in": 300})
    )
    page = tab.open("console", "/tickets/t-1", ".message")
    side = page.locator("aside").inner_text()
    assert "INV-2026-000009" in side and "CN-2026-000002" in side and "Credit note" in side
    with tab.context.expect_page() as opened:
        page.get_by_role("button", name="CN-2026-000002").click()
    opened.value.wait_for_url(document)


def test_the_storefront_sends_the_optional_invoice_details_with_the_checkout(tab):  # type: ignore[no-untyped-def]
    from tests.integration.web.test_storefront_pages import _cart

    line = {"product": "export-pro", "edition": "standard", "plan": "lifetime", "domain": "a.example"}
    page = _cart(tab, [line])
    page.get_by_text("Invoice details (optional)").click()
    page.get_by_label("Company").fill("Acme SARL")
    page.get_by_label("Country code").fill("fr")
    page.get_by_label("EU VAT ID").fill("FR12345678901")
    page.get_by_role("button", name="Checkout").click()
    page.wait_for_url("**/session/cs_test_1")
    (call,) = tab.stub.calls("shop", "POST", "/checkout")
    assert (call.body["company"], call.body["country"], call.body["vat_id"]) == (
        "Acme SARL",
        "FR",
        "FR12345678901",
    )


def sales_view(query: dict[str, str]) -> dict[str, object]:
    """The staff API's answer (ReportView) for one row of seo-pro sales in the asked grouping."""
    from helpdesk.reports.views import ColumnView, ReportView, RowView

    values = {"net": 10000, "new": 10000, "renewal": 0, "refunds": 0, "lines": 3}
    view = ReportView(
        report="sales",
        start=query["from"],
        end=query["to"],
        previous_start="2026-10-02",
        previous_end="2026-10-31",
        group_by=query["group_by"],
        currency="EUR",
        columns=[ColumnView(name=n, unit="count" if n == "lines" else "money") for n in values],
        rows=[RowView(key="seo-pro", values=values, previous={**values, "net": 5000})],
        totals=values,
        previous_totals={**values, "net": 5000},
        summary={"mrr": 833},
        previous_summary={"mrr": 0},
        source="stream roll-up",
    )
    return view.model_dump(mode="json", by_alias=True)


def test_the_console_sales_report_shows_the_chosen_period_and_grouping(tab, stub):  # type: ignore[no-untyped-def]
    stub.route("console", "GET", "/reports/sales", lambda r: (200, sales_view(r.query)))
    page = tab.open(
        "console", "/reports?report=sales&from=2026-11-01&to=2026-11-30&group_by=manager", "table"
    )
    table = page.locator("table").inner_text()
    assert (
        "Sales by manager" in table and "seo-pro" in table and "€100.00" in table and "prev €50.00" in table
    )
    (call,) = stub.calls("console", "GET", "/reports/sales")
    assert call.query == {"from": "2026-11-01", "to": "2026-11-30", "group_by": "manager"}
    page.select_option("#report-group", "product")
    page.get_by_role("button", name="Show").click()
    page.wait_for_function(
        "() => document.querySelector('table caption')?.textContent === 'Sales by product'"
    )
    assert page.locator(".topnav [aria-current=page]").inner_text() == "Reports"
