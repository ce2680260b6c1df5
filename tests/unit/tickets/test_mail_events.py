from __future__ import annotations

import json

import pytest
from helpdesk.tickets.views.mail_events import ingest_records

pytestmark = pytest.mark.unit


def test_s3_notifications_become_ingest_records_with_decoded_keys():
    body = json.dumps(
        {
            "Records": [
                {
                    "eventSource": "aws:s3",
                    "eventName": "ObjectCreated:Put",
                    "s3": {"bucket": {"name": "raw"}, "object": {"key": "inbound/a+b%2Bc", "eTag": "abc"}},
                }
            ]
        }
    )
    [record] = ingest_records(body)
    assert (record.bucket, record.key, record.etag) == ("raw", "inbound/a b+c", "abc")


def test_the_s3_test_event_and_removals_yield_nothing():
    assert ingest_records(json.dumps({"Service": "Amazon S3", "Event": "s3:TestEvent"})) == []
    removed = {
        "Records": [
            {"eventName": "ObjectRemoved:Delete", "s3": {"bucket": {"name": "r"}, "object": {"key": "k"}}}
        ]
    }
    assert ingest_records(json.dumps(removed)) == []
