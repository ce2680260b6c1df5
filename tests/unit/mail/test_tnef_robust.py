"""winmail.dat (TNEF): damaged streams end read or refused, quickly; built ones read as tnefparse does."""

from __future__ import annotations

import time

import pytest
from helpdesk.mail.model import Problem
from helpdesk.mail.tnef import UNNAMED, shown_name, unpack_tnef
from helpdesk.mail.tnef_reader import read_tnef

from tests.unit.mail import tnef_builder as t


def samples() -> dict[str, bytes]:
    unicode_name = t.attach_props(t.prop(t.PT_UNICODE, t.PR_ATTACH_LONG_FILENAME, "Отчёт за квартал.docx"))
    skipped = t.attach_props(
        t.prop(t.PT_STRING8 | t.MV, 0x8001, "a", "bc", "def", named=(t.PS_PUBLIC_STRINGS, "Keywords")),
        t.prop(t.PT_BINARY | t.MV, 0x8002, b"\1", b"\2\3\4\5\6", named=(t.PSETID_ADDRESS, 0x8055)),
        t.prop(t.PT_SHORT, 0x0E21, 3),
        t.prop(t.PT_STRING8, t.PR_ATTACH_LONG_FILENAME, "Prüfbericht März.xlsx"),
    )
    inner = t.message(*t.file("in.pdf", b"%PDF"))
    embedded = t.attach_props(
        t.prop(t.PT_STRING8, t.PR_DISPLAY_NAME, "Re: report"),
        t.prop(t.PT_OBJECT, t.PR_ATTACH_DATA_OBJ, inner),
    )
    bodies = t.message_props(
        t.prop(t.PT_LONG, t.PR_INTERNET_CPID, 65001),
        t.prop(t.PT_BINARY, t.PR_HTML, "<p>Grüße</p>".encode()),
        t.prop(t.PT_BINARY, t.PR_RTF_COMPRESSED, b"\x10\0\0\0\4\0\0\0MELA\0\0\0\0{\\rtf1}"),
    )
    return {
        "one": t.message(*t.file("AUTHORS", b"Jane\n")),
        "two, garbage": t.message(*t.file("A.BAT", b"a"), *t.file("C.SYS", b"c"), b"garbage at the end"),
        "data first": t.message(t.rend(), t.attach_data(b"x"), t.title("boot.ini")),
        "unnamed": t.message(t.rend(), t.attach_data(b"x")),
        "unicode": t.message(t.rend(), t.title("OTCHYO~1.DOC"), t.attach_data(b"d"), unicode_name),
        "skipped": t.message(t.rend(), t.title("PRFBER~1.XLS"), t.attach_data(b"d"), skipped),
        "embedded": t.message(t.rend(), embedded),
        "embedded, data first": t.message(t.rend(), t.attach_data(b"m"), embedded),
        "bodies": t.message(bodies, *t.file("x.txt", b"x"), *t.file("x.txt", b"y")),
        "att body": t.message(t.record(t.MESSAGE, t.ATT_BODY, b"hello\0")),
        "bad checksum": t.message(
            t.rend(), t.title("i.png"), t.record(t.ATTACHMENT, t.ATT_ATTACH_DATA, b"P", 9)
        ),
    }


def _kinds(body: object, html: object, rtf: object) -> list[bool]:
    return [bool(body), bool(html), bool(rtf)]


@pytest.mark.parametrize("name", list(samples()))
def test_names_and_body_kinds_are_tnefparses(name: str) -> None:
    tnefparse = pytest.importorskip("tnefparse")
    blob = samples()[name]
    theirs = tnefparse.TNEF(blob, do_checksum=False)
    ours = read_tnef(blob)
    assert ours is not None
    # tnefparse's released 1.4.0 answers "" for an unnamed file; its main branch (the corpus's) "unknown.dat".
    assert [shown_name(f.shown_name()) for f in ours.files] == [
        shown_name(a.long_filename()) for a in theirs.attachments
    ]
    assert _kinds(ours.body, ours.html, ours.rtf) == _kinds(theirs.body, theirs.htmlbody, theirs._rtfbody)


def test_an_unnamed_file_is_unknown_dat() -> None:
    assert shown_name("") == shown_name("\x00 ") == UNNAMED == "unknown.dat"


def _survives(blobs: list[bytes], seconds: float) -> None:
    started = time.perf_counter()
    for blob in blobs:
        message = read_tnef(blob)
        problems: list[Problem] = []
        unpacked = unpack_tnef(blob, problems)
        assert (message is None) == (unpacked is None)
        assert all(p.code in ("tnef_unreadable", "tnef_checksum") for p in problems)
    assert time.perf_counter() - started < seconds


def _rich() -> bytes:
    """Every sample's records in one stream (not the garbage, which would swallow what follows it)."""
    return t.stream(*(blob[6:] for name, blob in samples().items() if "garbage" not in name))


def test_every_truncation_ends_read_or_refused_quickly() -> None:
    blob = _rich()
    assert len(read_tnef(blob).files) == 10  # type: ignore[union-attr]
    _survives([blob[:end] for end in range(len(blob) + 1)], seconds=10)


@pytest.mark.parametrize("damage", [b"\xff", b"\xff\xff\xff\xff", b"\x00\x00\x00\x80", b"\x01\x00\x00\x00"])
def test_damage_at_every_offset_ends_quickly(damage: bytes) -> None:
    blob = _rich()
    _survives([blob[:at] + damage + blob[at + len(damage) :] for at in range(len(blob))], seconds=10)


def test_huge_counts_cannot_make_long_loops() -> None:
    huge = b"\xff\xff\xff\xff"
    props = t.record(t.MESSAGE, t.ATT_MAPI_PROPS, huge + t.prop(t.PT_BINARY | t.MV, 0x1102) + huge)
    mv = t.record(t.ATTACHMENT, t.ATT_ATTACHMENT, b"\1\0\0\0" + t.prop(t.PT_LONG | t.MV, 0x1003) + huge)
    _survives([t.message(props), t.message(t.rend(), mv)], seconds=1)
