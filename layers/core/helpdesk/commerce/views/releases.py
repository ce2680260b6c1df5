"""Bodies and views of releases (staff), downloads (cabinet, receipt) and the update check (modules)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from helpdesk.commerce.model.releases import Release, UpdateAnswer


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ReleaseRequest(_Body):
    version: str = Field(min_length=1, max_length=40)
    changelog: str = Field("", max_length=20_000)
    min_platform_version: str = Field("", max_length=40)


class ReleaseCreatedView(BaseModel):
    release_id: str
    upload_url: str  # PUT the zip's bytes here (presigned, one hour)
    version: str


class ReleaseView(BaseModel):
    id: str
    version: str
    changelog: str
    min_platform_version: str
    created_at: datetime
    created_by: str
    ready: bool

    @classmethod
    def of(cls, r: Release) -> ReleaseView:
        return cls(**{k: getattr(r, k) for k in cls.model_fields})


class ReleaseListView(BaseModel):
    items: list[ReleaseView]


class DownloadView(BaseModel):
    version: str
    url: str  # presigned, short-lived
    file_name: str
    changelog: str
    min_platform_version: str
    released_at: datetime

    @classmethod
    def of(cls, release: Release, url: str) -> DownloadView:
        return cls(
            version=release.version,
            url=url,
            file_name=release.file_name,
            changelog=release.changelog,
            min_platform_version=release.min_platform_version,
            released_at=release.created_at,
        )


def download_views(found: list[tuple[Release, str]]) -> list[DownloadView]:
    return [DownloadView.of(r, url) for r, url in found]


class KeyDownloadsRequest(_Body):
    license_key: str = Field(min_length=10, max_length=4000)


class UpdateCheckRequest(_Body):
    license_key: str = Field(min_length=10, max_length=4000)
    domain: str = Field(min_length=1, max_length=255)
    current_version: str = Field(min_length=1, max_length=40)
    nonce: str | None = Field(None, min_length=1, max_length=64)


class UpdateCheckView(BaseModel):
    result: str  # update | current | invalid
    reason: str
    license_id: str
    domain: str
    current_version: str
    version: str
    changelog: str
    min_platform_version: str
    download_url: str
    nonce: str
    timestamp: datetime
    token: str  # the same facts signed (`HDU1.`): verify it before trusting any of the above

    @classmethod
    def of(cls, a: UpdateAnswer) -> UpdateCheckView:
        f = a.facts
        return cls(
            result=f.result,
            reason=f.reason,
            license_id=f.license_id,
            domain=f.domain,
            current_version=f.current_version,
            version=f.version,
            changelog=a.release.changelog if a.release else "",
            min_platform_version=a.release.min_platform_version if a.release else "",
            download_url=f.download_url,
            nonce=f.nonce,
            timestamp=f.timestamp,
            token=a.token,
        )
