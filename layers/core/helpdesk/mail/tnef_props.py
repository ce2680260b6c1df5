"""MAPI property lists inside TNEF attributes ([MS-OXTNEF] 2.1.3.4): tags, names, typed and padded values."""

from __future__ import annotations

import codecs
import struct
from dataclasses import dataclass

PT_UNSPECIFIED, PT_OBJECT, PT_STRING8, PT_UNICODE, PT_BINARY = 0x0000, 0x000D, 0x001E, 0x001F, 0x0102
MV_FLAG = 0x1000
_NAMED_FROM = 0x8000
# Fixed widths on the wire: 16-bit values are padded to 4 bytes, each one, multi-valued or not.
_WIDTH = {0x0002: 4, 0x0003: 4, 0x0004: 4, 0x000A: 4, 0x000B: 4, 0x0005: 8, 0x0006: 8, 0x0007: 8, 0x0014: 8,
          0x0040: 8, 0x0048: 16}  # fmt: skip
_VARIABLE = {PT_UNSPECIFIED, PT_OBJECT, PT_STRING8, PT_UNICODE, PT_BINARY}
_CODEPAGES = {20127: "ascii", 20866: "koi8-r", 21866: "koi8-u", 28591: "latin-1", 28592: "iso8859-2",
              28595: "iso8859-5", 28597: "iso8859-7", 28605: "iso8859-15", 50220: "iso2022-jp",
              51932: "euc-jp", 20932: "euc-jp", 54936: "gb18030", 10000: "mac-roman", 65000: "utf-7",
              65001: "utf-8"}  # fmt: skip


@dataclass(frozen=True)
class Prop:
    """One value of a property: a multi-valued property gives one Prop per value."""

    id: int
    type: int
    named: bool
    raw: bytes

    def text(self, codec: str) -> str:
        """A string value as tnefparse reads it: UTF-16 or the stream's code page, trailing NULs dropped."""
        encoding = "utf-16-le" if self.type == PT_UNICODE else codec
        return self.raw.decode(encoding, "replace").rstrip("\x00")

    def number(self) -> int:
        return int.from_bytes(self.raw[:4], "little", signed=True)


class _Unreadable(Exception):
    pass


class _Cursor:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, size: int) -> bytes:
        if size < 0 or self.pos + size > len(self.data):
            raise _Unreadable
        self.pos += size
        return self.data[self.pos - size : self.pos]

    def u32(self) -> int:
        return int(struct.unpack("<I", self.take(4))[0])

    def count(self, width: int) -> int:
        """A value count, never more than the bytes left can hold: a damaged count makes no long loop."""
        return min(self.u32(), (len(self.data) - self.pos) // width)


def codec_for_codepage(codepage: int) -> str:
    """The Python codec for a Windows code page id (attOemCodepage, PR_INTERNET_CPID); cp1252 if unknown."""
    name = _CODEPAGES.get(codepage, f"cp{codepage}")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "cp1252"


def read_props(data: bytes, codec: str) -> list[Prop]:
    """The properties of an attMAPIProps or attAttachment value, in order, up to the first that cannot be
    read (an unknown type, or a value running past the end: nothing after it can be located)."""
    cursor, props = _Cursor(data), []
    try:
        for _ in range(cursor.count(4)):
            props.extend(_read_prop(cursor))
    except _Unreadable:
        pass
    return props


def _read_prop(cursor: _Cursor) -> list[Prop]:
    ptype, pid = struct.unpack("<HH", cursor.take(4))
    named = pid >= _NAMED_FROM
    if named:  # GUID, then a kind: 0 a 32-bit number, else a UTF-16 name with its length, padded to 4 bytes
        if struct.unpack("<16xI", cursor.take(20))[0] == 0:
            cursor.take(4)
        else:
            size = cursor.u32()
            cursor.take(size + (-size % 4))
    base = ptype & ~MV_FLAG
    if base in _WIDTH:
        count = cursor.count(_WIDTH[base]) if ptype & MV_FLAG else 1
        return [Prop(pid, base, named, cursor.take(_WIDTH[base])) for _ in range(count)]
    if base not in _VARIABLE:
        raise _Unreadable
    values = [_variable(cursor) for _ in range(cursor.count(4))]
    if ptype & MV_FLAG:
        return [Prop(pid, base, named, value) for value in values]
    return [Prop(pid, base, named, b"".join(values))]


def _variable(cursor: _Cursor) -> bytes:
    size = cursor.u32()
    value = cursor.take(size)
    cursor.take(min(-size % 4, len(cursor.data) - cursor.pos))  # padding; a last value may go without
    return value
