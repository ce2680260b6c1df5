"""The update check of installed modules: the newest release the license entitles, signed for the module."""

from __future__ import annotations

import secrets

from helpdesk.commerce.model.releases import UpdateAnswer, version_key
from helpdesk.commerce.services.releases import ReleaseDesk
from helpdesk.kernel.clock import Clock
from helpdesk.licensing.public import LicensingService, UpdateFacts


class UpdateCheck:
    def __init__(self, licensing: LicensingService, releases: ReleaseDesk, clock: Clock) -> None:
        self._licensing, self._releases, self._clock = licensing, releases, clock

    def check(self, key: str, domain: str, current_version: str, nonce: str | None = None) -> UpdateAnswer:
        """A module asks; an invalid key or domain is a signed "invalid" answer, as validation gives."""
        current = version_key(current_version)  # a malformed version is the caller's error (422)
        license, refusal, host = self._licensing.check_for_updates(key, domain)
        newest = self._releases.entitled(license)[:1] if license is not None and not refusal else []
        offered = newest[0] if newest and version_key(newest[0].version) > current else None
        url = (
            self._releases.download_url(license, offered, f"update check {host}")
            if offered and license
            else ""
        )
        facts = UpdateFacts(
            license_id=license.id if license else "",
            product=license.product if license else "",
            domain=host,
            result="invalid" if refusal else ("update" if offered else "current"),
            reason=refusal,
            current_version=current_version,
            version=newest[0].version if newest else "",
            download_url=url,
            updates_until=license.updates_until if license else None,
            timestamp=self._clock.now(),
            nonce=nonce or secrets.token_urlsafe(12),
        )
        return UpdateAnswer(facts, offered, self._licensing.sign_update(facts))
