"""POSTs a delivery: the host is resolved once, every address it resolves to is checked (SSRF rules in
`model.targets`), and the connection goes to the checked address, so a second DNS answer cannot redirect it.
http.client follows no redirects; a 3xx is recorded as the failure it is."""

from __future__ import annotations

import http.client
import socket
import ssl
import time
from urllib.parse import urlsplit

from helpdesk.webhooks.model.delivery import excerpt
from helpdesk.webhooks.model.targets import WebhookTargetRefused, check_address, check_url
from helpdesk.webhooks.ports import SendResult

TIMEOUT_SECONDS = 10.0
USER_AGENT = "helpdesk-webhooks/1"


class _PinnedHttps(http.client.HTTPSConnection):
    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


class _PinnedHttp(http.client.HTTPConnection):
    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class HttpWebhookSender:
    def __init__(self, allow_loopback: bool, timeout: float = TIMEOUT_SECONDS) -> None:
        self._loopback, self._timeout = allow_loopback, timeout

    def post(self, url: str, headers: dict[str, str], body: bytes) -> SendResult:
        started = time.perf_counter()
        try:
            check_url(url, self._loopback)
            parts = urlsplit(url)
            host, https = parts.hostname or "", parts.scheme == "https"
            port = parts.port or (443 if https else 80)
            address = self._checked_address(host, port)
            kind = _PinnedHttps if https else _PinnedHttp
            conn = kind(host, address, port, self._timeout)
            try:
                path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
                conn.request("POST", path, body=body, headers=headers | {"user-agent": USER_AGENT})
                answer = conn.getresponse()
                text = excerpt(answer.read(4096))
                return SendResult(answer.status, _ms(started), text)
            finally:
                conn.close()
        except WebhookTargetRefused as refused:
            return SendResult(None, _ms(started), f"refused: {refused}")
        except (OSError, http.client.HTTPException) as error:
            return SendResult(None, _ms(started), f"{type(error).__name__}: {error}"[:300])

    def _checked_address(self, host: str, port: int) -> str:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as error:
            raise OSError(f"cannot resolve {host}") from error
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        for address in addresses:
            check_address(address, self._loopback)  # every answer, so no rotation can slip one through
        return addresses[0]


def _ms(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)
