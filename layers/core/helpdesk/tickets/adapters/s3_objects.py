"""S3 adapters: attachments (server-generated keys, presigned downloads) and the raw-mail bucket."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from helpdesk.kernel.errors import NotFound


def _disposition(filename: str) -> str:
    """RFC 6266 with an ASCII fallback, so no filename can break the header."""
    ascii_name = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in filename)
    return (
        f"attachment; filename=\"{ascii_name or 'attachment'}\"; filename*=UTF-8''{quote(filename, safe='')}"
    )


class S3Attachments:
    def __init__(self, client: Any, bucket: str) -> None:
        self._s3 = client
        self._bucket = bucket

    def put(self, key: str, content: bytes, content_type: str) -> None:
        self._s3.put_object(
            Bucket=self._bucket, Key=key, Body=content, ContentType=content_type or "application/octet-stream"
        )

    def get(self, key: str) -> bytes:
        try:
            return self._s3.get_object(Bucket=self._bucket, Key=key)["Body"].read()
        except self._s3.exceptions.NoSuchKey as error:
            raise NotFound(key) from error

    def download_url(
        self, key: str, filename: str, expires_in: int, content_type: str = "application/octet-stream"
    ) -> str:
        try:
            self._s3.head_object(Bucket=self._bucket, Key=key)
        except self._s3.exceptions.ClientError as error:
            raise NotFound(key) from error
        return self._s3.generate_presigned_url(
            "get_object",
            Params={
                "Bucket": self._bucket,
                "Key": key,
                "ResponseContentDisposition": _disposition(filename),
                "ResponseContentType": content_type,
                "ResponseCacheControl": "private, no-store",
            },
            ExpiresIn=expires_in,
        )


class S3RawMail:
    def __init__(self, client: Any) -> None:
        self._s3 = client

    def get(self, bucket: str, key: str) -> bytes:
        try:
            return self._s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        except self._s3.exceptions.NoSuchKey as error:
            raise NotFound(f"{bucket}/{key}") from error
