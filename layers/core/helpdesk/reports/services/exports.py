"""A report as a file: CSV (UTF-8 with a BOM, so spreadsheet programs read Cyrillic) or XLSX (openpyxl)."""

from __future__ import annotations

import csv
import io

from helpdesk.reports.views import ReportFile, ReportView

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def table(report: ReportView) -> list[list[object]]:
    """Header, one line per row (this period, then the previous one), and the totals; money in minor units."""
    names = [c.name for c in report.columns]
    lines: list[list[object]] = [[report.group_by, *names, *(f"previous_{n}" for n in names)]]
    for row in report.rows:
        lines.append([row.key, *(row.values.get(n) for n in names), *(row.previous.get(n) for n in names)])
    lines.append(
        ["total", *(report.totals.get(n) for n in names), *(report.previous_totals.get(n) for n in names)]
    )
    return lines


def file_name(report: ReportView, fmt: str) -> str:
    return f"{report.report.value}-{report.group_by}-{report.start}-{report.end}.{fmt}"


def to_csv(report: ReportView) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows([["" if v is None else v for v in line] for line in table(report)])
    return ("\ufeff" + out.getvalue()).encode()


def to_xlsx(report: ReportView) -> bytes:
    from openpyxl import Workbook  # only the export pays for it

    book = Workbook()
    sheet = book.active
    sheet.title = report.report.value
    for line in table(report):
        sheet.append(line)
    summary = book.create_sheet("summary")
    summary.append(
        ["from", report.start.isoformat(), "to", report.end.isoformat(), "currency", report.currency]
    )
    for name, value in report.summary.items():
        summary.append([name, value, report.previous_summary.get(name)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export(report: ReportView, fmt: str) -> ReportFile:
    body = to_xlsx(report) if fmt == "xlsx" else to_csv(report)
    return ReportFile(body=body, content_type=CONTENT_TYPES[fmt], file_name=file_name(report, fmt))
