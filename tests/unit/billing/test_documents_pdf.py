"""Billing documents as PDF: Cyrillic buyer details printed with an embedded font, each party line once, the
page rendered to PNG by poppler's pdftoppm (the PNG is kept under /tmp for a person to look at)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from helpdesk.billing.adapters.pdf_documents import sheet_pdf
from helpdesk.billing.model.clients import ClientAccount
from helpdesk.billing.model.documents import invoice_sheet, quote_sheet, sheet_html
from helpdesk.billing.model.exchange import ExchangeRate
from helpdesk.billing.model.quotes import Quote, QuoteLine
from helpdesk.commerce.model.parties import BillingDetails

from tests.support.invoices import NOW, SELLER, invoice

pytestmark = pytest.mark.unit
OUT = Path("/tmp/helpdesk-billing-documents")
RUSSIAN = BillingDetails("Иван Петров", "ООО «Ромашка»", "DE", "DE811907980", ("ул. Ленина, 1", "Москва"))


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"SKIPPED LOUDLY: {tool} (poppler-utils) is not installed; apt-get install poppler-utils")
    return found


def _text(pdf: Path) -> str:
    return subprocess.run([_poppler("pdftotext"), "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip


def test_an_invoice_pdf_embeds_its_font_prints_cyrillic_and_renders_to_a_png() -> None:
    OUT.mkdir(exist_ok=True)
    usd = ExchangeRate("USD", "EUR", Decimal("0.9090909091"), NOW.date(), "ECB")
    document = replace(invoice(RUSSIAN), number="INV-2026-000042", currency="USD", exchange=usd)
    pdf = OUT / "invoice.pdf"
    pdf.write_bytes(sheet_pdf(invoice_sheet(document)))
    fonts = subprocess.run(
        [_poppler("pdffonts"), str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    assert "DejaVuSans" in fonts and all(" yes yes yes " in line for line in fonts.splitlines()[2:])
    text = _text(pdf)
    for shown in ("Иван Петров", "ООО «Ромашка»", "ул. Ленина, 1", "VAT id DE811907980", "INV-2026-000042",
                  "Converted at 0.9090909091 EUR per USD (2026-11-25, ECB)"):  # fmt: skip
        assert shown in text
    assert text.count("alice@acme.example") == 1  # "Bill to" names the e-mail once
    subprocess.run([_poppler("pdftoppm"), "-png", "-r", "50", "-singlefile", str(pdf), str(OUT / "invoice")],
                   check=True)  # fmt: skip
    png = (OUT / "invoice.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 5000  # a page with ink on it, not a blank sheet


def test_a_quote_and_an_act_render_to_html_and_pdf_with_the_same_figures() -> None:
    client = ClientAccount("org-acme", "billing@acme.example", "Алиса", "Acme", ("1 Road",), "GB")
    lines = (
        QuoteLine.priced("Разработка", Decimal(10), 8000, None),
        QuoteLine.priced("Hosting", None, None, 2500),
    )
    quote = Quote("qt_1", "org-acme", "EUR", lines, "mia", NOW, NOW.date())
    sheet = quote_sheet(quote, SELLER, client)
    html = sheet_html(sheet)
    assert "825.00 EUR" in html and "Разработка" in html and html.count("billing@acme.example") == 1
    pdf = OUT / "quote.pdf"
    OUT.mkdir(exist_ok=True)
    pdf.write_bytes(sheet_pdf(sheet))
    assert "825.00 EUR" in _text(pdf) and "Разработка" in _text(pdf)
    act = invoice_sheet(replace(invoice(RUSSIAN), number="INV-2026-000043"), act=True)
    time_invoice = invoice_sheet(
        replace(invoice(RUSSIAN), number="INV-2026-000044", source_id="td_org_2026-11_0")
    )
    assert "Payment due by 2026-12-09 (bank transfer, quoting INV-2026-000044)." in time_invoice.notes
    assert act.title == "Act of completed work" and "<script" not in sheet_html(
        replace(act, buyer=("<script>x</script>",))
    )
