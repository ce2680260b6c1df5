"""A client that follows the CommerceML 2 exchange as 1C:Enterprise does (type=sale): checkauth with basic
auth, the cookie on every later step, init, query, success, then file with its statuses."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field

# (method, "type=sale&mode=...", headers, body) -> (status, headers, body)
Send = Callable[[str, str, dict[str, str], bytes | None], tuple[int, dict[str, str], bytes]]


@dataclass
class OneCClient:
    send: Send
    user: str
    password: str
    cookie: str = ""
    settings: dict[str, str] = field(default_factory=dict)

    def _step(
        self, method: str, mode: str, body: bytes | None = None, **extra: str
    ) -> tuple[dict[str, str], bytes]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        headers.update(extra)
        status, answer_headers, answer = self.send(method, f"type=sale&mode={mode}", headers, body)
        assert status == 200, (mode, status, answer)
        return {k.lower(): v for k, v in answer_headers.items()}, answer

    def checkauth(self) -> list[str]:
        basic = "Basic " + base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
        _, answer = self._step("GET", "checkauth", Authorization=basic)
        lines = answer.decode().splitlines()
        if lines[0] == "success":
            self.cookie = f"{lines[1]}={lines[2]}"
        return lines

    def init(self) -> dict[str, str]:
        _, answer = self._step("GET", "init")
        self.settings = dict(line.split("=", 1) for line in answer.decode().splitlines() if "=" in line)
        return self.settings

    def query(self) -> tuple[str, bytes]:
        """(the declared charset, the raw XML) of the documents offered."""
        headers, answer = self._step("GET", "query")
        return headers.get("content-type", ""), answer

    def success(self) -> str:
        return self._step("GET", "success")[1].decode().strip()

    def file(self, xml: bytes, filename: str = "orders.xml") -> str:
        assert len(xml) <= int(self.settings.get("file_limit", "0")), "1C cuts files at the site's file_limit"
        return (
            self._step(
                "POST", f"file&filename={filename}", xml, **{"Content-Type": "application/octet-stream"}
            )[1]
            .decode()
            .strip()
        )
