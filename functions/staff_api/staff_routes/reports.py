"""Reports and invoice documents."""

from helpdesk.api.access import Principal, route
from helpdesk.billing.views import SalesReportQuery, SalesReportView
from helpdesk.bootstrap import container
from helpdesk.tickets.views.csat import CsatReportQuery, CsatReportView

from .common import LICENSE_ADMIN, REVENUE, app, query, verifier


@route(app, "/reports/sales", access=REVENUE, verifier=verifier)
def sales_report(caller: Principal) -> SalesReportView:
    wanted = SalesReportQuery.model_validate(query())
    invoices = container().invoices
    rows = invoices.sales(wanted.start, wanted.end, wanted.group)
    return SalesReportView.of(wanted, invoices.accounting_currency, rows)


@route(app, "/reports/csat", access=LICENSE_ADMIN, verifier=verifier)
def csat_report(caller: Principal) -> CsatReportView:
    start, end = CsatReportQuery.model_validate(query()).window()
    return CsatReportView.of(container().csat.report(start, end))
