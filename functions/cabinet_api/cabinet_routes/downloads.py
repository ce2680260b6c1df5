"""A license the caller holds: downloads, activations (free one), moving domain, ending or resuming it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpdesk.api.access import Principal, route
from helpdesk.bootstrap import container

if TYPE_CHECKING:
    from helpdesk.cabinet.views import OrderPageView, RenewalSessionView
    from helpdesk.commerce.views.releases import DownloadView
    from helpdesk.commerce.views.self_service import (
        LicenseActivationsView,
        MovedLicenseView,
        RenewalView,
    )


from .common import CUSTOMER, app, body, verifier


@route(app, "/licenses/{license_id}/downloads", access=CUSTOMER, verifier=verifier)
def license_downloads(caller: Principal, license_id: str) -> list[DownloadView]:
    from helpdesk.commerce.views.releases import download_views

    return download_views(container().license_downloads.for_caller(caller, license_id))


@route(app, "/licenses/{license_id}/activations", access=CUSTOMER, verifier=verifier)
def license_activations(caller: Principal, license_id: str) -> LicenseActivationsView:
    from helpdesk.commerce.views.self_service import LicenseActivationsView

    return LicenseActivationsView.of(*container().license_self_service.activations(caller, license_id))


@route(app, "/licenses/{license_id}/deactivate", access=CUSTOMER, verifier=verifier, methods=["POST"])
def deactivate_host(caller: Principal, license_id: str) -> LicenseActivationsView:
    from helpdesk.commerce.views.self_service import DeactivateRequest, LicenseActivationsView

    service = container().license_self_service
    service.deactivate(caller, license_id, DeactivateRequest.model_validate(body()).host)
    return LicenseActivationsView.of(*service.activations(caller, license_id))


@route(app, "/licenses/{license_id}/move", access=CUSTOMER, verifier=verifier, methods=["POST"])
def move_license(caller: Principal, license_id: str) -> MovedLicenseView:
    from helpdesk.commerce.views.self_service import MovedLicenseView, MoveDomainRequest

    move = MoveDomainRequest.model_validate(body())
    license, key = container().license_self_service.move_domain(
        caller, license_id, move.old_domain, move.new_domain
    )
    return MovedLicenseView(license_id=license.id, domains=list(license.domains), key=key)


@route(app, "/licenses/{license_id}/cancel", access=CUSTOMER, verifier=verifier, methods=["POST"])
def cancel_at_period_end(caller: Principal, license_id: str) -> RenewalView:
    from helpdesk.commerce.views.self_service import RenewalView

    return RenewalView.of(container().license_self_service.cancel_renewal(caller, license_id))


@route(app, "/licenses/{license_id}/resume-renewal", access=CUSTOMER, verifier=verifier, methods=["POST"])
def resume_renewal(caller: Principal, license_id: str) -> RenewalView:
    from helpdesk.commerce.views.self_service import RenewalView

    return RenewalView.of(container().license_self_service.resume_renewal(caller, license_id))


@route(app, "/orders/{order_id}", access=CUSTOMER, verifier=verifier)
def order_page(caller: Principal, order_id: str) -> OrderPageView:
    """The order, its invoices, licenses and tasks; a foreign order answers as an unknown one."""
    return container().order_pages.page(caller, order_id)


@route(app, "/licenses/{license_id}/upgrade", access=CUSTOMER, verifier=verifier, methods=["POST"])
def upgrade_license(caller: Principal, license_id: str) -> RenewalSessionView:
    """Pay the difference to a higher edition: answers the payment page, as renewing does."""
    from helpdesk.cabinet.views import RenewalSessionView
    from helpdesk.commerce.views.license_console import UpgradeRequest

    edition = UpgradeRequest.model_validate(body()).edition
    back = f"{container().settings.cabinet_url.rstrip('/')}/#/licenses"
    session = container().cabinet_renewals.upgrade(caller, license_id, edition, back)
    return RenewalSessionView(url=session.url, session_id=session.id)
