"""Invoice documents in S3 under server-generated keys, handed out as short-lived presigned URLs."""

from __future__ import annotations

from typing import Any

from helpdesk.billing.ports import HTML
from helpdesk.kernel.errors import NotFound


class S3InvoiceDocuments:
    def __init__(self, client: Any, bucket: str) -> None:
        self._s3, self._bucket = client, bucket

    def put(self, key: str, html: str) -> None:
        self._s3.put_object(
            Bucket=self._bucket, Key=key, Body=html.encode("utf-8"), ContentType="text/html; charset=utf-8"
        )

    def put_file(self, key: str, body: bytes, content_type: str) -> None:
        self._s3.put_object(Bucket=self._bucket, Key=key, Body=body, ContentType=content_type)

    def download_url(self, key: str, filename: str, expires_in: int, content_type: str = HTML) -> str:
        try:
            self._s3.head_object(Bucket=self._bucket, Key=key)
        except self._s3.exceptions.ClientError as error:
            raise NotFound(key) from error
        safe = "".join(c for c in filename if c.isalnum() or c in "-_.") or "invoice.html"
        return self._s3.generate_presigned_url(
            "get_object",
            Params={
                "Bucket": self._bucket,
                "Key": key,
                "ResponseContentDisposition": f'inline; filename="{safe}"',
                "ResponseContentType": content_type,
            },
            ExpiresIn=expires_in,
        )
