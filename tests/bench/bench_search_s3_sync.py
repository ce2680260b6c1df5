"""Search on tantivy-s3: how big the index of 10,000 tickets a month is after 12 months, how long a fresh
Lambda's copy takes to sync, and how long the writer takes to publish one more batch (search's freshness).

Run: `.venv/bin/python -m pytest tests/bench/bench_search_s3_sync.py -m bench -s -p no:cacheprovider`
(HELPDESK_BENCH_S3_DOCS, default 720,000: 10,000 tickets x 12 months x 6 documents; the search bench's
generated mail-like corpus). S3 is moto in-process here, so the sync's transfer time is this machine's; the
printed estimate for Lambda adds the bytes at SYNC_MB_PER_SECOND (helpdesk_local.cost_search) instead.
Results: docs/search.md, "tantivy on S3".
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import boto3
import pytest
from helpdesk.search.adapters.s3_replica import S3IndexReplica
from helpdesk.search.adapters.tantivy_s3 import S3TantivySearchIndex
from helpdesk.search.model.documents import DocumentType, SearchDocument, SearchQuery
from helpdesk_local.cost_search import SYNC_MB_PER_SECOND
from moto import mock_aws

sys.path.insert(0, str(Path(__file__).parent))

from search_corpus import MAILBOXES, STATUSES, Corpus  # noqa: E402

pytestmark = pytest.mark.bench

T0 = datetime(2025, 1, 1, tzinfo=UTC)


def documents(corpus: Corpus):  # type: ignore[no-untyped-def]
    for doc in corpus.documents():
        yield SearchDocument(
            id=str(doc.number),
            type=DocumentType.MESSAGE,
            title=doc.title,
            body=doc.body,
            mailbox=MAILBOXES[doc.mailbox],
            status=STATUSES[doc.status],
            organisation_id=f"org-{doc.number % 1000}",
            ticket_id=f"t{doc.number // 6}",
            created_at=T0 + timedelta(seconds=doc.number * 40),
        )


def seconds(call) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def run(workdir: Path, size: int) -> dict:
    corpus = Corpus(size)
    with mock_aws():
        s3 = boto3.client("s3", region_name="eu-central-1")
        s3.create_bucket(Bucket="index", CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
        writer = S3TantivySearchIndex(S3IndexReplica(s3, "index", workdir / "writer"))
        build_s = seconds(lambda: writer.rebuild(documents(corpus)))
        files = [p for p in (workdir / "writer").iterdir() if not p.name.startswith(".")]
        index_bytes = sum(p.stat().st_size for p in files)
        reader = S3TantivySearchIndex(S3IndexReplica(s3, "index", workdir / "reader", check_seconds=0))
        cold_s = seconds(lambda: reader.search(SearchQuery(text="заказ")))
        opened = S3TantivySearchIndex(S3IndexReplica(s3, "index", workdir / "reader", check_seconds=0))
        open_s = seconds(lambda: opened.search(SearchQuery(text="заказ")))  # the copy is there: open only
        batch = [
            SearchDocument(id=f"new{i}", type=DocumentType.MESSAGE, body="оплата invoice") for i in (1, 2)
        ]
        publish_s = [seconds(lambda: writer.index(batch)) for _ in range(5)]
        warm_sync_s = seconds(lambda: reader.search(SearchQuery(text="invoice")))
    megabytes = index_bytes / 1e6
    return {
        "documents": size,
        "index_bytes": index_bytes,
        "bytes_per_document": round(index_bytes / size),
        "files": len(files),
        "build_and_first_publish_s": round(build_s, 1),
        "cold_sync_and_first_search_s_moto": round(cold_s, 2),
        "open_and_first_search_s": round(open_s, 3),
        "cold_copy_s_estimated_on_lambda": round(megabytes / SYNC_MB_PER_SECOND + open_s, 1),
        "publish_one_batch_s_median": round(sorted(publish_s)[2], 3),
        "warm_sync_after_a_batch_s": round(warm_sync_s, 3),
        "load_average": os.getloadavg(),
    }


def test_search_s3_sync_bench(tmp_path: Path) -> None:
    size = int(os.environ.get("HELPDESK_BENCH_S3_DOCS", "720000"))
    print(json.dumps(run(tmp_path, size), indent=1))
