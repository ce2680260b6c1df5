"""A cPanel UAPI stand-in for the Ftp module's add_ftp, delete_ftp and list_ftp, served on loopback.

Shapes follow https://api.docs.cpanel.net/openapi/cpanel/operation/add_ftp/ (and delete_ftp, list_ftp): calls
are `GET|POST /execute/Ftp/<function>` with `Authorization: cpanel <user>:<API token>`, and every answer is
`{"data", "errors", "messages", "metadata", "status", "warnings"}` (status 1 or 0). The fixtures the tests
hold it to name their source: tests/contract/access/fixtures/."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs


@dataclass
class FtpAccount:
    user: str
    domain: str
    homedir: str
    quota: int
    salt: bytes
    digest: bytes  # the password is kept only as a salted hash, like the real panel


@dataclass
class CpanelStandin:
    token: str  # "<cpanel user>:<API token>"
    accounts: dict[str, FtpAccount] = field(default_factory=dict)  # "user@domain" -> account
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("HTTP_AUTHORIZATION", "") != f"cpanel {self.token}":
            return _send(start_response, "401 Unauthorized", {"status": 0, "errors": ["Access denied"]})
        path = environ.get("PATH_INFO", "")
        params = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        if environ.get("REQUEST_METHOD") == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length).decode()
            params |= {k: v[0] for k, v in parse_qs(body).items()}
        handlers = {"/execute/Ftp/add_ftp": self.add_ftp, "/execute/Ftp/delete_ftp": self.delete_ftp,
                    "/execute/Ftp/list_ftp": self.list_ftp}  # fmt: skip
        handler = handlers.get(path)
        if handler is None:
            return _send(start_response, "404 Not Found", _result(errors=[f"Unknown function {path}"]))
        with self.lock:
            return _send(start_response, "200 OK", handler(params))

    def add_ftp(self, p: dict[str, str]) -> dict[str, Any]:
        user, password = p.get("user", ""), p.get("pass", "")
        if not user or not password:
            return _result(errors=["You must specify the “user” and “pass” parameters."])
        if p.get("disallowdot", "1") == "1":
            user = user.replace(".", "")
        key = f"{user}@{p.get('domain') or 'example.com'}"
        if key in self.accounts:
            return _result(errors=[f"The account “{key}” already exists."])
        salt = os.urandom(16)
        self.accounts[key] = FtpAccount(user, key.partition("@")[2], p.get("homedir") or user,
                                        int(p.get("quota") or 0), salt, _digest(salt, password))  # fmt: skip
        return _result(data=None)

    def delete_ftp(self, p: dict[str, str]) -> dict[str, Any]:
        key = f"{p.get('user', '')}@{p.get('domain') or 'example.com'}"
        if self.accounts.pop(key, None) is None:
            return _result(errors=[f"The FTP account “{key}” does not exist."])
        return _result(data=None)

    def list_ftp(self, p: dict[str, str]) -> dict[str, Any]:
        return _result(
            data=[{"user": a, "type": "sub", "homedir": v.homedir} for a, v in self.accounts.items()]
        )

    def password_works(self, login: str, password: str) -> bool:
        account = self.accounts.get(login)
        return account is not None and hmac.compare_digest(account.digest, _digest(account.salt, password))


def _digest(salt: bytes, password: str) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 10_000)


def _result(data: Any = None, errors: list[str] | None = None) -> dict[str, Any]:
    return {"data": data, "errors": errors, "messages": None, "metadata": {}, "status": 0 if errors else 1,
            "warnings": None}  # fmt: skip


def _send(start_response: Callable[..., Any], status: str, body: dict[str, Any]) -> list[bytes]:
    raw = json.dumps(body).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(raw)))])
    return [raw]


def start_cpanel_standin(token: str | None = None) -> tuple[CpanelStandin, str, Any]:
    """Serves a stand-in on a free loopback port: (stand-in, its base URL, the server to close)."""
    from waitress.server import create_server

    standin = CpanelStandin(token or f"helpdesk:{secrets.token_hex(8)}")
    server = create_server(standin, host="127.0.0.1", port=0, threads=2, ident="cpanel-standin")
    threading.Thread(target=server.run, name="cpanel-standin", daemon=True).start()
    return standin, f"http://127.0.0.1:{server.effective_port}", server
