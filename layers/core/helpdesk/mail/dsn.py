"""RFC 3464 delivery status notifications and RFC 5965 feedback reports, read as field blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import Message

from helpdesk.mail.mailparts import children, part_text

_FIELD_RE = re.compile(r"^([A-Za-z][A-Za-z0-9-]*)[ \t]*:[ \t]*(.*)$")
_TYPED_RE = re.compile(r"^\s*[A-Za-z0-9-]+\s*;\s*")
_INLINE_DSN_RE = re.compile(r"^(?:Final|Original)-Recipient:", re.IGNORECASE | re.MULTILINE)
ADDRESS_RE = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+"
)


@dataclass(frozen=True)
class DsnRecipient:
    address: str
    action: str
    status: str
    diagnostic: str
    remote_mta: str


def field_blocks(part: Message) -> list[dict[str, str]]:
    """The header-like blocks of a message/delivery-status (or feedback-report) part, keys lower-cased."""
    blocks: list[dict[str, str]] = []
    subparts = children(part)
    if subparts:
        for sub in subparts:
            try:
                items = [(k, str(v)) for k, v in sub.raw_items()]
            except Exception:  # noqa: BLE001
                items = []
            blocks.append(_fields(items))
            body = sub.get_payload() if not sub.is_multipart() else ""
            if isinstance(body, str) and body.strip():
                blocks.extend(parse_fields(body))
        return [b for b in blocks if b]
    return parse_fields(part_text(part))


def parse_fields(text: str) -> list[dict[str, str]]:
    blocks: list[dict[str, str]] = []
    items: list[tuple[str, str]] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            if items:
                blocks.append(_fields(items))
                items = []
            continue
        if line[:1] in " \t" and items:
            items[-1] = (items[-1][0], items[-1][1] + " " + line.strip())
            continue
        m = _FIELD_RE.match(line)
        if m:
            items.append((m.group(1), m.group(2)))
    if items:
        blocks.append(_fields(items))
    return blocks


def _fields(items: list[tuple[str, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in items:
        k = key.strip().lower()
        if k not in out:
            out[k] = " ".join(value.split())
    return out


def untyped(value: str) -> str:
    """``rfc822; user@example.com`` -> ``user@example.com`` (angle brackets dropped)."""
    return _TYPED_RE.sub("", value, count=1).strip().strip("<>").strip()


def dsn_recipients(part: Message) -> list[DsnRecipient]:
    return _recipients(field_blocks(part))


def dsn_recipients_in_text(text: str) -> list[DsnRecipient]:
    """Per-recipient DSN fields written into a plain body (a bounce whose MIME structure was lost)."""
    if not _INLINE_DSN_RE.search(text):
        return []
    return _recipients(parse_fields(text))


def _recipients(blocks: list[dict[str, str]]) -> list[DsnRecipient]:
    out: list[DsnRecipient] = []
    for block in blocks:
        # A Final-Recipient that is no mail address (a delivery agent's route such as
        # "@store.example.org:bob@ims_daemon") gives way to the Original-Recipient.
        fields = (block.get("final-recipient", ""), block.get("original-recipient", ""))
        found = next((m for m in (ADDRESS_RE.search(untyped(f)) for f in fields) if m), None)
        if not found and not block.get("action") and not block.get("status"):
            continue
        if not found:
            continue
        out.append(
            DsnRecipient(
                address=found.group(0),
                action=block.get("action", "").lower().strip(),
                status=block.get("status", "").strip(),
                diagnostic=untyped(block.get("diagnostic-code", "")),
                remote_mta=untyped(block.get("remote-mta", "")),
            )
        )
    return out
