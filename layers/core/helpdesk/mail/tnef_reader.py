"""Read a TNEF stream ([MS-OXTNEF]): its attachments, their names and data, and the message's bodies.

Where the specification leaves a choice (which name an attachment shows, which record starts it, what a
damaged tail means) the reader does what tnefparse does: the corpus we are measured on is its.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from helpdesk.mail.charsets import decode_bytes
from helpdesk.mail.tnef_props import PT_BINARY, PT_OBJECT, PT_UNICODE, Prop, codec_for_codepage, read_props

SIGNATURE = 0x223E9F78
ATTACHMENT_LEVEL = 2
ATT_BODY, ATT_ATTACH_DATA, ATT_ATTACH_TITLE = 0x800C, 0x800F, 0x8010
ATT_ATTACH_REND_DATA, ATT_MAPI_PROPS, ATT_ATTACHMENT, ATT_OEM_CODEPAGE = 0x9002, 0x9003, 0x9005, 0x9007
PR_BODY, PR_RTF_COMPRESSED, PR_HTML, PR_PREVIEW, PR_INTERNET_CPID = 0x1000, 0x1009, 0x1013, 0x3FD9, 0x3FDE
PR_DISPLAY_NAME, PR_ATTACH_DATA_OBJ, PR_ATTACH_FILENAME, PR_ATTACH_LONG_FILENAME = (
    0x3001,
    0x3701,
    0x3704,
    0x3707,
)
_HEAD = struct.Struct("<BHxxI")  # level, attribute id (its type, the high word, skipped), length
_SMALLEST_READ = 13  # tnefparse reads no record from a tail of 12 bytes or less: such a tail is garbage


@dataclass
class TnefFile:
    name: str = ""  # the last of attAttachTitle, PR_ATTACH_FILENAME, PR_DISPLAY_NAME (if data came first)
    long_name: str = ""  # the first PR_ATTACH_LONG_FILENAME, which outranks them
    data: bytes = b""
    named: bool = False

    def shown_name(self) -> str:
        return self.long_name or self.name.strip("\x00")

    def add(self, attribute: int, data: bytes, codec: str) -> None:
        if attribute == ATT_ATTACH_TITLE:
            self.name, self.named = _title(data, codec), bool(data)
        elif attribute == ATT_ATTACH_DATA:
            self.data = data
        elif attribute == ATT_ATTACHMENT:
            for prop in read_props(data, codec):
                if not prop.named:
                    self._add_prop(prop, codec)

    def _add_prop(self, prop: Prop, codec: str) -> None:
        if prop.id == PR_ATTACH_FILENAME or (prop.id == PR_DISPLAY_NAME and self.data and not self.named):
            self.name = prop.text(codec)
            self.named = bool(self.name)
        elif prop.id == PR_ATTACH_LONG_FILENAME and not self.long_name:
            self.long_name = prop.text(codec)
        elif (
            prop.id == PR_ATTACH_DATA_OBJ
        ):  # a PT_OBJECT value starts with its interface id (IID_IMessage...)
            self.data = prop.raw[16:] if prop.type == PT_OBJECT else prop.raw


@dataclass
class TnefMessage:
    files: list[TnefFile] = field(default_factory=list)
    body: str = ""
    html: str = ""
    rtf: bytes = b""  # PR_RTF_COMPRESSED as it is ([MS-OXRTFCP])
    bad_checksums: int = 0


def read_tnef(blob: bytes) -> TnefMessage | None:
    """The message inside a TNEF stream, or None when the stream does not start with the TNEF signature."""
    if len(blob) < 6 or struct.unpack_from("<I", blob)[0] != SIGNATURE:
        return None
    message, codec, current = TnefMessage(), "cp1252", None
    offset = 6
    while len(blob) - offset >= _SMALLEST_READ:
        level, attribute, length = _HEAD.unpack_from(blob, offset)
        end = min(
            len(blob), offset + 11 + length
        )  # a record cut short by the end of the stream keeps what it has
        data, checksum = blob[offset + 9 : end - 2], struct.unpack_from("<H", blob, end - 2)[0]
        message.bad_checksums += sum(data) & 0xFFFF != checksum
        offset = end
        if attribute == ATT_ATTACH_REND_DATA:  # every attachment begins with its rendering data
            current = TnefFile()
            message.files.append(current)
        if level == ATTACHMENT_LEVEL:
            if current is not None:
                current.add(attribute, data, codec)
        elif attribute == ATT_OEM_CODEPAGE and len(data) >= 4:
            codec = codec_for_codepage(struct.unpack_from("<I", data)[0])
        elif attribute == ATT_BODY:
            message.body = decode_bytes(data, codec).rstrip("\x00")
        elif attribute == ATT_MAPI_PROPS:
            _add_message_props(message, read_props(data, codec), codec)
    return message


def _add_message_props(message: TnefMessage, props: list[Prop], codec: str) -> None:
    internet = next((p for p in props if p.id == PR_INTERNET_CPID and not p.named), None)
    codec = codec_for_codepage(internet.number()) if internet else codec
    for prop in props:
        if prop.named:
            continue
        if prop.id == PR_BODY or (prop.id == PR_PREVIEW and not message.body):  # the preview only if no body
            message.body = _text(prop, codec)
        elif prop.id == PR_HTML:
            message.html = _text(prop, codec)
        elif prop.id == PR_RTF_COMPRESSED:
            message.rtf = prop.raw


def _text(prop: Prop, codec: str) -> str:
    if prop.type == PT_UNICODE:
        return prop.text(codec)
    raw = prop.raw.rstrip(b"\x00") if prop.type != PT_BINARY else prop.raw
    return decode_bytes(raw, codec).rstrip("\x00")


def _title(data: bytes, codec: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode(codec, "replace")
