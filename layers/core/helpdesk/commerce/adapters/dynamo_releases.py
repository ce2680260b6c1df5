"""Releases and downloads in the `helpdesk` table: PRODUCT#<slug> / RELEASE#<id>, and
DOWNLOADS#<license id> / DOWNLOAD#<when>#<release id> (kept apart from the license's own items)."""

from __future__ import annotations

from helpdesk.commerce.model.releases import Download, Release
from helpdesk.kernel.adapters.dynamo_codec import dumps, loads
from helpdesk.kernel.adapters.dynamo_table import item_model


class DynamoReleaseStore:
    def __init__(self, table_name: str, region: str, endpoint_url: str | None = None) -> None:
        self._m = item_model(table_name, region, endpoint_url)

    def add(self, release: Release) -> None:
        self._m(
            f"PRODUCT#{release.product}", f"RELEASE#{release.id}", entity="release", data=dumps(release)
        ).save()

    def mark_ready(self, release: Release) -> None:
        self.add(release)

    def get(self, product: str, release_id: str) -> Release | None:
        try:
            item = self._m.get(f"PRODUCT#{product}", f"RELEASE#{release_id}")
        except self._m.DoesNotExist:
            return None
        return loads(Release, item.data or "{}")

    def for_product(self, product: str) -> list[Release]:
        items = self._m.query(f"PRODUCT#{product}", self._m.sk.startswith("RELEASE#"))
        return [loads(Release, item.data or "{}") for item in items]

    def log_download(self, download: Download) -> None:
        sk = f"DOWNLOAD#{download.at.isoformat()}#{download.release_id}"
        self._m(f"DOWNLOADS#{download.license_id}", sk, entity="download", data=dumps(download)).save()

    def downloads(self, license_id: str) -> list[Download]:
        items = self._m.query(f"DOWNLOADS#{license_id}", self._m.sk.startswith("DOWNLOAD#"))
        return [loads(Download, item.data or "{}") for item in items]
