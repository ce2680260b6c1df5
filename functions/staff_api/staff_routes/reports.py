"""Reports and invoice documents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpdesk.api.access import Principal, route

if TYPE_CHECKING:
    from helpdesk.billing.views import SalesReportView
    from helpdesk.tickets.views.csat import CsatReportView
    from helpdesk.tickets.views.tickets import DownloadView

from helpdesk.bootstrap import container

from .common import LICENSE_ADMIN, REVENUE, SUPPORT, app, query, verifier


@route(app, "/invoices/{invoice_id}/download", access=SUPPORT, verifier=verifier)
def download_invoice(caller: Principal, invoice_id: str) -> DownloadView:
    from helpdesk.tickets.views.tickets import DownloadView

    url = container().invoices.download_url(caller, invoice_id)
    return DownloadView(url=url, expires_in=container().settings.download_url_expiry_seconds)


@route(app, "/reports/sales", access=REVENUE, verifier=verifier)
def sales_report(caller: Principal) -> SalesReportView:
    from helpdesk.billing.views import SalesReportQuery, SalesReportView

    wanted = SalesReportQuery.model_validate(query())
    invoices = container().invoices
    rows = invoices.sales(wanted.start, wanted.end, wanted.group)
    return SalesReportView.of(wanted, invoices.accounting_currency, rows)


@route(app, "/reports/csat", access=LICENSE_ADMIN, verifier=verifier)
def csat_report(caller: Principal) -> CsatReportView:
    from helpdesk.tickets.views.csat import CsatReportQuery, CsatReportView

    start, end = CsatReportQuery.model_validate(query()).window()
    return CsatReportView.of(container().csat.report(start, end))
