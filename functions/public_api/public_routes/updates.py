"""Downloads by license key (the receipt's link) and the update check of installed modules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpdesk.api.access import Principal, route
from helpdesk.bootstrap import container

if TYPE_CHECKING:
    from helpdesk.commerce.views.releases import (
        DownloadView,
        UpdateCheckView,
    )


from .common import PUBLIC, app, body, client_address, verifier


@route(app, "/downloads", access=PUBLIC, verifier=verifier, methods=["POST"])
def downloads_by_key(caller: Principal | None) -> list[DownloadView]:
    from helpdesk.commerce.views.releases import KeyDownloadsRequest, download_views

    request = KeyDownloadsRequest.model_validate(body())
    container().license_rate_limiter.check("license_validate", request.license_key, client_address())
    return download_views(container().license_downloads.for_key(request.license_key))


@route(app, "/updates/check", access=PUBLIC, verifier=verifier, methods=["POST"])
def check_for_updates(caller: Principal | None) -> UpdateCheckView:
    from helpdesk.commerce.views.releases import UpdateCheckRequest, UpdateCheckView

    r = UpdateCheckRequest.model_validate(body())
    container().license_rate_limiter.check("license_validate", r.license_key, client_address())
    return UpdateCheckView.of(
        container().update_check.check(r.license_key, r.domain, r.current_version, r.nonce)
    )
