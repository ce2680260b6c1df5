"""License search and the license console's actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpdesk.api.access import Principal, route
from helpdesk.bootstrap import container

if TYPE_CHECKING:
    from helpdesk.commerce.views.license_console import (
        LicenseListPageView,
        LicensePageView,
    )
    from helpdesk.licensing.views.renewals import AtRiskView


from .common import LICENSE_ADMIN, REVENUE, SUPPORT, app, body, query, verifier


@route(app, "/licenses", access=SUPPORT, verifier=verifier)
def search_licenses(caller: Principal) -> LicenseListPageView:
    from helpdesk.commerce.views.license_console import LicenseSearch

    return container().license_console.search(LicenseSearch.model_validate(query()))


@route(app, "/licenses/at-risk", access=REVENUE, verifier=verifier)
def licenses_at_risk(caller: Principal) -> AtRiskView:
    c = container()
    return c.licenses_at_risk.view(c.clock.now())


@route(app, "/licenses/{license_id}", access=SUPPORT, verifier=verifier)
def get_license(caller: Principal, license_id: str) -> LicensePageView:
    return container().license_console.page(license_id)


@route(app, "/licenses/{license_id}/transfer", access=LICENSE_ADMIN, verifier=verifier, methods=["POST"])
def transfer_license(caller: Principal, license_id: str) -> LicensePageView:
    from helpdesk.commerce.views.license_console import TransferRequest

    move = TransferRequest.model_validate(body())
    return container().license_console.transfer(
        license_id, move.old_domain, move.new_domain, caller.shown_as, move.reason
    )


@route(app, "/licenses/{license_id}/upgrade", access=LICENSE_ADMIN, verifier=verifier, methods=["POST"])
def upgrade_license(caller: Principal, license_id: str) -> LicensePageView:
    from helpdesk.commerce.views.license_console import UpgradeRequest

    edition = UpgradeRequest.model_validate(body()).edition
    return container().license_console.upgrade(license_id, edition, caller.shown_as)


@route(app, "/licenses/{license_id}/suspend", access=LICENSE_ADMIN, verifier=verifier, methods=["POST"])
def suspend_license(caller: Principal, license_id: str) -> LicensePageView:
    from helpdesk.commerce.views.license_console import ReasonRequest

    reason = ReasonRequest.model_validate(body()).reason
    return container().license_console.suspend(license_id, reason, caller.shown_as)


@route(app, "/licenses/{license_id}/resume", access=LICENSE_ADMIN, verifier=verifier, methods=["POST"])
def resume_license(caller: Principal, license_id: str) -> LicensePageView:
    from helpdesk.commerce.views.license_console import ResumeRequest

    reason = ResumeRequest.model_validate(body() or {}).reason
    return container().license_console.resume(license_id, caller.shown_as, reason)


@route(app, "/licenses/{license_id}/revoke", access=LICENSE_ADMIN, verifier=verifier, methods=["POST"])
def revoke_license(caller: Principal, license_id: str) -> LicensePageView:
    from helpdesk.commerce.views.license_console import ReasonRequest

    reason = ReasonRequest.model_validate(body()).reason
    return container().license_console.revoke(license_id, reason, caller.shown_as)


@route(app, "/licenses/{license_id}/extend", access=LICENSE_ADMIN, verifier=verifier, methods=["POST"])
def extend_license(caller: Principal, license_id: str) -> LicensePageView:
    from helpdesk.commerce.views.license_console import ExtendRequest

    extend = ExtendRequest.model_validate(body())
    return container().license_console.extend(license_id, extend.until, caller.shown_as, extend.reason)
