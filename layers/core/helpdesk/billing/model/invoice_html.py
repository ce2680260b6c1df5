"""The printable HTML document of an invoice or credit note (pure; every value escaped)."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from helpdesk.billing.model.invoices import Invoice, InvoiceKind
from helpdesk.commerce.public import Party
from helpdesk.kernel.money import exponent

_STYLE = """
body{font:14px/1.45 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1d2330;margin:0;
background:#eef0f4}
.sheet{max-width:800px;margin:24px auto;background:#fff;padding:48px 56px;box-shadow:0 1px 4px #0002}
h1{font-size:26px;margin:0 0 4px;letter-spacing:.5px}.muted{color:#677086}
.head,.parties{display:flex;justify-content:space-between;gap:32px}.parties{margin:32px 0}
.parties div{flex:1}.label{font-size:11px;text-transform:uppercase;color:#677086;letter-spacing:.6px}
table{width:100%;border-collapse:collapse;margin-top:8px}th,td{padding:8px 6px;text-align:left}
th{border-bottom:2px solid #1d2330;font-size:12px;text-transform:uppercase}td{border-bottom:1px solid #dde1e8}
.num{text-align:right;white-space:nowrap}.totals{margin-left:auto;width:50%}
.totals td{border:0;padding:4px 6px}
.grand td{border-top:2px solid #1d2330;font-weight:700;font-size:16px}.note{margin-top:24px;padding:12px;
background:#f5f6f9;border-left:3px solid #3b5bdb}footer{margin-top:40px;font-size:12px;color:#677086}
@media print{body{background:#fff}.sheet{box-shadow:none;margin:0;padding:0;max-width:none}}
"""


def money(amount: int, currency: str) -> str:
    places = exponent(currency)
    value = Decimal(amount).scaleb(-places)
    return f"{value:,.{places}f} {currency}"


def party_lines(p: Party) -> list[str]:
    """Name / company / address / VAT id / e-mail, each once: the name stands in the e-mail's place when
    nobody gave one, and a company named like its person is one line."""
    name = "" if p.name == p.email else p.name
    company = "" if p.company == name else p.company
    rows = [name, company, *p.address, p.country, f"VAT id {p.vat_id}" if p.vat_id else "", p.email]
    return [r for r in rows if r]


def _party(label: str, p: Party) -> str:
    body = "<br>".join(escape(r) for r in party_lines(p))
    return f'<div><div class="label">{label}</div><p>{body}</p></div>'


def _title(invoice: Invoice) -> str:
    return "Credit note" if invoice.kind is InvoiceKind.CREDIT_NOTE else "Invoice"


def invoice_html(invoice: Invoice) -> str:
    c, acc = invoice.currency, invoice.exchange
    rate = f"{invoice.tax.rate.normalize():f}"
    rows = "".join(
        f"<tr><td>{n}</td><td>{escape(x.description)}</td><td class=num>{money(x.net, c)}</td>"
        f"<td class=num>{rate} %</td><td class=num>{money(x.tax, c)}</td>"
        f"<td class=num>{money(x.gross, c)}</td></tr>"
        for n, x in enumerate(invoice.lines, start=1)
    )
    refers = (
        f"<p>Credits invoice <strong>{escape(invoice.credits_number or '')}</strong>.</p>"
        if invoice.kind is InvoiceKind.CREDIT_NOTE
        else ""
    )
    note = f'<p class="note">{escape(invoice.tax.note)}</p>' if invoice.tax.note else ""
    converted = ""
    if acc.target != c:
        converted = (
            f"<tr><td colspan=2 class=muted>In {acc.target} at {acc.rate.normalize():f} "
            f"({acc.published.isoformat()})</td></tr>"
            f"<tr><td>Net</td><td class=num>{money(invoice.accounting_net, acc.target)}</td></tr>"
            f"<tr><td>VAT</td><td class=num>{money(invoice.accounting_tax, acc.target)}</td></tr>"
            f"<tr><td>Total</td><td class=num>{money(invoice.accounting_total, acc.target)}</td></tr>"
        )
    title = _title(invoice)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} {escape(invoice.number)}</title>
<style>{_STYLE}</style></head><body><main class="sheet">
<div class="head"><div><h1>{title}</h1>
<div class="muted">No. <strong>{escape(invoice.number)}</strong></div></div>
<div class="num"><div class="label">Date of issue</div><div>{invoice.issued_at.date().isoformat()}</div>
<div class="label">Order</div><div>{escape(invoice.source_id)}</div></div></div>
<div class="parties">{_party("From", invoice.seller)}{_party("Bill to", invoice.buyer)}</div>{refers}
<table><thead><tr><th>#</th><th>Description</th><th class=num>Net</th><th class=num>VAT rate</th>
<th class=num>VAT</th><th class=num>Amount</th></tr></thead><tbody>{rows}</tbody></table>
<table class="totals"><tbody><tr><td>Net</td><td class=num>{money(invoice.net, c)}</td></tr>
<tr><td>VAT {rate} % ({escape(invoice.tax.country)})</td>
<td class=num>{money(invoice.tax_amount, c)}</td></tr>
<tr class="grand"><td>Total</td><td class=num>{money(invoice.total, c)}</td></tr>{converted}</tbody></table>
{note}<footer>{escape(invoice.seller.company or invoice.seller.name)} · VAT id {escape(invoice.seller.vat_id)}
· {"Refunded to the original means of payment." if invoice.total < 0 else "Paid in full. Thank you."}</footer>
</main></body></html>
"""
