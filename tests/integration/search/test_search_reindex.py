"""Reindex from the DynamoDB table under moto, and the `helpdesk search` commands end to end."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
import pytest
from helpdesk.search.adapters.source_dynamodb import DynamoDbSearchSource
from helpdesk.search.adapters.tantivy_index import TantivySearchIndex
from helpdesk.search.model.documents import SearchQuery
from helpdesk.search.services.search import reindex
from helpdesk.settings import get_settings
from helpdesk_local.cli import main
from moto import mock_aws

pytestmark = pytest.mark.integration

ITEMS = [
    {
        "pk": "TICKET#t1",
        "sk": "TICKET",
        "entity": "ticket",
        "id": "t1",
        "number": 7,
        "subject": "Оплата не прошла",
    },
    {
        "pk": "TICKET#t1",
        "sk": "MSG#1",
        "entity": "message",
        "id": "m1",
        "ticket_id": "t1",
        "text": "Платёж отклонён",
    },
    {"pk": "CUSTOMER#c1", "sk": "CUSTOMER", "entity": "customer", "id": "c1", "name": "Anna Smith"},
    {"pk": "SESSION#x", "sk": "SESSION", "entity": "session", "id": "x", "text": "оплата"},
]


@mock_aws
def test_reindex_reads_every_searchable_item_across_scan_pages(tmp_path: Path) -> None:
    dynamodb = boto3.resource("dynamodb", region_name="eu-central-1")
    table = dynamodb.create_table(
        TableName="helpdesk",
        BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
    )
    for item in ITEMS:
        table.put_item(Item=item)
    index = TantivySearchIndex(tmp_path / "index")
    assert reindex(index, DynamoDbSearchSource(table, page_size=1)) == 3
    assert [h.id for h in index.search(SearchQuery(text="оплата")).hits] == ["t1"]
    assert [h.id for h in index.search(SearchQuery(text="платежа")).hits] == ["m1"]
    assert [h.id for h in index.search(SearchQuery(text="smith")).hits] == ["c1"]
    source = DynamoDbSearchSource(table)
    assert [i["id"] for i in source.message_items("t1")] == ["m1"]  # what a moved ticket re-indexes
    assert list(source.message_items("t2")) == []


def test_cli_reindexes_from_json_lines_and_queries(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("SEARCH_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("SEARCH_BACKEND", "tantivy")
    get_settings.cache_clear()
    source = tmp_path / "items.jsonl"
    source.write_text("\n".join(json.dumps(item, ensure_ascii=False) for item in ITEMS))
    try:
        assert main(["search", "reindex", "--from-jsonl", str(source)]) == 0
        assert "indexed 3 documents" in capsys.readouterr().out
        assert main(["search", "query", "оплаты", "--type", "ticket", "--json"]) == 0
        page = json.loads(capsys.readouterr().out)
        assert page["total"] == 1 and page["hits"][0]["id"] == "t1"
        assert main(["search", "query", "оплаты"]) == 0
        assert "Оплата не прошла" in capsys.readouterr().out
        assert main(["search", "query", "x", "--cursor", "forged"]) == 2
        assert "malformed search cursor" in capsys.readouterr().err
    finally:
        get_settings.cache_clear()
