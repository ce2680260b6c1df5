"""What Python's own `email` (policy.default) reads from a mail's headers, and when our reading is worse."""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass, field

from helpdesk.mail.model import ParsedMail

ADDRESS_FIELDS = ("from", "to", "cc", "reply-to")
_ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bBqQ]\?[^?]*\?=")
# A plain addr-spec with a dotted domain: what the stdlib reads as an address from a display name such as
# `Mikel@Lindsaar <m@example.com>` has none, and is no address a reader would count on.
_DOT_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


@dataclass
class Reading:
    subject: str | None = None  # None: the stdlib raised on this field
    addresses: dict[str, list[tuple[str, str]] | None] = field(default_factory=dict)


def stdlib_reading(raw: bytes) -> Reading:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    reading = Reading()
    try:
        reading.subject = str(msg["subject"] or "")
    except Exception:  # noqa: BLE001 - "where it does not raise"
        reading.subject = None
    for name in ADDRESS_FIELDS:
        try:
            header = msg[name]
            pairs = [(a.display_name, a.addr_spec) for a in header.addresses] if header is not None else []
        except Exception:  # noqa: BLE001
            pairs = None
        reading.addresses[name] = pairs
    return reading


def defects(text: str) -> int:
    """Signs of undecoded text: replacement characters, stray surrogates, raw encoded words."""
    broken = sum(1 for c in text if c == "\ufffd" or "\ud800" <= c <= "\udfff")
    return broken + len(_ENCODED_WORD.findall(text))


def _same(a: str, b: str) -> bool:
    # Whitespace alone decides nothing: RFC 2047 drops it between encoded words, the stdlib keeps some.
    return "".join(a.split()) == "".join(b.split())


def text_not_worse(ours: str, theirs: str) -> bool:
    """Equal, or theirs is empty or damaged and ours is less damaged."""
    if _same(ours, theirs) or not theirs.strip():
        return True
    return defects(theirs) > 0 and defects(ours) < defects(theirs)


def _ours(mail: ParsedMail, name: str) -> list[tuple[str, str]]:
    if name == "from":
        return [(mail.from_.name, mail.from_.address)] if mail.from_ else []
    return [(a.name, a.address) for a in getattr(mail, name.replace("-", "_"))]


def worse_than_stdlib(mail: ParsedMail, reading: Reading) -> list[str]:
    """Each way our reading of subject and addresses is worse than the stdlib's.

    An address the stdlib reads as a plain dot-atom addr-spec must be ours too, in the same order (our From
    keeps the first); its display name, when the stdlib decodes one cleanly, must be ours too.
    """
    found = []
    if reading.subject is not None and not text_not_worse(mail.subject, reading.subject):
        found.append(f"subject {mail.subject!r} < stdlib {reading.subject!r}")
    for name, pairs in reading.addresses.items():
        if pairs is None:
            continue
        theirs = [(n, a) for n, a in pairs if _DOT_ATOM.fullmatch(a)]
        if name == "from":
            theirs = theirs[:1]
        ours = {a.lower(): n for n, a in _ours(mail, name)}
        order = [a.lower() for _, a in _ours(mail, name) if a.lower() in {x.lower() for _, x in theirs}]
        if order != [a.lower() for _, a in theirs]:
            found.append(f"{name} {list(ours)} < stdlib {[a for _, a in theirs]}")
            continue
        for display, address in theirs:
            if not text_not_worse(ours[address.lower()], display):
                found.append(f"{name} name {ours[address.lower()]!r} < stdlib {display!r}")
    return found
