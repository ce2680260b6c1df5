"""Release zips in S3 under server-generated keys: presigned PUT for staff, presigned GET for customers."""

from __future__ import annotations

from typing import Any

ZIP = "application/zip"


class S3ReleaseFiles:
    def __init__(self, client: Any, bucket: str) -> None:
        self._s3, self._bucket = client, bucket

    def upload_url(self, key: str, expires_in: int) -> str:
        # No content type is signed: any client's plain PUT of the bytes works; downloads name the type.
        params = {"Bucket": self._bucket, "Key": key}
        return str(self._s3.generate_presigned_url("put_object", Params=params, ExpiresIn=expires_in))

    def exists(self, key: str) -> bool:
        try:
            self._s3.head_object(Bucket=self._bucket, Key=key)
        except self._s3.exceptions.ClientError:
            return False
        return True

    def download_url(self, key: str, filename: str, expires_in: int) -> str:
        safe = "".join(c for c in filename if c.isalnum() or c in "-_.") or "module.zip"
        params = {
            "Bucket": self._bucket,
            "Key": key,
            "ResponseContentDisposition": f'attachment; filename="{safe}"',
            "ResponseContentType": ZIP,
            "ResponseCacheControl": "private, no-store",
        }
        return str(self._s3.generate_presigned_url("get_object", Params=params, ExpiresIn=expires_in))
