from __future__ import annotations

import hashlib

import pytest
from helpdesk.mail.parser import parse_mail

from tests.unit.mail.builders import b64part, multipart, part

pytestmark = pytest.mark.unit


def _names(*attachment_parts: bytes) -> list[str]:
    return [a.filename for a in parse_mail(multipart("mixed", part("body"), *attachment_parts)).attachments]


@pytest.mark.parametrize(
    ("headers", "name"),
    [
        (
            "Content-Disposition: attachment; filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82.pdf\n",
            "отчёт.pdf",
        ),
        (
            "Content-Disposition: attachment;\n filename*0*=UTF-8''%D0%B4%D0%BE%D0%BA;\n"
            " filename*1*=%D1%83%D0%BC%D0%B5%D0%BD%D1%82.pdf\n",
            "документ.pdf",
        ),
        ("Content-Disposition: attachment; filename*=koi8-r'ru'%D3%DE%C5%D4.txt\n", "счет.txt"),
        ('Content-Disposition: attachment; filename="=?UTF-8?B?0YHRh9C10YIucGRm?="\n', "счет.pdf"),
        ('Content-Disposition: attachment; filename="C:\\\\Temp\\\\report.doc"\n', "report.doc"),
        (
            'Content-Disposition: attachment; filename="C:\\TEMP\\nsmail.png"\n',
            "C:TEMPnsmail.png",
        ),  # quoted pairs
        ("Content-Disposition: attachment; filename=C:\\Temp\\plain.doc\n", "plain.doc"),
        ("Content-Disposition: attachment\n", "file.bin"),
        ('Content-Disposition: attachment\nContent-Description: "Q3 figures"\n', "Q3 figures.bin"),
    ],
)
def test_file_names_from_rfc2231_and_rfc2047(headers: str, name: str) -> None:
    assert _names(part("x", "application/octet-stream", headers)) == [name]


def test_name_from_content_type_and_raw_utf8_bytes() -> None:
    raw = 'Content-Type: application/pdf; name="Прайс.pdf"\nContent-Disposition: attachment\n\n%PDF'.encode()
    assert _names(raw) == ["Прайс.pdf"]


def test_attachment_metadata() -> None:
    data = bytes(range(256)) * 10
    parsed = parse_mail(
        multipart(
            "mixed",
            part("body"),
            b64part(
                data,
                "application/octet-stream",
                'Content-Disposition: inline; filename="blob.bin"\nContent-ID: <c1@x>\n',
            ),
        )
    )
    [blob] = parsed.attachments
    assert (blob.size, blob.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    assert (blob.content_type, blob.content_id, blob.disposition) == (
        "application/octet-stream",
        "c1@x",
        "inline",
    )
    assert "content" not in parsed.to_json()["attachments"][0]


def test_unnamed_parts_get_unique_readable_names() -> None:
    names = _names(
        part("a", "text/html", "Content-Disposition: attachment\n"),
        part("b", "text/html", "Content-Disposition: attachment\n"),
        b64part(b"img", "image/jpeg", "Content-ID: <image001.jpg@01D0>\n"),
    )
    assert names == ["document.html", "document1.html", "image001.jpg"]


def test_damaged_winmail_dat_is_kept_and_recorded() -> None:
    parsed = parse_mail(
        multipart("mixed", part("body"), b64part(b"not tnef at all", "application/ms-tnef; name=winmail.dat"))
    )
    assert [a.filename for a in parsed.attachments] == ["winmail.dat"]
    assert [p.code for p in parsed.problems] == ["tnef_unreadable"]
    assert not parsed.quarantine_reason


@pytest.mark.parametrize(
    "headers",
    [
        "Content-Disposition: attachment; filename*=UTF-8''invoice%E2%80%AEfdp.exe\n",
        'Content-Disposition: attachment; filename="=?UTF-8?Q?invoice=E2=80=AEfdp.exe?="\n',
        "Content-Disposition: attachment; filename*=UTF-8''invoice%E2%81%A7%E2%80%8Bfdp.exe%00\n",
    ],
)
def test_bidi_and_invisible_characters_are_taken_out_of_file_names(headers: str) -> None:
    assert _names(part("x", "application/octet-stream", headers)) == ["invoicefdp.exe"]
