"""Reports: sales, support, work, licenses and satisfaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalice import Response
from helpdesk.api.access import Access, Principal, Role, route

if TYPE_CHECKING:
    from helpdesk.billing.views import SalesReportView
    from helpdesk.reports.views import ReportKind, ReportView
    from helpdesk.tickets.views.csat import CsatReportView

from helpdesk.bootstrap import container

from .common import LICENSE_ADMIN, REVENUE, app, query, verifier

# Who may ask for a report at all; what each role then sees is the reports context's scope (docs/reports.md).
REPORTS = Access.staff(Role.ADMIN, Role.MANAGER, Role.ACCOUNTANT, Role.DEVELOPER, Role.HR)
LEGACY_SALES = ("group",)  # the sales report's first contract (docs/invoices.md) names its grouping `group`


def _report(caller: Principal, kind: ReportKind, params: dict[str, str]) -> ReportView | Response:
    from helpdesk.reports.views import ReportQuery

    wanted = ReportQuery.model_validate(params)
    reports = container().reports
    report = reports.report(caller, kind, wanted)
    if wanted.format == "json":
        return report
    exported = reports.export(report, wanted.format)
    return Response(body=exported.payload, headers=exported.headers, status_code=200)


@route(app, "/reports/sales", access=REVENUE, verifier=verifier)
def sales_report(caller: Principal) -> SalesReportView | ReportView | Response:
    from helpdesk.billing.views import SalesReportQuery, SalesReportView
    from helpdesk.reports.views import ReportKind

    params = query()
    if any(name in params for name in LEGACY_SALES) or not ({"group_by", "format"} & set(params)):
        wanted = SalesReportQuery.model_validate(params)
        invoices = container().invoices
        rows = invoices.sales(wanted.start, wanted.end, wanted.group)
        return SalesReportView.of(wanted, invoices.accounting_currency, rows)
    return _report(caller, ReportKind.SALES, params)


@route(app, "/reports/{kind}", access=REPORTS, verifier=verifier)
def report(caller: Principal, kind: str) -> ReportView | Response:
    from helpdesk.reports.views import report_kind

    return _report(caller, report_kind(kind), query())


@route(app, "/reports/csat", access=LICENSE_ADMIN, verifier=verifier)
def csat_report(caller: Principal) -> CsatReportView:
    from helpdesk.tickets.views.csat import CsatReportQuery, CsatReportView

    start, end = CsatReportQuery.model_validate(query()).window()
    return CsatReportView.of(container().csat.report(start, end))
