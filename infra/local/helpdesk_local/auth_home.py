"""The page at auth.localhost/: what the sign-in host is, where to sign in or up, and the demo logins.

Signing in starts at a site (it holds the PKCE verifier), so the links open a site with `#sign-in` or
`#sign-up`, which web/shared/auth.js turns into the sign-in request."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape
from typing import Any

from helpdesk_local.auth import pages

Wsgi = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
SITES = (("console", "Staff console"), ("cabinet", "Customer cabinet"), ("shop", "Storefront"))


def with_home(app: Wsgi, url: Callable[[str], str], logins: Callable[[], list[dict[str, str]]]) -> Wsgi:
    def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO", "/") != "/" or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return app(environ, start_response)
        body = home(url, logins()).encode()
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
        start_response("200 OK", headers + [("Cache-Control", "no-store")])
        return [body]

    return serve


def home(url: Callable[[str], str], logins: list[dict[str, str]]) -> str:
    sign_in = "".join(
        f'<li><a id="sign-in-{host}" href="{escape(url(host))}/#sign-in">{escape(name)}</a></li>'
        for host, name in SITES
    )
    sign_up = f'<a id="sign-up" href="{escape(url("cabinet"))}/#sign-up">Create a customer account</a>'
    return pages.page(
        "Helpdesk sign-in",
        "<p>The single sign-on host of the local stack (Cognito's hosted sign-in on AWS).</p>"
        f"<h2>Sign in to</h2><ul>{sign_in}</ul><p>{sign_up}</p>{_demo(logins)}",
    )


def _demo(logins: list[dict[str, str]]) -> str:
    if not logins:
        return "<p>No demo data was loaded (<code>--no-demo</code>): create an account.</p>"
    rows = "".join(f"<li>{escape(d['email'])} ({escape(d['role'])})</li>" for d in logins)
    passwords = sorted({d["password"] for d in logins})
    shared = f"<p>Password: <code id='demo-password'>{escape(', '.join(passwords))}</code></p>"
    return f"<h2>Demo logins</h2><ul id='demo-logins'>{rows}</ul>{shared}"
