"""The requests `helpdesk cost` prices for search on tantivy-s3, measured: S3 PUTs per published batch of a
stream that adds messages and updates their tickets (so segments get deletes and merges)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import boto3
import pytest
from helpdesk.search.adapters.s3_replica import S3IndexReplica
from helpdesk.search.adapters.tantivy_s3 import S3TantivySearchIndex
from helpdesk.search.model.documents import DocumentType, SearchDocument
from helpdesk_local.cost_search import PUTS_PER_PUBLISH
from moto import mock_aws

pytestmark = pytest.mark.integration

BATCHES = 60


def test_a_published_batch_costs_what_the_cost_model_says(tmp_path: Path) -> None:
    with mock_aws():
        s3 = boto3.client("s3", region_name="eu-central-1")
        s3.create_bucket(Bucket="index", CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
        writer = S3TantivySearchIndex(S3IndexReplica(s3, "index", tmp_path / "writer"))
        calls: Counter[str] = Counter()
        s3.meta.events.register("before-call.s3", lambda model, **_: calls.update([model.name]))
        for n in range(BATCHES):
            ticket = f"t{n % 20}"
            writer.index([
                SearchDocument(id=ticket, type=DocumentType.TICKET, title=f"Ticket {ticket}", status="open"),
                SearchDocument(id=f"m{n}", type=DocumentType.MESSAGE, ticket_id=ticket, body=f"reply {n}"),
            ])  # fmt: skip
    per_publish = calls["PutObject"] / BATCHES
    assert PUTS_PER_PUBLISH - 1 <= per_publish <= PUTS_PER_PUBLISH, per_publish
    assert calls["GetObject"] == BATCHES  # the writer's manifest check; its own files it never downloads
