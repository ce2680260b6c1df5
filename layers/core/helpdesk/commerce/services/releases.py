"""Releases of modules: staff upload them, license holders download the ones their updates period covers."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import replace

from helpdesk.commerce.model.catalogue import ProductNotFound
from helpdesk.commerce.model.releases import (
    Download,
    Release,
    ReleaseNotFound,
    entitled_releases,
    version_key,
)
from helpdesk.commerce.ports import ProductStore, ReleaseFiles, ReleaseStore
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Conflict
from helpdesk.licensing.public import License

UPLOAD_SECONDS = 3600  # a large zip over a slow line


class ReleaseExists(Conflict):
    """This version of the product was released already."""


class ReleaseDesk:
    def __init__(
        self,
        store: ReleaseStore,
        files: ReleaseFiles,
        products: ProductStore,
        clock: Clock,
        download_seconds: int,
        new_id: Callable[[], str] = lambda: f"rel_{secrets.token_hex(8)}",
    ) -> None:
        self._store, self._files, self._products, self._clock = store, files, products, clock
        self._seconds, self._new_id = download_seconds, new_id

    def create(
        self, product: str, version: str, changelog: str, min_platform_version: str, by: str
    ) -> tuple[Release, str]:
        """A new release and the presigned URL to PUT its zip to; it is offered once the zip has arrived."""
        if self._products.get(product) is None:
            raise ProductNotFound(product)
        key = version_key(version)
        if any(version_key(r.version) == key for r in self._store.for_product(product)):
            raise ReleaseExists(f"{product} {version} exists")
        release = Release(
            self._new_id(), product, version, changelog, min_platform_version, self._clock.now(), by
        )
        self._store.add(release)
        return release, self._files.upload_url(release.file_key, UPLOAD_SECONDS)

    def releases(self, product: str) -> list[Release]:
        """The product's releases, newest version first (those still waiting for their zip too)."""
        if self._products.get(product) is None:
            raise ProductNotFound(product)
        found = [self._checked(r) for r in self._store.for_product(product)]
        return sorted(found, key=lambda r: version_key(r.version), reverse=True)

    def entitled(self, license: License) -> list[Release]:
        """What the license may download, newest first."""
        found = [self._checked(r) for r in self._store.for_product(license.product)]
        return entitled_releases(found, license, self._clock.now())

    def download_url(self, license: License, release: Release, by: str) -> str:
        """A short-lived link to the zip; every link handed out is logged as a download."""
        if release.id not in {r.id for r in self.entitled(license)}:
            raise ReleaseNotFound(release.id)
        return self._link(license, release, by)

    def downloads(self, license: License, by: str) -> list[tuple[Release, str]]:
        return [(r, self._link(license, r, by)) for r in self.entitled(license)]

    def download_log(self, license_id: str) -> list[Download]:
        """Every link handed out for the license, oldest first."""
        return self._store.downloads(license_id)

    def _link(self, license: License, release: Release, by: str) -> str:
        # S3 does not tell us when a presigned link is used: handing one out is the download we log.
        now = self._clock.now()
        self._store.log_download(Download(license.id, release.id, release.version, by, now))
        return self._files.download_url(release.file_key, release.file_name, self._seconds)

    def _checked(self, release: Release) -> Release:
        if release.ready or not self._files.exists(release.file_key):
            return release
        ready = replace(release, ready=True)
        self._store.mark_ready(ready)
        return ready
