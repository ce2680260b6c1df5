"""The one script the sign-in pages load (their CSP allows scripts from this host only)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from werkzeug.wrappers import Request, Response

from helpdesk_local.auth.context import AuthContext

SCRIPT = Path(__file__).with_name("password-rules.js")


@cache
def _script() -> bytes:
    return SCRIPT.read_bytes()


def password_rules_script(ctx: AuthContext, request: Request) -> Response:
    response = Response(_script(), content_type="text/javascript; charset=utf-8")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
