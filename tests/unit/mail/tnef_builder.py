"""Builds TNEF (winmail.dat) streams byte by byte as [MS-OXTNEF] lays them out, for the TNEF reader's tests.

A stream is the signature 0x223E9F78, a 16-bit key, then attribute records: level (1 message, 2 attachment),
a 32-bit attribute id (type in the high word), a 32-bit length, the data, and a 16-bit checksum (the sum of
the data bytes). attMAPIProps and attAttachment hold a counted list of MAPI properties: a 32-bit tag (type in
the low word, id in the high), a name (GUID, kind, number or UTF-16 string) when the id is 0x8000 or more, and
the value; variable-length values and multi-valued properties carry a value count, and every value is padded
to 4 bytes.
"""

from __future__ import annotations

import struct
import uuid

SIGNATURE = 0x223E9F78
MESSAGE, ATTACHMENT = 1, 2

# attribute ids: atp type << 16 | id
ATT_FROM = 0x00008000
ATT_SUBJECT = 0x00018004
ATT_MESSAGE_CLASS = 0x00078008
ATT_BODY = 0x0002800C
ATT_ATTACH_DATA = 0x0006800F
ATT_ATTACH_TITLE = 0x00018010
ATT_ATTACH_REND_DATA = 0x00069002
ATT_MAPI_PROPS = 0x00069003
ATT_ATTACHMENT = 0x00069005
ATT_TNEF_VERSION = 0x00089006
ATT_OEM_CODEPAGE = 0x00069007

PT_SHORT, PT_LONG, PT_BOOLEAN, PT_OBJECT = 0x0002, 0x0003, 0x000B, 0x000D
PT_STRING8, PT_UNICODE, PT_SYSTIME, PT_CLSID, PT_BINARY = 0x001E, 0x001F, 0x0040, 0x0048, 0x0102
MV = 0x1000

PR_BODY, PR_RTF_COMPRESSED, PR_HTML, PR_DISPLAY_NAME = 0x1000, 0x1009, 0x1013, 0x3001
PR_ATTACH_DATA_OBJ, PR_ATTACH_FILENAME, PR_ATTACH_METHOD, PR_ATTACH_LONG_FILENAME = (
    0x3701,
    0x3704,
    0x3705,
    0x3707,
)
PR_INTERNET_CPID = 0x3FDE
IID_IMESSAGE = uuid.UUID("00020307-0000-0000-c000-000000000046").bytes_le
PS_PUBLIC_STRINGS = uuid.UUID("00020329-0000-0000-c000-000000000046").bytes_le
PSETID_ADDRESS = uuid.UUID("00062004-0000-0000-c000-000000000046").bytes_le

_FIXED = {PT_SHORT: "<h2x", PT_BOOLEAN: "<H2x", PT_LONG: "<i", PT_SYSTIME: "<Q"}


def record(level: int, attribute: int, data: bytes, checksum: int | None = None) -> bytes:
    check = sum(data) & 0xFFFF if checksum is None else checksum
    return struct.pack("<BII", level, attribute, len(data)) + data + struct.pack("<H", check)


def stream(*records: bytes, key: int = 0x1234) -> bytes:
    return struct.pack("<IH", SIGNATURE, key) + b"".join(records)


def preamble(message_class: str = "IPM.Note", codepage: int = 1252) -> list[bytes]:
    return [
        record(MESSAGE, ATT_TNEF_VERSION, struct.pack("<I", 0x00010000)),
        record(MESSAGE, ATT_OEM_CODEPAGE, struct.pack("<II", codepage, 0)),
        record(MESSAGE, ATT_MESSAGE_CLASS, message_class.encode() + b"\0"),
    ]


def message(*records: bytes, message_class: str = "IPM.Note", key: int = 0x1234) -> bytes:
    return stream(*preamble(message_class), *records, key=key)


def rend() -> bytes:
    """attAttachRendData: where every attachment begins."""
    return record(ATTACHMENT, ATT_ATTACH_REND_DATA, struct.pack("<HIhhI", 1, 0xFFFFFFFF, -1, -1, 0))


def title(name: str | bytes) -> bytes:
    raw = name if isinstance(name, bytes) else name.encode("cp1252")
    return record(ATTACHMENT, ATT_ATTACH_TITLE, raw + b"\0")


def attach_data(data: bytes) -> bytes:
    return record(ATTACHMENT, ATT_ATTACH_DATA, data)


def attach_props(*props: bytes) -> bytes:
    return record(ATTACHMENT, ATT_ATTACHMENT, prop_list(*props))


def message_props(*props: bytes) -> bytes:
    return record(MESSAGE, ATT_MAPI_PROPS, prop_list(*props))


def file(name: str, data: bytes) -> list[bytes]:
    """One attachment as Outlook writes it: rendering data, title, data, then its MAPI properties."""
    return [rend(), title(name), attach_data(data), attach_props(prop(PT_LONG, PR_ATTACH_METHOD, 1))]


def prop_list(*props: bytes) -> bytes:
    return struct.pack("<I", len(props)) + b"".join(props)


def prop(ptype: int, pid: int, *values: object, named: tuple[bytes, int | str] | None = None) -> bytes:
    """One property; `named` (GUID, number or string) makes it a named one, whose id must be >= 0x8000."""
    tag = struct.pack("<HH", ptype, pid) + (_name(*named) if named else b"")
    base = ptype & ~MV
    encoded = b"".join(_value(base, v) for v in values)
    if ptype & MV or base in (PT_STRING8, PT_UNICODE, PT_BINARY, PT_OBJECT):
        return tag + struct.pack("<I", len(values)) + encoded
    return tag + encoded


def _name(guid: bytes, key: int | str) -> bytes:
    if isinstance(key, int):
        return guid + struct.pack("<II", 0, key)
    text = key.encode("utf-16-le") + b"\0\0"
    return guid + struct.pack("<II", 1, len(text)) + _padded(text)


def _value(ptype: int, value: object) -> bytes:
    if ptype in _FIXED:
        return struct.pack(_FIXED[ptype], value)
    if ptype == PT_CLSID:
        return bytes(value)  # type: ignore[call-overload]
    if ptype == PT_STRING8:
        raw = value if isinstance(value, bytes) else str(value).encode("cp1252")
        raw += b"\0"
    elif ptype == PT_UNICODE:
        raw = str(value).encode("utf-16-le") + b"\0\0"
    elif ptype == PT_OBJECT:
        raw = IID_IMESSAGE + bytes(value)  # type: ignore[call-overload]
    else:
        raw = bytes(value)  # type: ignore[call-overload]
    return struct.pack("<I", len(raw)) + _padded(raw)


def _padded(raw: bytes) -> bytes:
    return raw + b"\0" * (-len(raw) % 4)
