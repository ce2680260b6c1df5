"""The static sites as they go to their buckets on AWS: each site's files, the shared assets under `shared/`,
`callback.html` where a site has none of its own, and `shared/auth-config.js` generated from the stack's
outputs. The local front (web.py) serves exactly this set; tests/unit/web/test_site_deploy.py compares."""

from __future__ import annotations

import json
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NO_CACHE = {"index.html", "callback.html", "shared/auth-config.js"}  # what must change at once on a deploy


@dataclass(frozen=True)
class SiteSpec:
    host: str  # "shop", "console", "cabinet"
    directory: Path
    bucket_output: str  # the stack output naming its bucket
    distribution_output: str


OUTPUT_PREFIX = {"shop": "Shop", "console": "Console", "cabinet": "Cabinet"}


def site_specs(template: dict[str, Any], root: Path) -> list[SiteSpec]:
    """Every bucket the template marks as a site (`Metadata.LocalSite`), as the local stack finds them."""
    specs = []
    for spec in template["Resources"].values():
        meta = spec.get("Metadata", {}).get("LocalSite")
        if meta:
            prefix = OUTPUT_PREFIX[meta["Host"]]
            specs.append(
                SiteSpec(meta["Host"], root / meta["Dir"], f"{prefix}SiteBucket", f"{prefix}DistributionId")
            )
    return specs


def auth_config_script(client_id: str, auth_url: str) -> bytes:
    config = {"clientId": client_id, "authUrl": auth_url}
    return f"window.HELPDESK_AUTH = {json.dumps(config)};\n".encode()


def _tree(directory: Path, prefix: str = "") -> dict[str, bytes]:
    return {
        prefix + path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


def site_files(site: SiteSpec, shared: Path, auth_config: bytes) -> dict[str, bytes]:
    """Object key -> bytes of everything the site needs."""
    files = _tree(site.directory)
    files |= _tree(shared, "shared/")
    files.setdefault("callback.html", (shared / "callback.html").read_bytes())
    files["shared/auth-config.js"] = auth_config
    return files


def content_type(key: str) -> str:
    ctype = mimetypes.guess_type(key)[0] or "application/octet-stream"
    return ctype + "; charset=utf-8" if ctype.startswith("text/") or ctype.endswith("javascript") else ctype


def upload(s3: Any, bucket: str, files: dict[str, bytes]) -> None:
    """Put every file; objects the site no longer has are removed, so the bucket is the set and no more."""
    for key, body in files.items():
        cache = "no-cache" if key in NO_CACHE else "public, max-age=300"
        s3.put_object(Bucket=bucket, Key=key, Body=body, ContentType=content_type(key), CacheControl=cache)
    stale = [o["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket)
             for o in page.get("Contents", []) if o["Key"] not in files]  # fmt: skip
    for start in range(0, len(stale), 1000):
        batch = [{"Key": k} for k in stale[start : start + 1000]]
        s3.delete_objects(Bucket=bucket, Delete={"Objects": batch})


def deploy_sites(
    outputs: dict[str, str], template: dict[str, Any], root: Path, s3: Any, cloudfront: Any
) -> list[str]:
    """Upload every site to its bucket and invalidate its distribution; returns one line per site."""
    script = auth_config_script(outputs["WebClientId"], outputs["AuthDomainUrl"])
    done = []
    for site in site_specs(template, root):
        files = site_files(site, root / "web" / "shared", script)
        upload(s3, outputs[site.bucket_output], files)
        distribution = outputs.get(site.distribution_output)
        if distribution and cloudfront is not None:
            cloudfront.create_invalidation(
                DistributionId=distribution,
                InvalidationBatch={
                    "Paths": {"Quantity": 1, "Items": ["/*"]},
                    "CallerReference": f"{site.host}-{len(files)}",
                },
            )
        done.append(f"{site.host}: {len(files)} files to s3://{outputs[site.bucket_output]}")
    return done
