"""The ingest queue's message: an S3 object-created notification for the raw-mail bucket, typed at the
edge."""

from __future__ import annotations

import json
from urllib.parse import unquote_plus

from pydantic import BaseModel, Field

from helpdesk.tickets.model.ingest import MailSource


class IngestRecord(BaseModel):
    """One stored inbound mail; `source()` gives the service its identity (bucket, key, ETag)."""

    bucket: str = Field(min_length=1)
    key: str = Field(min_length=1)
    etag: str | None = None
    ses_message_id: str | None = None

    def source(self) -> MailSource:
        return MailSource(self.bucket, self.key, self.etag, self.ses_message_id)


def ingest_records(body: str) -> list[IngestRecord]:
    """Records of an S3 event notification body (as SQS delivers it). The S3 test event yields none."""
    event = json.loads(body)
    records = []
    for record in event.get("Records", []):
        s3 = record.get("s3")
        if not s3 or not str(record.get("eventName", "ObjectCreated")).startswith("ObjectCreated"):
            continue
        records.append(
            IngestRecord(
                bucket=s3["bucket"]["name"],
                key=unquote_plus(s3["object"]["key"]),  # S3 notifications URL-encode keys
                etag=s3["object"].get("eTag"),
            )
        )
    return records
