"""Customers' downloads: from the cabinet (their organisation's licenses) and from the receipt (the key)."""

from __future__ import annotations

from helpdesk.commerce.model.releases import Release
from helpdesk.commerce.services.checkout import NO_SUCH_LICENSE, holds
from helpdesk.commerce.services.releases import ReleaseDesk
from helpdesk.identity.public import Principal, organisation_scope
from helpdesk.kernel.errors import Forbidden
from helpdesk.licensing.public import LicenseNotFound, LicenseRepository, LicensingService
from helpdesk.tickets.public import customer_id_for


class LicenseDownloads:
    def __init__(
        self, licenses: LicenseRepository, licensing: LicensingService, releases: ReleaseDesk
    ) -> None:
        self._licenses, self._licensing, self._releases = licenses, licensing, releases

    def for_caller(self, caller: Principal, license_id: str) -> list[tuple[Release, str]]:
        """Someone else's license answers LicenseNotFound, exactly as a missing one does."""
        organisation = organisation_scope(caller)
        if not caller.email:
            raise Forbidden("the token carries no e-mail address")
        try:
            license = self._licenses.get(license_id)
        except LicenseNotFound:
            raise LicenseNotFound(NO_SUCH_LICENSE) from None
        if not holds(license, customer_id_for(caller.email.lower()), organisation):
            raise LicenseNotFound(NO_SUCH_LICENSE)
        return self._releases.downloads(license, caller.email.lower())

    def for_key(self, key: str) -> list[tuple[Release, str]]:
        """The receipt's link: whoever has the key may download what it entitles."""
        return self._releases.downloads(self._licensing.license_for_key(key), "license key")
