"""Temporary FTP accounts through cPanel's UAPI (Ftp::add_ftp, Ftp::delete_ftp).

https://api.docs.cpanel.net/openapi/cpanel/operation/add_ftp/ and .../delete_ftp/: GET or POST
`<panel>/execute/Ftp/<function>` with `Authorization: cpanel <user>:<API token>`; every answer is
`{"status": 1|0, "errors": [...]|null, "messages": ..., "data": ..., "metadata": {}}`."""

from __future__ import annotations

import json
import secrets
import urllib.parse
import urllib.request
from collections.abc import Callable
from datetime import datetime
from functools import cached_property

from helpdesk.access.model.server import Server
from helpdesk.access.ports import HostingPanel, PanelAccount
from helpdesk.kernel.errors import Unavailable


class NoHostingPanel:
    def create_account(self, server: Server, login: str, valid_before: datetime) -> PanelAccount:
        raise Unavailable("no hosting panel is configured (HOSTING_PANEL_URL)")

    def delete_account(self, server: Server, login: str) -> None:
        return None


class CpanelUapi:
    def __init__(self, base_url: str, token: str, timeout: float = 10) -> None:
        self._base, self._token, self._timeout = base_url.rstrip("/"), token, timeout

    def create_account(self, server: Server, login: str, valid_before: datetime) -> PanelAccount:
        password = secrets.token_urlsafe(18)  # returned once; never stored, never logged
        domain = server.panel_account or server.host
        params = {
            "user": login,
            "pass": password,
            "domain": domain,
            "quota": "0",
            "homedir": f"helpdesk/{login}",
        }
        self._call("add_ftp", params)
        return PanelAccount(f"{login}@{domain}", password)

    def delete_account(self, server: Server, login: str) -> None:
        user, _, domain = login.partition("@")
        self._call(
            "delete_ftp",
            {"user": user, "domain": domain or server.panel_account or server.host, "destroy": "0"},
        )

    def _call(self, function: str, params: dict[str, str]) -> dict[str, object]:
        url = f"{self._base}/execute/Ftp/{function}"  # POST: the password stays out of URLs and access logs
        request = urllib.request.Request(
            url,
            data=urllib.parse.urlencode(params).encode(),
            headers={"Authorization": f"cpanel {self._token}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as answer:
                body = json.loads(answer.read())
        except (OSError, ValueError) as exc:
            raise Unavailable(f"the hosting panel did not answer {function}") from exc
        body = body.get("result", body)  # the `uapi` command wraps the answer; HTTP calls get it bare
        if body.get("status") != 1:
            raise Unavailable(f"the hosting panel refused {function}: {body.get('errors')}")
        return dict(body)


class PanelOnFirstUse:
    """Builds the panel (and reads its token) only when a grant needs it: the KRL route never does."""

    def __init__(self, build: Callable[[], HostingPanel]) -> None:
        self._build = build

    @cached_property
    def _panel(self) -> HostingPanel:
        return self._build()

    def create_account(self, server: Server, login: str, valid_before: datetime) -> PanelAccount:
        return self._panel.create_account(server, login, valid_before)

    def delete_account(self, server: Server, login: str) -> None:
        self._panel.delete_account(server, login)
