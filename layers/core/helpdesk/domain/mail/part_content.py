"""The decoded bytes of a MIME leaf; a nested message is written back out as it was received."""

from __future__ import annotations

from email.generator import BytesGenerator
from email.message import Message
from email.policy import compat32
from io import BytesIO

from helpdesk.domain.mail.limits import Budget
from helpdesk.domain.mail.transfer import decode_transfer


class _VerbatimGenerator(BytesGenerator):
    """Writes header fields as they were received: the stdlib generator would re-fold long ones."""

    def _write_headers(self, msg: Message) -> None:
        linesep = self._NL  # type: ignore[attr-defined]
        self._fp.write(_header_lines(msg, linesep) + linesep.encode("ascii"))  # type: ignore[attr-defined]


def _header_lines(msg: Message, linesep: str) -> bytes:
    items = getattr(msg, "received_headers", None) or list(msg.raw_items())
    lines = [f"{name}: {value}" if value else f"{name}:" for name, value in items]
    return b"".join(line.encode("utf-8", "surrogateescape") + linesep.encode("ascii") for line in lines)


def part_bytes(part: Message, budget: Budget, linesep: str = "\n") -> bytes:
    """The transfer-decoded content of a leaf; a nested message is serialised back to its bytes."""
    payload = part.get_payload()
    if isinstance(payload, list):
        blocks = [inner for inner in payload if isinstance(inner, Message)]
        if part.get_content_type() in ("message/delivery-status", "message/disposition-notification"):
            data = linesep.encode("ascii").join(_header_lines(block, linesep) for block in blocks)
        else:
            data = b"".join(_serialise(inner, linesep) for inner in blocks)
    else:
        # The raw payload, not get_payload(): that one re-decodes 8-bit text with 'replace' and loses bytes.
        stored = getattr(part, "_payload", payload)
        raw = stored.encode("utf-8", "surrogateescape") if isinstance(stored, str) else b""
        data = decode_transfer(raw, part.get("content-transfer-encoding"))
    budget.add_decoded(len(data))
    return data


def _serialise(msg: Message, linesep: str) -> bytes:
    out = BytesIO()
    try:
        _VerbatimGenerator(out, mangle_from_=False, policy=compat32.clone(linesep=linesep)).flatten(msg)
        return out.getvalue()
    except (
        UnicodeError,
        LookupError,
        ValueError,
    ):  # headers we decoded to text no longer fit the byte writer
        return msg.as_string(policy=compat32.clone(linesep=linesep)).encode("utf-8", "surrogateescape")
