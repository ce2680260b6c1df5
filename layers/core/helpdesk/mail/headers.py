"""Header fields as the helpdesk needs them: decoded text, addresses, an ISO 8601 date, bare message ids."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_tz

from helpdesk.mail.address_syntax import parse_address_list
from helpdesk.mail.encoded_words import decode_words, protect_words, raw_to_text, restore_words
from helpdesk.mail.model import Address

_FOLD = re.compile(r"\r?\n(?=[ \t])|\r(?=[ \t])")
_ANGLE_ID = re.compile(r"<([^<>]*)>")
_MAX_ADDRESS_FIELD = 16 * 1024
_MAX_FIELD = 64 * 1024  # longer header values are cut: nothing legitimate needs more, parsers can be slow


def unfold(value: str) -> str:
    return _FOLD.sub("", value[:_MAX_FIELD]).replace("\r", "").replace("\n", "")


def text_field(value: str | None) -> str:
    if value is None:
        return ""
    return decode_words(unfold(str(value))).strip()


def address_list(values: list[str]) -> list[Address]:
    found: list[Address] = []
    for value in values:
        hidden, words = protect_words(raw_to_text(unfold(str(value)[:_MAX_ADDRESS_FIELD])))
        for name, address in parse_address_list(hidden):
            name = decode_words(restore_words(name, words)).strip().strip('"').strip()
            address = decode_words(restore_words(address, words)).strip().strip("<>")
            if address:
                found.append(Address(name=name, address=address))
    return found


def iso_date(value: str | None) -> str | None:
    if not value:
        return None
    parsed = parsedate_tz(unfold(str(value)).strip())
    if parsed is None:
        return None
    try:
        offset = timezone(timedelta(seconds=parsed[9] or 0))
        return datetime(*parsed[:6], tzinfo=offset).isoformat()
    except (ValueError, OverflowError):
        return None


def message_ids(value: str | None) -> list[str]:
    if not value:
        return []
    text = raw_to_text(unfold(str(value)))
    if "=?" in text:  # broken senders encode msg-ids (RFC 2047 forbids it): `=?utf-8?q?=3Cid=40host=3E?=`
        text = decode_words(text)
    ids = [i.strip().replace(" ", "") for i in _ANGLE_ID.findall(text)]
    if not ids:
        ids = [t.strip("<>") for t in re.split(r"[\s,]+", text)]
    return [i for i in ids if i]
