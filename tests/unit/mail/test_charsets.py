from __future__ import annotations

import codecs

import pytest
from helpdesk.mail.charsets import decode_bytes
from helpdesk.mail.model import Problem
from helpdesk.mail.parser import parse_mail

from tests.unit.mail.builders import mail

pytestmark = pytest.mark.unit

RUSSIAN = 'Здравствуйте! Не работает вход в личный кабинет, пишет "неверный пароль".'


@pytest.mark.parametrize("charset", ["koi8-r", "windows-1251", "iso-8859-5", "utf-8", "cp866"])
def test_russian_in_its_usual_charsets(charset: str) -> None:
    parsed = parse_mail(mail(RUSSIAN.encode(charset), content_type=f"text/plain; charset={charset}"))
    assert parsed.text == RUSSIAN
    assert parsed.problems == []


def test_utf7() -> None:
    parsed = parse_mail(mail("Привет, мир".encode("utf-7"), content_type="text/plain; charset=utf-7"))
    assert parsed.text == "Привет, мир"


def test_gb2312_label_is_read_as_gb18030() -> None:
    text = "镕基会议"  # 镕 is outside GB2312, common in mail labelled gb2312
    parsed = parse_mail(mail(text.encode("gb18030"), content_type="text/plain; charset=gb2312"))
    assert parsed.text == text


def test_iso_2022_jp_with_microsoft_extensions() -> None:
    body = "①１都３県".encode("cp932")  # ① is a NEC extension the strict codec rejects
    jis = b"\x1b$B" + _sjis_to_jis(body) + b"\x1b(B"
    parsed = parse_mail(mail(jis, content_type="text/plain; charset=iso-2022-jp"))
    assert parsed.text == "①１都３県"


def test_utf8_labelled_latin1_is_recovered_and_recorded() -> None:
    problems: list[Problem] = []
    assert decode_bytes("Grüße".encode(), "iso-8859-1", problems) == "Grüße"
    assert [p.code for p in problems] == ["charset_mislabelled"]


def test_missing_charset_is_detected_and_recorded() -> None:
    parsed = parse_mail(mail(RUSSIAN.encode("windows-1251") * 3, content_type="text/plain"))
    assert parsed.text.startswith("Здравствуйте!")
    assert {p.code for p in parsed.problems} == {"charset_guessed"}
    assert not any(p.fatal for p in parsed.problems)


def test_unknown_charset_label_is_detected_and_recorded() -> None:
    parsed = parse_mail(mail(RUSSIAN.encode("utf-8"), content_type="text/plain; charset=x-klingon"))
    assert parsed.text == RUSSIAN
    assert [p.code for p in parsed.problems] == ["charset_unknown"]


def test_ascii_is_never_questioned() -> None:
    problems: list[Problem] = []
    assert decode_bytes(b"plain", None, problems) == "plain"
    assert problems == []


def _sjis_to_jis(data: bytes) -> bytes:
    out = bytearray()
    for i in range(0, len(data), 2):
        s1, s2 = data[i], data[i + 1]
        row = (s1 - (0x70 if s1 < 0xA0 else 0xB0)) * 2
        if s2 < 0x9F:
            out += bytes((row - 1, s2 - (0x1F if s2 < 0x7F else 0x20)))
        else:
            out += bytes((row, s2 - 0x7E))
    return bytes(out)


def test_utf8_with_a_few_broken_bytes_stays_utf8() -> None:
    problems: list[Problem] = []
    damaged = "Привет, как дела?".encode() + b"\xff" + " Всё хорошо.".encode()
    assert decode_bytes(damaged, "utf-8", problems) == "Привет, как дела?\ufffd Всё хорошо."
    assert [p.code for p in problems] == ["charset_damaged"]


@pytest.mark.parametrize(
    ("label", "text", "codec"),
    [
        ("x-cp1251", RUSSIAN, "cp1251"),
        ("koi", RUSSIAN, "koi8-r"),
        ("csisolatincyrillic", RUSSIAN, "iso8859-5"),
        ("ISO-8859-1", "Preis: 5 €", "cp1252"),  # iso-8859-1 means windows-1252, as in every browser
        ("iso-8859-9", "İyi günler, fiyat 5 €", "cp1254"),
        ("sun_eu_greek", "Καλημέρα σας", "iso8859-7"),
        ("x-x-big5", "您好，請問", "big5hkscs"),
        ("csgb2312", "镕基会议", "gb18030"),
        ("x-mac-ukrainian", "Доброго дня", "mac-cyrillic"),
        ("dos-874", "สวัสดีครับ", "cp874"),
        ("csksc56011987", "안녕하세요", "cp949"),
        (' "Windows-1250"*pl ', "Dzień dobry, zażółć", "cp1250"),
    ],
)
def test_labels_resolve_through_the_whatwg_table(label: str, text: str, codec: str) -> None:
    problems: list[Problem] = []
    assert decode_bytes(text.encode(codec), label, problems) == text
    assert problems == []


def test_a_byte_order_mark_outranks_the_label() -> None:
    assert decode_bytes(codecs.BOM_UTF16_LE + "Grüße".encode("utf-16-le"), "iso-8859-1") == "Grüße"
    assert decode_bytes(codecs.BOM_UTF8 + "Grüße".encode(), "windows-1251") == "Grüße"


def test_bytes_windows_1252_leaves_undefined_are_c1_controls_not_a_guess() -> None:
    assert decode_bytes(b"caf\xe9 \x81\x8d ok", "windows-1252") == "café \x81\x8d ok"


@pytest.mark.parametrize("label", [None, "us-ascii", "x-unknown"])
@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("お問い合わせありがとうございます。", "iso2022_jp"),
        ("ｱｲｳ半角", "iso2022_jp_ext"),
        ("문의드립니다", "iso2022_kr"),
    ],
)
def test_seven_bit_iso_2022_is_read_by_its_escapes_whatever_the_label_misses(
    label: str | None, text: str, codec: str
) -> None:
    problems: list[Problem] = []
    assert decode_bytes(text.encode(codec), label, problems) == text
    assert [p.code for p in problems] == [
        {None: "charset_missing", "us-ascii": "charset_mislabelled", "x-unknown": "charset_unknown"}[label]
    ]


def test_an_unlabelled_iso_2022_jp_body_reads_as_sent() -> None:
    body = "ご注文の件でご連絡します。".encode("iso2022_jp")
    parsed = parse_mail(mail(body, content_type="text/plain"))
    assert parsed.text == "ご注文の件でご連絡します。"


def test_other_escapes_in_ascii_text_are_left_alone() -> None:
    assert decode_bytes(b"build \x1b[1mfailed\x1b[0m", None) == "build \x1b[1mfailed\x1b[0m"
