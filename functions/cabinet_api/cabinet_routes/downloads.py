"""The releases a license of the caller's organisation entitles them to, as short-lived links."""

from helpdesk.api.access import Principal, route
from helpdesk.bootstrap import container
from helpdesk.commerce.views.releases import DownloadView, download_views

from .common import CUSTOMER, app, verifier


@route(app, "/licenses/{license_id}/downloads", access=CUSTOMER, verifier=verifier)
def license_downloads(caller: Principal, license_id: str) -> list[DownloadView]:
    return download_views(container().license_downloads.for_caller(caller, license_id))
