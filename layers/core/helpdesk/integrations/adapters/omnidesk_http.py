"""Omnidesk's REST API v1 (https://<domain>.omnidesk.ru/api/...json) with HTTP basic auth: the staff
member's e-mail and an API key (infra/local/vendor/omnidesk/). A 429 raises VendorRateLimited; credentials
go only to the account's own host, never into a URL or an error text."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from helpdesk.integrations.adapters.vendor_http import exchange, json_request
from helpdesk.integrations.model.omnidesk import (
    OmnideskCase,
    OmnideskMessage,
    OmnideskUser,
    case_of,
    message_of,
    numbered,
    user_of,
)
from helpdesk.integrations.ports import VendorNotFound

PAGE = 100  # the documented maximum of `limit`
MAX_PAGES = 500  # the documented maximum of `page`


class OmnideskRefused(RuntimeError):
    """Omnidesk answered 4xx (not 429): a request we must fix, not retry blindly."""


class HttpOmnidesk:
    def __init__(self, base_url: str, email: str, api_key: str) -> None:
        self._base = base_url.rstrip("/").removesuffix("/api")
        self._host = urlsplit(self._base).netloc.lower()
        token = base64.b64encode(f"{email}:{api_key}".encode()).decode()
        self._headers = {"Authorization": f"Basic {token}", "Accept": "application/json"}

    def cases_updated_since(self, since: datetime | None, page: int) -> tuple[list[OmnideskCase], int]:
        query = {"page": str(page), "limit": str(PAGE), "sort": "updated_at_asc"}
        if since is not None:
            query["from_updated_time"] = str(int(since.timestamp()))
        items, total = numbered(self._call("GET", "/api/cases.json", query=query), "case")
        return [case_of(c) for c in items], total

    def case(self, case_id: int) -> OmnideskCase:
        return case_of(self._call("GET", f"/api/cases/{int(case_id)}.json")["case"])

    def messages(self, case_id: int) -> list[OmnideskMessage]:
        found: list[OmnideskMessage] = []
        for page in range(1, MAX_PAGES + 1):
            query = {"page": str(page), "limit": str(PAGE), "order": "asc"}
            answer = self._call("GET", f"/api/cases/{int(case_id)}/messages.json", query=query)
            items, total = numbered(answer, "message")
            found += [message_of(m) for m in items]
            if not items or len(found) >= total:
                break
        return found

    def user(self, user_id: int) -> OmnideskUser | None:
        if not user_id:
            return None
        raw = self._call("GET", f"/api/users/{int(user_id)}.json").get("user")
        return user_of(raw) if isinstance(raw, dict) else None

    def download(self, url: str) -> bytes:
        if urlsplit(url).netloc.lower() != self._host:
            raise OmnideskRefused("an attachment outside the account's host is not fetched")
        return self._fetch(urllib.request.Request(url, headers=self._headers), "GET attachment")

    def post_staff_message(self, case_id: int, content: str, staff_id: int) -> int:
        message: dict[str, Any] = {"content": content}
        if staff_id:  # else Omnidesk attributes the reply to the API key's staff member
            message["staff_id"] = int(staff_id)
        body = {"message": message}
        answer = self._call("POST", f"/api/cases/{int(case_id)}/messages.json", body)
        return int(answer["message"]["message_id"])

    def _call(
        self, method: str, path: str, body: Any = None, query: dict[str, str] | None = None
    ) -> dict[str, Any]:
        request = json_request(self._base + path, method, self._headers, body, query)
        raw = self._fetch(request, f"{method} {path}")
        answer = json.loads(raw) if raw else {}
        return answer if isinstance(answer, dict) else {}

    @staticmethod
    def _fetch(request: urllib.request.Request, what: str) -> bytes:
        return exchange(request, "omnidesk", what, lambda error: _refusal(error, what))


def _refusal(error: urllib.error.HTTPError, what: str) -> Exception:
    if error.code == 404:
        return VendorNotFound(f"omnidesk has no {what.split(' ', 1)[-1]}")
    return OmnideskRefused(f"omnidesk refused {what}: {error.code}")
