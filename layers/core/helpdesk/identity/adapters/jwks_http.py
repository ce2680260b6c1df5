"""The pool's JSON Web Key Set over HTTPS (Cognito) or HTTP (the emulator on loopback)."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Mapping
from typing import Any

MAX_JWKS_BYTES = 64 * 1024


class HttpJwksSource:
    def __init__(self, url: str, timeout_seconds: float = 3.0) -> None:
        if not url.startswith(("https://", "http://")):
            raise ValueError(f"JWKS URL must be http(s): {url!r}")
        self._url = url
        self._timeout = timeout_seconds

    def fetch(self) -> Mapping[str, Any]:
        request = urllib.request.Request(self._url, headers={"Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=self._timeout) as response:  # noqa: S310 (scheme checked)
            document = json.loads(response.read(MAX_JWKS_BYTES))
        if not isinstance(document, dict) or not isinstance(document.get("keys"), list):
            raise ValueError("not a JSON Web Key Set")
        return document
