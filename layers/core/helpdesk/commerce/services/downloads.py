"""Customers' downloads: from the cabinet (their organisation's licenses) and from the receipt (the key)."""

from __future__ import annotations

from helpdesk.commerce.model.releases import Release
from helpdesk.commerce.services.releases import ReleaseDesk
from helpdesk.commerce.services.self_service import held_license
from helpdesk.identity.public import Principal
from helpdesk.licensing.public import LicenseRepository, LicensingService


class LicenseDownloads:
    def __init__(
        self, licenses: LicenseRepository, licensing: LicensingService, releases: ReleaseDesk
    ) -> None:
        self._licenses, self._licensing, self._releases = licenses, licensing, releases

    def for_caller(self, caller: Principal, license_id: str) -> list[tuple[Release, str]]:
        """Someone else's license answers LicenseNotFound, exactly as a missing one does."""
        license = held_license(self._licenses, caller, license_id)
        return self._releases.downloads(license, (caller.email or "").lower())

    def for_key(self, key: str) -> list[tuple[Release, str]]:
        """The receipt's link: whoever has the key may download what it entitles."""
        return self._releases.downloads(self._licensing.license_for_key(key), "license key")
