"""The tantivy index kept in S3 (in-process moto): one writer publishes, readers follow the manifest, and
nothing a crash, a slow reader or a second writer does loses documents or shows a half-published index."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from helpdesk.kernel.errors import Unavailable
from helpdesk.search.adapters.s3_replica import IndexPublishConflict, S3IndexReplica
from helpdesk.search.adapters.tantivy_s3 import S3TantivySearchIndex
from helpdesk.search.model.documents import DocumentType, SearchDocument, SearchQuery
from moto import mock_aws

pytestmark = pytest.mark.integration

REGION, BUCKET = "eu-central-1", "search-index-test"


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


class Hooked:
    """The S3 client, with a hook before chosen calls (to fail them or let another writer act first)."""

    def __init__(self, s3: Any) -> None:
        self._s3 = s3
        self.before: dict[str, Callable[[], None]] = {}

    def __getattr__(self, name: str) -> Any:
        call = getattr(self._s3, name)
        hook = self.before.get(name)
        if hook is None:
            return call

        def hooked(*args: Any, **kwargs: Any) -> Any:
            once = self.before.pop(name, None)  # downloads run in threads: the first one runs the hook
            if once is not None:
                once()
            return call(*args, **kwargs)

        return hooked

    def after_the_manifest(self, hook: Callable[[], None]) -> None:
        """Run `hook` before the first file download that follows the next manifest fetch."""
        self.before["get_object"] = lambda: self.before.update(get_object=hook)


@pytest.fixture
def s3() -> Iterator[Any]:
    with mock_aws():
        client = boto3.client("s3", region_name=REGION)
        client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
        yield client


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make(s3: Any, tmp_path: Path, clock: Clock) -> Callable[..., tuple[S3TantivySearchIndex, Hooked]]:
    def build(name: str, **options: Any) -> tuple[S3TantivySearchIndex, Hooked]:
        client = Hooked(s3)
        options = {"check_seconds": 0, "clock": clock, "monotonic": clock} | options
        replica = S3IndexReplica(client, BUCKET, tmp_path / name, **options)
        return S3TantivySearchIndex(replica), client

    return build


def message(doc_id: str, body: str) -> SearchDocument:
    return SearchDocument(id=doc_id, type=DocumentType.MESSAGE, title="Invoice", body=body)


def found(index: S3TantivySearchIndex, text: str) -> list[str]:
    return sorted(hit.id for hit in index.search(SearchQuery(text=text, page_size=100)).hits)


def manifest_etag(s3: Any) -> str:
    return s3.head_object(Bucket=BUCKET, Key="index/manifest.json")["ETag"]


def test_a_reader_sees_what_the_writer_published_once_its_check_interval_passed(make, clock) -> None:
    writer, _ = make("writer")
    writer.index([message("m1", "the invoice is overdue")])
    reader, _ = make("reader", check_seconds=5)
    assert found(reader, "invoice") == ["m1"]
    writer.index([message("m2", "second invoice attached")])
    writer.delete(["message:m1"])
    assert found(reader, "invoice") == ["m1"]  # checked less than 5 s ago: the copy it has
    clock.now += 5
    assert found(reader, "invoice") == ["m2"]


def test_a_search_asks_s3_once_per_check_interval_and_downloads_only_new_files(make, s3, clock) -> None:
    writer, _ = make("writer")
    writer.index([message("m1", "invoice one")])
    reader, _ = make("reader", check_seconds=5)
    found(reader, "invoice")
    calls: list[str] = []
    s3.meta.events.register("before-call.s3", lambda model, **_: calls.append(model.name))
    for _ in range(3):
        found(reader, "invoice")
    assert calls == []
    writer.index([message("m2", "invoice two")])
    calls.clear()
    clock.now += 5
    assert found(reader, "invoice") == ["m1", "m2"]
    # The manifest, then one GET per file of the new segment; nothing listed, nothing written.
    assert set(calls) == {"GetObject"} and 1 + 5 <= len(calls) <= 1 + 7


def test_a_reader_whose_sync_fails_midway_keeps_answering_from_the_old_manifest(make) -> None:
    writer, _ = make("writer")
    writer.index([message("m1", "invoice one")])
    reader, client = make("reader")
    assert found(reader, "invoice") == ["m1"]
    writer.index([message("m2", "invoice two")])

    def network_drops() -> None:
        raise OSError("connection reset")

    client.after_the_manifest(network_drops)
    assert found(reader, "invoice") == ["m1"]
    assert found(reader, "invoice") == ["m1", "m2"]


def test_a_reader_mid_download_finds_the_old_files_for_the_grace_period(make, s3, clock) -> None:
    writer, _ = make("writer", retire_seconds=900)
    writer.index([message("m1", "invoice one")])
    first_files = _keys(s3)
    reader, client = make("reader")
    # While the reader downloads the first manifest's files, the writer replaces every segment.
    client.after_the_manifest(lambda: writer.rebuild([message("m9", "invoice nine")]))
    assert found(reader, "invoice") == ["m1"]
    assert found(reader, "invoice") == ["m9"]
    old_files = _keys(s3)
    clock.now += 900
    writer.index([message("m10", "invoice ten")])  # the next publish after the grace period deletes them
    assert found(reader, "invoice") == ["m10", "m9"]
    assert old_files - _keys(s3) == first_files and len(first_files) == 1


def test_without_the_grace_period_that_reader_would_fail(make) -> None:
    writer, _ = make("writer", retire_seconds=0)
    writer.index([message("m1", "invoice one")])
    reader, client = make("reader")
    client.after_the_manifest(lambda: writer.rebuild([message("m9", "invoice nine")]))
    with pytest.raises(Unavailable):
        found(reader, "invoice")


def test_a_crashed_upload_without_a_manifest_changes_nothing(make, s3) -> None:
    writer, client = make("writer")
    writer.index([message("m1", "invoice one")])
    reader, _ = make("reader")
    assert found(reader, "invoice") == ["m1"]
    before = manifest_etag(s3)

    def crash() -> None:
        raise RuntimeError("the Lambda timed out before the manifest")

    client.before["put_object"] = crash
    with pytest.raises(RuntimeError):
        writer.index([message("m2", "invoice two")])
    assert manifest_etag(s3) == before
    assert found(reader, "invoice") == ["m1"]
    writer.index([message("m2", "invoice two")])  # the stream retries the batch
    assert found(reader, "invoice") == ["m1", "m2"]
    assert found(writer, "invoice") == ["m1", "m2"]


def test_a_second_writers_manifest_is_refused_and_its_retry_keeps_both_writers_documents(make) -> None:
    first, _ = make("first")
    first.index([message("m0", "invoice zero")])
    second, client = make("second")
    # The second writer has synced and committed; the first publishes before the second's manifest.
    client.before["upload_file"] = lambda: first.index([message("m1", "invoice one")])
    with pytest.raises(IndexPublishConflict):
        second.index([message("m2", "invoice two")])
    reader, _ = make("reader")
    assert found(reader, "invoice") == ["m0", "m1"]
    second.index([message("m2", "invoice two")])
    assert found(reader, "invoice") == ["m0", "m1", "m2"]


def _keys(s3: Any) -> set[str]:
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix="index/packs/")
    return {o["Key"] for page in pages for o in page.get("Contents", [])}


def test_the_stream_indexer_publishes_through_the_container_for_the_search_routes(
    s3, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from helpdesk.bootstrap import container
    from helpdesk.settings import get_settings

    from tests.support.lambdas import invoke, sample_event

    for name, value in {
        "SEARCH_BACKEND": "tantivy-s3",
        "SEARCH_BUCKET": BUCKET,
        "SEARCH_INDEX_DIR": str(tmp_path / "indexer"),
        "REGION": REGION,
    }.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    container.cache_clear()
    try:
        answer = invoke(
            "StreamIndexerFunction", sample_event("stream_indexer/ticket_opened_and_message_removed.json")
        )
    finally:
        get_settings.cache_clear()
        container.cache_clear()
    assert answer == {"batchItemFailures": []}
    reader = S3TantivySearchIndex(S3IndexReplica(s3, BUCKET, tmp_path / "api", check_seconds=0))
    assert [(h.type, h.id) for h in reader.search(SearchQuery(text="счёт заказ")).hits] == [
        (DocumentType.TICKET, "t1")
    ]
