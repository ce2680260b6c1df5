"""Omnidesk's shapes, pure: cases, their messages and users as its REST API v1 answers them
(infra/local/vendor/omnidesk/api.json), and what of them becomes a ticket message."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html import unescape
from typing import Any

OMNIDESK_DOMAIN = "omnidesk.invalid"  # a customer Omnidesk knows no e-mail of: never mailed (RFC 6761)
_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<\s*(br|/p|/div|/li)\s*/?>", re.IGNORECASE)


@dataclass(frozen=True)
class OmnideskFile:
    file_id: int
    file_name: str
    mime_type: str
    url: str


@dataclass(frozen=True)
class OmnideskMessage:
    message_id: int
    user_id: int
    staff_id: int
    text: str
    note: bool
    created_at: datetime
    files: tuple[OmnideskFile, ...] = ()

    @property
    def from_customer(self) -> bool:
        """The customer wrote it: staff replies (ours included) and internal notes stay in Omnidesk."""
        return self.user_id != 0 and self.staff_id == 0 and not self.note


@dataclass(frozen=True)
class OmnideskCase:
    case_id: int
    case_number: str
    subject: str
    user_id: int
    updated_at: datetime | None = None
    junk: bool = False  # in Omnidesk's trash or marked spam: never a ticket


@dataclass(frozen=True)
class OmnideskUser:
    user_id: int
    name: str
    email: str


def when(raw: Any) -> datetime | None:
    """Omnidesk's times are RFC 2822 ("Mon, 05 May 2014 00:15:17 +0300"); "-" means none."""
    if not raw or raw == "-":
        return None
    try:
        found = parsedate_to_datetime(str(raw))
    except (TypeError, ValueError):
        return None
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def numbered(answer: dict[str, Any], name: str) -> tuple[list[dict[str, Any]], int]:
    """A list answer: numbered objects ({"0": {"case": {...}}, ...}) and total_count, in key order."""
    keys = sorted((k for k in answer if k.isdigit()), key=int)
    items = [answer[k][name] for k in keys if isinstance(answer[k], dict) and name in answer[k]]
    return items, int(answer.get("total_count") or 0)


def case_of(raw: dict[str, Any]) -> OmnideskCase:
    return OmnideskCase(
        case_id=int(raw["case_id"]),
        case_number=str(raw.get("case_number") or ""),
        subject=str(raw.get("subject") or ""),
        user_id=int(raw.get("user_id") or 0),
        updated_at=when(raw.get("updated_at")),
        junk=bool(raw.get("deleted") or raw.get("spam")),
    )


def message_of(raw: dict[str, Any]) -> OmnideskMessage:
    files = tuple(
        OmnideskFile(int(f["file_id"]), str(f.get("file_name") or "file"),
                     str(f.get("mime_type") or "application/octet-stream"), str(f.get("url") or ""))
        for f in raw.get("attachments") or [] if isinstance(f, dict) and f.get("url")
    )  # fmt: skip
    text = str(raw.get("content") or "") or plain_text(str(raw.get("content_html") or ""))
    return OmnideskMessage(
        message_id=int(raw["message_id"]),
        user_id=int(raw.get("user_id") or 0),
        staff_id=int(raw.get("staff_id") or 0),
        text=text,
        note=bool(raw.get("note")),
        created_at=when(raw.get("sent_at")) or when(raw.get("created_at")) or datetime.now(UTC),
        files=files,
    )


def user_of(raw: dict[str, Any]) -> OmnideskUser:
    return OmnideskUser(
        int(raw["user_id"]), str(raw.get("user_full_name") or ""), str(raw.get("user_email") or "").lower()
    )


def plain_text(html: str) -> str:
    """content_html as text: the ingest keeps text; markup from Omnidesk is never rendered as ours."""
    return unescape(_TAG.sub("", _BREAK.sub("\n", html))).strip()


def customer_address(user: OmnideskUser | None, user_id: int) -> str:
    """The customer's e-mail when Omnidesk has one, else an address naming their Omnidesk user."""
    if user is not None and "@" in user.email:
        return user.email
    return f"od.{user_id}@{OMNIDESK_DOMAIN}"


def message_key(case_id: int, message_id: int) -> str:
    return f"{case_id}-{message_id}"


def webhook_case_id(body: Any) -> int | None:
    """The case a webhook names: `object.case_id` (the message_new shape), `case.case_id` or `case_id`."""
    if not isinstance(body, dict):
        return None
    for holder in (body.get("object"), body.get("case"), body):
        raw = holder.get("case_id") if isinstance(holder, dict) else None
        if raw is not None and str(raw).strip().isdigit():
            return int(str(raw).strip())
    return None
