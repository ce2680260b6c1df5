"""In-memory fakes of the object store and the mailer, held to the same contract suites as S3 and SES."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from urllib.parse import quote

from helpdesk.kernel.errors import NotFound


class MemoryAttachments:
    def __init__(self) -> None:
        self.objects: dict[str, tuple[bytes, str]] = {}

    def put(self, key: str, content: bytes, content_type: str) -> None:
        self.objects[key] = (content, content_type)

    def get(self, key: str) -> bytes:
        if key not in self.objects:
            raise NotFound(key)
        return self.objects[key][0]

    def download_url(
        self, key: str, filename: str, expires_in: int, content_type: str = "application/octet-stream"
    ) -> str:
        if key not in self.objects:
            raise NotFound(key)
        disposition = quote(f'attachment; filename="{filename}"')
        served = quote(content_type, safe="")
        return (
            f"memory://attachments/{key}?response-content-disposition={disposition}"
            f"&response-content-type={served}&expires={expires_in}"
        )


class MemoryRawMail:
    def __init__(self) -> None:
        self.objects: dict[tuple[str, str], bytes] = {}

    def get(self, bucket: str, key: str) -> bytes:
        if (bucket, key) not in self.objects:
            raise NotFound(f"{bucket}/{key}")
        return self.objects[(bucket, key)]


@dataclass(frozen=True)
class SentMail:
    raw: bytes
    sender: str
    recipients: list[str]


class MemoryMailer:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.sent: list[SentMail] = []

    def send(self, raw: bytes, sender: str, recipients: list[str]) -> str:
        with self._lock:
            self.sent.append(SentMail(raw, sender, list(recipients)))
            return f"memory-{len(self.sent)}"
