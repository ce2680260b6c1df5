"""Jira Cloud REST API v3 over HTTPS with basic auth (account email + API token from Secrets Manager)."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import quote

from helpdesk.kernel.errors import Unavailable
from helpdesk.tasks.ports import JiraRateLimited

TIMEOUT_SECONDS = 10


class HttpJira:
    def __init__(self, base_url: str, email: str, api_token: str) -> None:
        self._base = base_url.rstrip("/")
        credentials = base64.b64encode(f"{email}:{api_token}".encode()).decode()
        self._headers = {
            "Authorization": f"Basic {credentials}",
            "Accept": "application/json",
            "Content-Type": "application/json",
        }

    def create_issue(self, fields: dict[str, Any]) -> str:
        answer = self._call("POST", "/rest/api/3/issue", {"fields": _present(fields)})
        return str(answer["key"])

    def update_issue(self, issue_key: str, fields: dict[str, Any]) -> None:
        self._call("PUT", f"/rest/api/3/issue/{quote(issue_key)}", {"fields": fields})

    def move_issue(self, issue_key: str, status_name: str) -> bool:
        path = f"/rest/api/3/issue/{quote(issue_key)}/transitions"
        offered = self._call("GET", path).get("transitions", [])
        wanted = next(
            (t for t in offered if (t.get("to") or {}).get("name", "").casefold() == status_name.casefold()),
            None,
        )
        if wanted is None:
            return False
        self._call("POST", path, {"transition": {"id": wanted["id"]}})
        return True

    def find_account(self, email: str) -> str | None:
        found = self._call_list("GET", f"/rest/api/3/user/search?query={quote(email)}")
        wanted = email.casefold()
        return next(
            (str(u["accountId"]) for u in found if str(u.get("emailAddress") or "").casefold() == wanted),
            None,
        )

    def _call_list(self, method: str, path: str) -> list[dict[str, Any]]:
        answer: Any = self._call(method, path)
        return answer if isinstance(answer, list) else []

    def _call(self, method: str, path: str, body: Any = None) -> dict[str, Any]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self._base + path, data, self._headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:
                raw = answer.read()
        except urllib.error.HTTPError as error:
            if error.code == 429:
                raise JiraRateLimited(
                    "jira rate limit", _retry_after(error.headers.get("Retry-After"))
                ) from error
            if error.code >= 500:
                raise Unavailable(f"jira answered {error.code}") from error
            raise RuntimeError(f"jira refused {method} {path}: {error.code}") from error
        return json.loads(raw) if raw else {}


def _present(fields: dict[str, Any]) -> dict[str, Any]:
    """A create leaves out empty fields rather than sending nulls."""
    return {k: v for k, v in fields.items() if v is not None}


def _retry_after(raw: str | None) -> int:
    try:
        return max(1, int(float(raw or "")))
    except ValueError:
        return 60
