"""The one definition of the browser security headers every Helpdesk answer carries: the APIs (through
`new_app`), every local front (web, sign-in, pay, mail viewer) and, on AWS, the sites' response-headers
policy (docs/security-headers.md)."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable

# Sent with everything. HSTS is ignored by browsers over plain http (the local stack), honoured on AWS.
COMMON = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
# An API answer is data, never a document: it may load nothing and be framed by no one.
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"


def api_headers() -> dict[str, str]:
    return {**COMMON, "Content-Security-Policy": API_CSP}


def style_hash(css: str) -> str:
    """The CSP source admitting exactly this inline <style> text (server-rendered pages only)."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() + "'"


def page_csp(
    connect: Iterable[str] = (), forms: Iterable[str] = (), inline_styles: Iterable[str] = ()
) -> str:
    """The pages' policy: scripts and style sheets from the page's own origin only (no inline script),
    `connect` for the sign-in host's token endpoint, `forms` for where a form's answer may redirect.
    Style attributes stay allowed: sanitised mail HTML keeps its inline formatting (no url(): see
    mailhtml.js), and images load only from the page's origin, data: and blob:."""
    hashes = " ".join(style_hash(css) for css in inline_styles)
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            f"style-src 'self' {hashes}".rstrip(),
            "style-src-attr 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self'",
            " ".join(["connect-src 'self'", *connect]),
            " ".join(["form-action 'self'", *forms]),
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'",
        ]
    )


def page_headers(
    connect: Iterable[str] = (), forms: Iterable[str] = (), inline_styles: Iterable[str] = ()
) -> dict[str, str]:
    return {**COMMON, "Content-Security-Policy": page_csp(connect, forms, inline_styles)}


def with_headers(headers: list[tuple[str, str]], wanted: dict[str, str]) -> list[tuple[str, str]]:
    """`headers` plus every wanted header the answer did not set itself."""
    present = {name.lower() for name, _ in headers}
    return headers + [(name, value) for name, value in wanted.items() if name.lower() not in present]
