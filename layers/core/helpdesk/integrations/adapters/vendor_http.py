"""One exchange with a vendor's REST API, and what its failures mean to the connectors: 429 is a rate limit
with the wait the vendor names, 5xx and a lost connection are `Unavailable` (retried), any other refusal is
the vendor's own error (a request to fix, not to retry blindly)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from helpdesk.integrations.ports import VendorRateLimited
from helpdesk.kernel.errors import Unavailable

TIMEOUT_SECONDS = 10
DEFAULT_WAIT_SECONDS = 60


def exchange(
    request: urllib.request.Request,
    vendor: str,
    what: str,
    refused: Callable[[urllib.error.HTTPError], Exception],
) -> bytes:
    """`refused` names the vendor's meaning of an answer that is neither a success, a 429 nor a 5xx; it is
    asked first, so a vendor that reports its rate limit in the body (Bitrix24's 503) can say so."""
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:  # noqa: S310
            return bytes(answer.read())
    except urllib.error.HTTPError as error:
        meaning = refused(error)
        if not isinstance(meaning, VendorRateLimited):
            if error.code == 429:
                meaning = VendorRateLimited(f"{vendor} rate limit", wait_seconds(error.headers))
            elif error.code >= 500:
                meaning = Unavailable(f"{vendor} answered {error.code} to {what}")
        raise meaning from None
    except (urllib.error.URLError, OSError) as error:
        raise Unavailable(f"{vendor} {what} failed: {type(error).__name__}") from None


def json_request(
    url: str, method: str, headers: dict[str, str], body: Any = None, query: dict[str, str] | None = None
) -> urllib.request.Request:
    """A REST call with an optional JSON body and query string."""
    data = None if body is None else json.dumps(body).encode()
    with_type = headers | ({"Content-Type": "application/json"} if data else {})
    full = url + (f"?{urlencode(query)}" if query else "")
    return urllib.request.Request(full, data, with_type, method=method)


def wait_seconds(headers: Any) -> int:
    """Retry-After if given, else the seconds until the window resets (`x-ratelimit-reset`)."""
    for name in ("Retry-After", "x-ratelimit-reset"):
        raw = headers.get(name) if headers is not None else None
        if raw is None:
            continue
        try:
            return max(1, int(float(raw)))
        except (TypeError, ValueError):
            continue
    return DEFAULT_WAIT_SECONDS
