"""Approval links in the client's mail: the request id and an expiry, signed with HMAC-SHA256."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable
from datetime import datetime
from functools import cached_property

PURPOSE = b"helpdesk-access-approval:"  # a reply token's secret, kept apart by purpose


class HmacApprovalLinks:
    def __init__(self, secret: Callable[[], bytes], cabinet_url: str) -> None:
        self._secret, self._cabinet_url = secret, cabinet_url.rstrip("/")

    @cached_property
    def _key(self) -> bytes:  # read at first use: the KRL route and the sweep never need it
        return hmac.new(self._secret(), PURPOSE, hashlib.sha256).digest()

    def link(self, request_id: str, expires_at: datetime) -> str:
        return f"{self._cabinet_url}/approve-access.html?token={self.token(request_id, expires_at)}"

    def token(self, request_id: str, expires_at: datetime) -> str:
        payload = f"{request_id}.{int(expires_at.timestamp())}"
        mac = hmac.new(self._key, payload.encode(), hashlib.sha256).digest()[:20]
        return f"{payload}.{base64.urlsafe_b64encode(mac).decode().rstrip('=')}"

    def request_id(self, token: str, now: datetime) -> str | None:
        request_id, _, rest = token.partition(".")
        expires, _, _ = rest.partition(".")
        if not expires.isdigit() or int(expires) < now.timestamp():
            return None
        expected = self.token(request_id, datetime.fromtimestamp(int(expires), now.tzinfo))
        return request_id if hmac.compare_digest(expected, token) else None
