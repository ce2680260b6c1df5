"""Module releases (a manager registers a version and PUTs its zip to the presigned URL answered), and
licenses for sales made on the CS-Cart marketplace."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpdesk.api.access import Access, Principal, Role, route
from helpdesk.api.errors import created
from helpdesk.bootstrap import container

if TYPE_CHECKING:
    from helpdesk.commerce.views.marketplace import ImportReportView
    from helpdesk.commerce.views.releases import (
        ReleaseListView,
    )


from .common import app, body, verifier

RELEASE_ADMIN = Access.staff(Role.ADMIN, Role.MANAGER)


@route(app, "/products/{slug}/releases", access=RELEASE_ADMIN, verifier=verifier, methods=["POST"])
def create_release(caller: Principal, slug: str) -> object:
    from helpdesk.commerce.views.releases import ReleaseCreatedView, ReleaseRequest

    r = ReleaseRequest.model_validate(body())
    by = caller.email or caller.shown_as
    release, upload_url = container().releases.create(
        slug, r.version, r.changelog, r.min_platform_version, by
    )
    return created(ReleaseCreatedView(release_id=release.id, upload_url=upload_url, version=release.version))


@route(app, "/products/{slug}/releases", access=RELEASE_ADMIN, verifier=verifier)
def list_releases(caller: Principal, slug: str) -> ReleaseListView:
    from helpdesk.commerce.views.releases import ReleaseListView, ReleaseView

    return ReleaseListView(items=[ReleaseView.of(r) for r in container().releases.releases(slug)])


@route(app, "/marketplace/cscart/imports", access=RELEASE_ADMIN, verifier=verifier, methods=["POST"])
def import_cscart_sales(caller: Principal) -> ImportReportView:
    """Licenses for the CS-Cart marketplace's order export; the same export again issues nothing new."""
    from helpdesk.commerce.views.marketplace import ImportReportView, MarketplaceImportRequest

    csv_text = MarketplaceImportRequest.model_validate(body()).csv
    return ImportReportView.of(container().marketplace_import.import_export(csv_text))
