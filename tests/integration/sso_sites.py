"""Two tiny sites using web/shared/auth.js and the local sign-in server, on one loopback port."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from waitress.server import create_server

ROOT = Path(__file__).resolve().parents[2]
AUTH_JS = ROOT / "web" / "shared" / "auth.js"

PAGE = """<!doctype html><html lang="en"><meta charset="utf-8"><title>{title}</title>
<style>body{{font:16px system-ui,sans-serif;margin:2rem}}</style>
<h1>{title}</h1><p id="who">checking…</p>
<button id="sign-in" hidden>Sign in</button><button id="sign-out" hidden>Sign out</button>
<script src="/shared/auth.js"></script>
<script>
HelpdeskAuth.configure({config});
HelpdeskAuth.start().then(function (user) {{
  document.getElementById("who").textContent = user ? "Signed in as " + user.email : "Signed out";
  document.getElementById(user ? "sign-out" : "sign-in").hidden = false;
}}, function (error) {{ document.getElementById("who").textContent = "Error: " + error.message; }});
document.getElementById("sign-in").onclick = function () {{ HelpdeskAuth.signIn(); }};
document.getElementById("sign-out").onclick = function () {{ HelpdeskAuth.signOut(); }};
</script></html>"""

Wsgi = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def site(title: str, config: dict[str, str]) -> Wsgi:
    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "/")
        if path == "/shared/auth.js":
            body, ctype = AUTH_JS.read_bytes(), "text/javascript; charset=utf-8"
        elif path in ("/", "/callback.html"):
            body, ctype = (
                PAGE.format(title=title, config=json.dumps(config)).encode(),
                "text/html; charset=utf-8",
            )
        else:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found"]
        start_response("200 OK", [("Content-Type", ctype), ("Cache-Control", "no-store")])
        return [body]

    return app


class ByHost:
    """Dispatch on the first label of the Host header, as the local stack's front does."""

    def __init__(self) -> None:
        self.hosts: dict[str, Wsgi] = {}

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        label = environ.get("HTTP_HOST", "").split(":")[0].split(".")[0]
        if label not in self.hosts:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"unknown host"]
        return self.hosts[label](environ, start_response)


@contextmanager
def serve(app: ByHost) -> Iterator[int]:
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield int(server.effective_port)  # type: ignore[union-attr]
    finally:
        server.close()
        thread.join(timeout=5)
