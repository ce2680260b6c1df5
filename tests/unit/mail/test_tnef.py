"""winmail.dat (TNEF): streams built byte by byte ([MS-OXTNEF]) cover each shape the corpus's files hold.

Names follow tnefparse (koodaamo/tnefparse, whose example files and expectations the corpus compares):
PR_ATTACH_LONG_FILENAME first, else the last of attAttachTitle / PR_ATTACH_FILENAME, else PR_DISPLAY_NAME when
the data came before it, else "unknown.dat"; duplicate names are kept as they are, in order.
"""

from __future__ import annotations

import struct

import pytest
from helpdesk.mail.model import Problem
from helpdesk.mail.parser import parse_mail
from helpdesk.mail.tnef import unpack_tnef

from tests.unit.mail import tnef_builder as t
from tests.unit.mail.builders import b64part, multipart, part


def unpack(blob: bytes) -> tuple[list[str], list[bytes], str, str, list[str]]:
    problems: list[Problem] = []
    unpacked = unpack_tnef(blob, problems)
    assert unpacked is not None, problems
    files, text, html = unpacked
    return [f.filename for f in files], [f.content for f in files], text, html, [p.code for p in problems]


def names(blob: bytes) -> list[str]:
    return unpack(blob)[0]


def test_one_file() -> None:
    assert unpack(t.message(*t.file("AUTHORS", b"Jane\n")))[:2] == (["AUTHORS"], [b"Jane\n"])


def test_two_files_in_order() -> None:
    blob = t.message(*t.file("AUTOEXEC.BAT", b"@echo off"), *t.file("CONFIG.SYS", b"FILES=40"))
    assert unpack(blob)[:2] == (["AUTOEXEC.BAT", "CONFIG.SYS"], [b"@echo off", b"FILES=40"])


def test_data_before_title() -> None:
    blob = t.message(t.rend(), t.attach_data(b"[boot loader]"), t.title("boot.ini"))
    assert unpack(blob)[:2] == (["boot.ini"], [b"[boot loader]"])


@pytest.mark.parametrize("tail", [b"\0", b"garbage", b"\r\n-- \r\nsent from a gateway that appends text\r\n"])
def test_trailing_garbage_after_the_last_attribute(tail: bytes) -> None:
    assert names(t.message(*t.file("a.txt", b"a"), tail)) == ["a.txt"]


def test_a_wrong_checksum_is_read_anyway_and_noted() -> None:
    blob = t.message(t.rend(), t.title("image001.png"), t.record(t.ATTACHMENT, t.ATT_ATTACH_DATA, b"PNG", 7))
    found, contents, _, _, problems = unpack(blob)
    assert (found, contents, problems) == (["image001.png"], [b"PNG"], ["tnef_checksum"])


def test_an_attachment_without_any_name_is_unknown_dat() -> None:
    # tnefparse's long_filename() answers "unknown.dat" (the corpus compares its names), not our MIME rule's
    # kind word ("file"): the corpus decides, and docs/mail-standards.md (TNEF) says so.
    blob = t.message(t.rend(), t.attach_data(b"x"), *t.file("b.txt", b"b"))
    assert names(blob) == ["unknown.dat", "b.txt"]


def test_a_unicode_long_filename_outranks_the_8_3_title() -> None:
    long_name = "Отчёт за квартал — финальная версия.docx"
    props = t.attach_props(
        t.prop(t.PT_STRING8, t.PR_ATTACH_FILENAME, "OTCHYO~1.DOC"),
        t.prop(t.PT_UNICODE, t.PR_ATTACH_LONG_FILENAME, long_name),
    )
    assert names(t.message(t.rend(), t.title("OTCHYO~1.DOC"), t.attach_data(b"d"), props)) == [long_name]


def test_a_string8_long_filename_in_the_message_codepage() -> None:
    props = t.attach_props(t.prop(t.PT_STRING8, t.PR_ATTACH_LONG_FILENAME, "Prüfbericht März 2024.xlsx"))
    assert names(t.message(t.rend(), t.title("PRFBER~1.XLS"), t.attach_data(b"d"), props)) == [
        "Prüfbericht März 2024.xlsx"
    ]


def test_multi_valued_and_named_properties_are_skipped_cleanly() -> None:
    props = t.attach_props(
        t.prop(t.PT_STRING8 | t.MV, 0x8001, "a", "bc", "def", named=(t.PS_PUBLIC_STRINGS, "Keywords")),
        t.prop(t.PT_BINARY | t.MV, 0x8002, b"\1", b"\2\3\4\5\6", named=(t.PSETID_ADDRESS, 0x8055)),
        t.prop(t.PT_SHORT | t.MV, 0x1002, 1, 2, 3),
        t.prop(t.PT_LONG | t.MV, 0x1003, 7, 8),
        t.prop(t.PT_BOOLEAN, 0x8003, 1, named=(t.PS_PUBLIC_STRINGS, "x")),
        t.prop(t.PT_CLSID, 0x8004, t.IID_IMESSAGE, named=(t.PS_PUBLIC_STRINGS, 0x1)),
        t.prop(t.PT_SYSTIME, 0x3008, 132_000_000_000_000_000),
        t.prop(t.PT_UNICODE, t.PR_ATTACH_LONG_FILENAME, "208225 (5 seconds) Voice Mail.mp3"),
    )
    blob = t.message(t.rend(), t.title("208225~1.MP3"), t.attach_data(b"ID3"), props)
    assert names(blob) == ["208225 (5 seconds) Voice Mail.mp3"]


@pytest.mark.parametrize("size", range(1, 9))
def test_values_are_padded_to_four_bytes(size: int) -> None:
    props = t.attach_props(
        t.prop(t.PT_BINARY, 0x0E09, b"\xff" * size),
        t.prop(t.PT_STRING8, 0x3703, "x" * size),
        t.prop(t.PT_SHORT, 0x0E21, 5),
        t.prop(t.PT_UNICODE, t.PR_ATTACH_LONG_FILENAME, f"{'n' * size}.txt"),
    )
    assert names(t.message(t.rend(), t.title("N.TXT"), t.attach_data(b"d"), props)) == [f"{'n' * size}.txt"]


def _embedded(*before_object: bytes) -> bytes:
    inner = t.message(
        *t.file("inner.pdf", b"%PDF"), t.message_props(t.prop(t.PT_STRING8, t.PR_BODY, "inner"))
    )
    props = t.attach_props(
        t.prop(t.PT_STRING8, t.PR_DISPLAY_NAME, "Re: the quarterly report"),
        t.prop(t.PT_LONG, t.PR_ATTACH_METHOD, 5),
        t.prop(t.PT_OBJECT, t.PR_ATTACH_DATA_OBJ, inner),
    )
    return t.message(t.rend(), *before_object, props)


def test_an_embedded_message_is_one_file_and_its_own_files_stay_inside() -> None:
    # PR_DISPLAY_NAME names only an attachment whose data came first (tnefparse's order-bound rule).
    found, contents, _, _, _ = unpack(_embedded())
    assert found == ["unknown.dat"] and contents[0].startswith(struct.pack("<I", t.SIGNATURE))
    assert names(_embedded(t.attach_data(b"msg"))) == ["Re: the quarterly report"]


def test_a_distribution_list_has_members_but_no_files() -> None:
    members = t.prop(t.PT_BINARY | t.MV, 0x8055, b"\0" * 20, b"\1" * 23, named=(t.PSETID_ADDRESS, 0x8055))
    listed = t.prop(t.PT_UNICODE, 0x8001, "Team", named=(t.PSETID_ADDRESS, 0x8053))
    body = t.prop(t.PT_STRING8, t.PR_BODY, "members")
    blob = t.message(t.message_props(members, listed, body), message_class="IPM.DistList")
    found, _, text, _, _ = unpack(blob)
    assert (found, text) == ([], "members")


def compressed_rtf(rtf: bytes) -> bytes:
    """[MS-OXRTFCP] uncompressed form ("MELA"): sizes, type and a zero CRC before the raw RTF."""
    return struct.pack("<III", len(rtf) + 12, len(rtf), 0x414C454D) + b"\0\0\0\0" + rtf


def test_a_compressed_rtf_body_gives_no_text_and_no_error() -> None:
    blob = t.message(
        t.message_props(t.prop(t.PT_BINARY, t.PR_RTF_COMPRESSED, compressed_rtf(b"{\\rtf1 hi}")))
    )
    assert unpack(blob)[2:] == ("", "", [])


@pytest.mark.parametrize("ptype", [t.PT_BINARY, t.PT_STRING8, t.PT_UNICODE])
def test_an_html_body(ptype: int) -> None:
    html = "<html><body><p>Grüße</p></body></html>"
    value = html.encode("utf-8") if ptype == t.PT_BINARY else html
    props = [t.prop(t.PT_LONG, t.PR_INTERNET_CPID, 65001), t.prop(ptype, t.PR_HTML, value)]
    assert "<p>Grüße</p>" in unpack(t.message(t.message_props(*props)))[3]


def test_a_plain_att_body() -> None:
    blob = t.message(t.record(t.MESSAGE, t.ATT_BODY, "Grüße aus Köln\r\n".encode("cp1252") + b"\0"))
    assert unpack(blob)[2].strip() == "Grüße aus Köln"


def test_duplicate_file_names_are_kept_in_order() -> None:
    blob = t.message(
        *t.file("file_abcdefgh.txt", b"1"), *t.file("file_abcdefgh.txt", b"2"), *t.file("V.htm", b"")
    )
    assert unpack(blob)[:2] == (["file_abcdefgh.txt", "file_abcdefgh.txt", "V.htm"], [b"1", b"2", b""])


def test_through_the_parser_the_files_and_body_replace_winmail_dat() -> None:
    blob = t.message(*t.file("a.txt", b"a"), t.record(t.MESSAGE, t.ATT_BODY, b"hello\0"))
    raw = multipart("mixed", part("", "text/plain"), b64part(blob, 'application/ms-tnef; name="winmail.dat"'))
    parsed = parse_mail(raw)
    assert ([a.filename for a in parsed.attachments], parsed.text.strip()) == (["a.txt"], "hello")
