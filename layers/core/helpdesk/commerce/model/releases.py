"""Module releases: versions of a product's zip, and which of them a license entitles its holder to (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from helpdesk.kernel.errors import Invalid, NotFound
from helpdesk.licensing.public import License, UpdateFacts

VERSION = re.compile(r"^\d{1,5}(\.\d{1,5}){0,3}$")


class ReleaseNotFound(NotFound):
    """No such release of this product (or not one the caller may have)."""


class ReleaseVersionInvalid(Invalid):
    """A version is dotted numbers, like 1.0 or 4.18.2."""


def version_key(version: str) -> tuple[int, ...]:
    """`1.10` sorts after `1.9`; trailing zeros do not count (`1.0` is `1`)."""
    if not VERSION.match(version):
        raise ReleaseVersionInvalid(f"{version!r} is not a version like 1.0 or 4.18.2")
    parts = [int(p) for p in version.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


@dataclass(frozen=True)
class Release:
    id: str
    product: str
    version: str
    changelog: str
    min_platform_version: str
    created_at: datetime
    created_by: str
    ready: bool = False  # its zip has arrived in the bucket

    @property
    def file_key(self) -> str:
        return f"releases/{self.product}/{self.id}.zip"

    @property
    def file_name(self) -> str:
        return f"{self.product}-{self.version}.zip"


def entitled(release: Release, license: License, now: datetime) -> bool:
    """A usable license of the product gets the releases published while its updates run."""
    if release.product != license.product or not license.state_at(now).usable:
        return False
    return license.updates_until is None or release.created_at <= license.updates_until


def entitled_releases(releases: list[Release], license: License, now: datetime) -> list[Release]:
    """The ready releases the license may download, newest version first."""
    mine = [r for r in releases if r.ready and entitled(r, license, now)]
    return sorted(mine, key=lambda r: version_key(r.version), reverse=True)


@dataclass(frozen=True)
class Download:
    license_id: str
    release_id: str
    version: str
    by: str  # the customer's e-mail, "receipt link" or "update check <domain>"
    at: datetime


@dataclass(frozen=True)
class UpdateAnswer:
    facts: UpdateFacts
    release: Release | None  # the offered release (result "update"), else None
    token: str  # the facts, signed for the module
