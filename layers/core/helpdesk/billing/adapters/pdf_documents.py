"""Billing documents as PDF with fpdf2 (pure Python, no system libraries): DejaVu Sans is shipped next to this
module (licence in fonts/LICENSE) and embedded as a subset, so Cyrillic and extended Latin names print."""

from __future__ import annotations

from pathlib import Path

from helpdesk.billing.model.documents import Sheet

FONTS = Path(__file__).with_name("fonts")
FAMILY = "DejaVu"


def sheet_pdf(sheet: Sheet) -> bytes:
    from fpdf import FPDF  # ~100 ms: only the paths that render a document pay for it

    pdf = FPDF(format="A4")
    pdf.set_title(f"{sheet.title} {sheet.number}")
    pdf.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 20)
    pdf.cell(0, 10, sheet.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 10)
    pdf.cell(0, 6, f"No. {sheet.number}    Date {sheet.issued}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    top, half, bottom = pdf.get_y(), (pdf.w - pdf.l_margin - pdf.r_margin) / 2, pdf.get_y()
    for n, (label, lines) in enumerate((("FROM", sheet.seller), ("BILL TO", sheet.buyer))):
        pdf.set_xy(pdf.l_margin + n * half, top)
        pdf.set_font(FAMILY, "B", 8)
        pdf.multi_cell(half - 4, 5, label, new_x="LEFT", new_y="NEXT")
        pdf.set_font(FAMILY, "", 10)
        pdf.multi_cell(half - 4, 5, "\n".join(lines), new_x="LEFT", new_y="NEXT")
        bottom = max(bottom, pdf.get_y())
    pdf.set_xy(pdf.l_margin, bottom + 6)
    widths = (3,) + (1,) * (len(sheet.columns) - 1)
    align = ("LEFT",) + ("RIGHT",) * (len(sheet.columns) - 1)
    with pdf.table(col_widths=widths, text_align=align, line_height=6) as table:
        for row in (sheet.columns, *sheet.rows):
            table.row(row)
    pdf.ln(4)
    for label, value in sheet.totals:
        pdf.set_font(FAMILY, "B" if label.startswith("Total") else "", 10)
        pdf.cell(0, 6, f"{label}:  {value}", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 9)
    for note in sheet.notes:
        pdf.ln(2)
        pdf.multi_cell(0, 5, note, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
