"""Shop domains as licenses bind them: a bare, lower-case IDNA host name, or a clear refusal (pure).

Every domain that enters (a cart line, a transfer, a validation or activation request, the console's filter)
passes here. Modules send `$_SERVER['HTTP_HOST']` (may carry a port) or their base URL, so exactly those
extras are dropped: an `http(s)://` prefix, one trailing `/`, a numeric port at the end. Anything else a URL
parser could read another host from (`host:443@evil`, `host#.shop`, `host/x`) is refused rather than guessed
at, and so are IP addresses.
"""

from __future__ import annotations

import re

from helpdesk.kernel.errors import Invalid

MAX_LENGTH = 253
MAX_LABEL = 63
_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
_URL_PARTS = {
    "@": "user name", "/": "path", "\\": "path", "?": "query", "#": "fragment", "%": "escape", "[": "bracket",
}  # fmt: skip
_PORT = re.compile(r"^(?P<host>[^:]+):(?P<port>[0-9]{1,5})$")
HINT = "give the bare host name, e.g. shop.example.com"


class ShopDomainInvalid(Invalid):
    """The text is not a host name a license can be bound to."""


def normalise_domain(value: str) -> str:
    """`WWW.Bücher.DE.` -> `xn--bcher-kva.de`; ShopDomainInvalid for anything that is not a bare host name."""
    host = (value or "").strip().lower()
    host = host.removeprefix("https://").removeprefix("http://").removesuffix("/")
    for char, part in _URL_PARTS.items():
        if char in host:
            raise ShopDomainInvalid(f"{value!r} has a {part} ({char!r}): {HINT}")
    if ":" in host:
        host = _without_port(host, value)
    if host.endswith("."):
        host = host[:-1]  # the root's dot: `shop.com.` is `shop.com`
    if not host.isascii():
        host = _ascii(host, value)
    host = host.removeprefix("www.")
    labels = host.split(".")
    if not host or "" in labels:
        raise ShopDomainInvalid(f"{value!r} has an empty label: {HINT}")
    if len(host) > MAX_LENGTH or any(len(label) > MAX_LABEL for label in labels):
        raise ShopDomainInvalid(f"{value[:80]!r}... is longer than a host name may be")
    if bad := next((label for label in labels if not _LABEL.match(label)), None):
        raise ShopDomainInvalid(f"{value!r}: {bad!r} is not a host name label (letters, digits, hyphens)")
    if len(labels) < 2 or labels[-1].isdigit():
        raise ShopDomainInvalid(f"{value!r} is not a shop's domain (IP addresses and single names are not)")
    return host


def _without_port(host: str, value: str) -> str:
    found = _PORT.match(host)
    if found is None or not 0 < int(found["port"]) < 65536:
        raise ShopDomainInvalid(f"{value!r} has a colon that is not a port: {HINT}")
    return found["host"]


def _ascii(host: str, value: str) -> str:
    import idna  # only for international names; pure Python, UTS 46 mapping as browsers do

    try:
        return str(idna.encode(host, uts46=True).decode("ascii"))
    except idna.IDNAError as exc:
        raise ShopDomainInvalid(f"{value!r} is not a valid international domain name: {exc}") from None
