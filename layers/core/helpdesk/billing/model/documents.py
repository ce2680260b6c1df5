"""One printable shape for every billing document (invoice, credit note, act, quote), rendered to HTML here,
to PDF by an adapter: the two never disagree on what a document says (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from html import escape

from helpdesk.billing.model.clients import ClientAccount
from helpdesk.billing.model.invoice_html import money, party_lines
from helpdesk.billing.model.invoices import Invoice, InvoiceKind
from helpdesk.billing.model.quotes import Quote
from helpdesk.billing.model.receivables import PAYMENT_TERM_DAYS
from helpdesk.commerce.public import Party


class DocumentFormat(StrEnum):
    HTML = "html"
    PDF = "pdf"


@dataclass(frozen=True)
class Sheet:
    title: str
    number: str
    issued: str  # ISO date
    seller: tuple[str, ...]
    buyer: tuple[str, ...]
    columns: tuple[str, ...]  # the first is the description; the others are right-aligned figures
    rows: tuple[tuple[str, ...], ...]
    totals: tuple[tuple[str, str], ...]
    notes: tuple[str, ...] = ()

    @property
    def filename(self) -> str:
        return f"{self.title.lower().replace(' ', '-')}-{self.number}"


def invoice_sheet(invoice: Invoice, act: bool = False) -> Sheet:
    """An invoice or credit note; `act`: the act of completed work for the same lines (no payment terms)."""
    c, rate = invoice.currency, f"{invoice.tax.rate.normalize():f} %"
    credit = invoice.kind is InvoiceKind.CREDIT_NOTE
    title = "Act of completed work" if act else ("Credit note" if credit else "Invoice")
    rows = tuple(
        (x.description, money(x.net, c), rate, money(x.tax, c), money(x.gross, c)) for x in invoice.lines
    )
    totals = [("Net", money(invoice.net, c)), (f"VAT {rate}", money(invoice.tax_amount, c)),
              ("Total", money(invoice.total, c))]  # fmt: skip
    notes = [f"Credits invoice {invoice.credits_number}."] if credit else []
    x = invoice.exchange
    if x.target != c:  # every converted amount names its rate, the rate's date and where it comes from
        totals.append((f"Total in {x.target}", money(invoice.accounting_total, x.target)))
        notes.append(f"Converted at {x.named}.")
    if invoice.tax.note:
        notes.append(invoice.tax.note)
    if act:
        notes.append("The services above were rendered in full; the client has no claims as to their scope.")
    elif invoice.source_id.startswith("td_") and not credit:  # time invoices are paid by transfer
        due = invoice.issued_at.date() + timedelta(days=PAYMENT_TERM_DAYS)
        notes.append(f"Payment due by {due.isoformat()} (bank transfer, quoting {invoice.number}).")
    return Sheet(
        title, invoice.number, invoice.issued_at.date().isoformat(), tuple(party_lines(invoice.seller)),
        tuple(party_lines(invoice.buyer)), ("Description", "Net", "VAT rate", "VAT", "Amount"), rows,
        tuple(totals), tuple(notes),
    )  # fmt: skip


def quote_sheet(quote: Quote, seller: Party, client: ClientAccount) -> Sheet:
    c = quote.currency
    rows = tuple(
        (x.description, f"{x.hours.normalize():f}" if x.hours is not None else "",
         money(x.rate, c) if x.rate is not None else "", money(x.amount, c))
        for x in quote.lines
    )  # fmt: skip
    return Sheet(
        "Quote", quote.id, quote.created_at.date().isoformat(), tuple(party_lines(seller)),
        tuple(party_lines(client.party)), ("Description", "Hours", "Rate", "Amount"), rows,
        (("Total (VAT excluded)", money(quote.total, c)),),
        (f"Valid until {quote.valid_until.isoformat()}. Accept it or pay it by card in your cabinet.",),
    )  # fmt: skip


def sheet_html(sheet: Sheet) -> str:
    head = "".join(f"<th{' class=num' if n else ''}>{escape(c)}</th>" for n, c in enumerate(sheet.columns))
    rows = "".join(
        "<tr>"
        + "".join(f"<td{' class=num' if n else ''}>{escape(v)}</td>" for n, v in enumerate(r))
        + "</tr>"
        for r in sheet.rows
    )
    totals = "".join(f"<tr><td>{escape(k)}</td><td class=num>{escape(v)}</td></tr>" for k, v in sheet.totals)
    notes = "".join(f"<p class=note>{escape(n)}</p>" for n in sheet.notes)

    def party(label: str, lines: tuple[str, ...]) -> str:
        return f"<div><div class=label>{label}</div><p>{'<br>'.join(escape(x) for x in lines)}</p></div>"

    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{escape(sheet.title)} {escape(sheet.number)}</title><style>
body{{font:14px/1.45 "DejaVu Sans",Helvetica,Arial,sans-serif;color:#1d2330;max-width:800px;
margin:24px auto}}.parties{{display:flex;gap:32px}}.parties div{{flex:1}}
.label{{font-size:11px;text-transform:uppercase;color:#677086}}
table{{width:100%;border-collapse:collapse}}
th,td{{padding:6px;text-align:left;border-bottom:1px solid #dde1e8}}
.num{{text-align:right}}.note{{background:#f5f6f9;padding:8px}}</style></head><body>
<h1>{escape(sheet.title)}</h1><p>No. <strong>{escape(sheet.number)}</strong> · {escape(sheet.issued)}</p>
<div class=parties>{party("From", sheet.seller)}{party("Bill to", sheet.buyer)}</div>
<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>
<table style="width:50%;margin-left:auto"><tbody>{totals}</tbody></table>{notes}</body></html>
"""
