"""A tantivy index directory kept in S3: one writer uploads a commit's new files as one pack, then a manifest;
readers trust only the manifest. A pack leaves S3 a grace period after a newer manifest stopped naming it, so
a reader still downloading an older manifest's files finds them (docs/search.md, "tantivy on S3")."""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from botocore.exceptions import ClientError

from helpdesk.kernel.errors import Conflict

MANIFEST = "manifest.json"
META = "meta.json"
STATE = ".s3-replica.json"  # which manifest the local copy holds: a kept /tmp or .local survives a restart
DOWNLOAD_THREADS = 8
NOT_MODIFIED = {"304", "NotModified"}
REFUSED = {"412", "PreconditionFailed", "409", "ConditionalRequestConflict"}


class IndexPublishConflict(Conflict):
    """Another writer published a manifest since this one synced: retry the batch on top of it."""


@dataclass
class Manifest:
    generation: int = 0
    meta: str = ""  # tantivy's meta.json of the commit: the segments (and their deletes) that make the index
    files: dict[str, str] = field(default_factory=dict)  # local file name -> "<pack key>#<offset>+<size>"
    retired: dict[str, float] = field(default_factory=dict)  # pack key -> epoch seconds it left the index

    def packs(self) -> set[str]:
        return {location.rsplit("#", 1)[0] for location in self.files.values()}

    def encode(self) -> bytes:
        return json.dumps(asdict(self), sort_keys=True).encode()

    @classmethod
    def decode(cls, raw: bytes) -> Manifest:
        return cls(**json.loads(raw))


def committed_files(meta: str, names: list[str]) -> set[str]:
    """The files of `names` a tantivy meta.json needs: every segment's own files and its current deletes."""
    wanted = set()
    for segment in json.loads(meta)["segments"]:
        prefix = segment["segment_id"].replace("-", "") + "."
        deletes = f"{prefix}{segment['deletes']['opstamp']}.del" if segment.get("deletes") else None
        wanted |= {n for n in names if n.startswith(prefix) and (not n.endswith(".del") or n == deletes)}
    return wanted


class S3IndexReplica:
    def __init__(
        self,
        s3: Any,
        bucket: str,
        directory: str | Path,
        prefix: str = "index/",
        check_seconds: float = 5.0,
        retire_seconds: float = 900.0,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._s3, self._bucket, self._prefix = s3, bucket, prefix
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self._check_seconds, self._retire_seconds = check_seconds, retire_seconds
        self._clock, self._monotonic = clock, monotonic
        self._checked_at: float | None = None
        self.etag, self.manifest = self._load_state()

    @property
    def holds_a_copy(self) -> bool:
        return (self.directory / META).exists()

    def refresh(self, force: bool = False) -> bool:
        """Bring the local copy to the newest manifest (one request per `check_seconds` at most, unless
        forced). True when it changed. A failed download leaves meta.json as it was: the old commit stays."""
        now = self._monotonic()
        if not force and self._checked_at is not None and now - self._checked_at < self._check_seconds:
            return False
        fetched = self._fetch_manifest()
        self._checked_at = now
        if fetched is None:
            return False
        etag, manifest = fetched
        missing = [
            (key, name)
            for name, key in manifest.files.items()
            if self.manifest.files.get(name) != key or not (self.directory / name).exists()
        ]
        with ThreadPoolExecutor(DOWNLOAD_THREADS) as pool:  # a cold copy is many files: fetch them together
            list(pool.map(lambda job: self._download(*job), missing))
        _write_atomically(self.directory / META, manifest.meta.encode())
        self._adopt(etag, manifest)
        return True

    def publish(self) -> None:
        """Upload the files of the local commit that S3 lacks, then the manifest, only if no other writer
        published since this copy synced (If-Match); then delete what left the index a grace period ago."""
        try:
            self._publish()
        except ClientError as error:
            self.forget()
            if error.response.get("Error", {}).get("Code") in REFUSED:
                raise IndexPublishConflict("another writer published the search index first") from error
            raise
        except BaseException:
            self.forget()
            raise

    def _publish(self) -> None:
        meta = (self.directory / META).read_text()
        wanted = committed_files(meta, [p.name for p in self.directory.iterdir()])
        files = {name: self.manifest.files[name] for name in wanted if name in self.manifest.files}
        files |= self._upload_pack(sorted(wanted - set(files)))
        now = self._clock()
        retired = dict(self.manifest.retired)
        kept = Manifest(files=files).packs()
        retired.update({key: now for key in self.manifest.packs() if key not in kept})
        expired = sorted(key for key, at in retired.items() if now - at >= self._retire_seconds)
        manifest = Manifest(self.manifest.generation + 1, meta, files, {
            k: at for k, at in retired.items() if k not in expired})  # fmt: skip
        condition = {"IfMatch": self.etag} if self.etag else {"IfNoneMatch": "*"}
        answer = self._s3.put_object(
            Bucket=self._bucket, Key=self._prefix + MANIFEST, Body=manifest.encode(), **condition
        )
        self._adopt(answer["ETag"], manifest)
        for chunk in range(0, len(expired), 1000):  # named by no manifest since the grace period began
            objects = [{"Key": key} for key in expired[chunk : chunk + 1000]]
            self._s3.delete_objects(Bucket=self._bucket, Delete={"Objects": objects, "Quiet": True})

    def _upload_pack(self, names: list[str]) -> dict[str, str]:
        """One object for all of a commit's new files (a PUT each would cost 4x more): their locations."""
        if not names:
            return {}
        key = f"{self._prefix}packs/{uuid.uuid4().hex}"  # never reused: writers cannot clobber each other
        pack, offset, located = self.directory / ".pack.part", 0, {}
        with pack.open("wb") as out:
            for name in names:
                with (self.directory / name).open("rb") as part:
                    shutil.copyfileobj(part, out, 1 << 20)
                size = out.tell() - offset
                located[name], offset = f"{key}#{offset}+{size}", offset + size
        try:
            self._s3.upload_file(str(pack), self._bucket, key)
        finally:
            pack.unlink(missing_ok=True)
        return located

    def forget(self) -> None:
        """The local copy holds an unpublished commit: the next refresh puts the manifest's state back."""
        self.etag, self._checked_at = None, None
        self.manifest = Manifest(files=self.manifest.files)

    def _fetch_manifest(self) -> tuple[str, Manifest] | None:
        condition = {"IfNoneMatch": self.etag} if self.etag else {}
        try:
            answer = self._s3.get_object(Bucket=self._bucket, Key=self._prefix + MANIFEST, **condition)
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code")
            if code in NOT_MODIFIED or (code == "NoSuchKey" and self.etag is None):
                return None
            raise
        return answer["ETag"], Manifest.decode(answer["Body"].read())

    def _download(self, location: str, name: str) -> None:
        key, span = location.rsplit("#", 1)
        offset, size = (int(n) for n in span.split("+"))
        partial = self.directory / f".{name}.part"
        with partial.open("wb") as out:
            if size:
                wanted = f"bytes={offset}-{offset + size - 1}"
                body = self._s3.get_object(Bucket=self._bucket, Key=key, Range=wanted)["Body"]
                for chunk in body.iter_chunks(1 << 20):
                    out.write(chunk)
        os.replace(partial, self.directory / name)

    def _adopt(self, etag: str, manifest: Manifest) -> None:
        self.etag, self.manifest = etag, manifest
        keep = set(manifest.files) | {META}
        for path in self.directory.iterdir():
            if path.name not in keep and not path.name.startswith("."):
                path.unlink(missing_ok=True)  # open readers keep their mapped files on Linux
        _write_atomically(self.directory / STATE, json.dumps({"etag": etag, **asdict(manifest)}).encode())

    def _load_state(self) -> tuple[str | None, Manifest]:
        try:
            state = json.loads((self.directory / STATE).read_text())
        except (OSError, ValueError):
            return None, Manifest()
        return state.pop("etag"), Manifest(**state)


def _write_atomically(path: Path, data: bytes) -> None:
    partial = path.with_name(f".{path.name}.part")
    partial.write_bytes(data)
    os.replace(partial, path)
