from __future__ import annotations

import pytest
from helpdesk.mail.encoded_words import decode_words
from helpdesk.mail.headers import address_list, iso_date, message_ids
from helpdesk.mail.model import Address
from helpdesk.mail.parser import parse_mail

from tests.unit.mail.builders import mail

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("=?utf-8?B?0J/RgNC40LLQtdGC?=", "Привет"),
        ("=?koi8-r?B?8NLJ18XU?=", "Привет"),
        ("=?windows-1251?Q?=CF=F0=E8=E2=E5=F2?= world", "Привет world"),
        ("=?utf-8?Q?a_b?= =?utf-8?Q?c?=", "a bc"),  # whitespace between adjacent words disappears
        ("=?utf-8?B?0J/RgNC4?=\n =?utf-8?B?0LLQtdGC?=", "Привет"),
        ("=?utf-8?B?0J/RgNC40LLQtdGC?", "=?utf-8?B?0J/RgNC40LLQtdGC?"),  # unterminated: left as is
        ("=?utf-8?B?0J/RgNC40LLQtdGC?=", "Привет"),
        ("=?utf-8?B?0J/RgNC40LLQtdGC=?=", "Привет"),  # bad padding
        ("=?x-unknown?Q?caf=C3=A9?=", "café"),  # unknown charset: detected
        ("=?gb2312?B?0NS1xA==?=", "性的"),
    ],
)
def test_encoded_words_are_decoded_forgivingly(raw: str, text: str) -> None:
    assert decode_words(raw) == text


def test_a_character_split_across_two_encoded_words_survives() -> None:
    # "Привет" in UTF-8 is 12 bytes; the split falls inside the second letter.
    assert decode_words("=?utf-8?B?0J/R?= =?utf-8?B?gNC40LLQtdGC?=") == "Привет"


def test_addresses_keep_commas_inside_encoded_display_names() -> None:
    found = address_list(["=?iso-8859-1?Q?B=FCrling,=20Andreas?= <smith@example.com>, b@example.com"])
    assert found == [Address("Bürling, Andreas", "smith@example.com"), Address("", "b@example.com")]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('"Doe, John" <john@example.com>', [Address("Doe, John", "john@example.com")]),
        ("MAILER-DAEMON@mx.example.com (Mail Delivery System)",
         [Address("Mail Delivery System", "MAILER-DAEMON@mx.example.com")]),
        ("Max Kohl | [x.com] <kohl@example.com>", [Address("Max Kohl | [x.com]", "kohl@example.com")]),
        ('"Broken " <>, "LTD" <ly@example.com>', [Address("LTD", "ly@example.com")]),
        ("Test test@example.com", [Address("Test", "test@example.com")]),
        ("undisclosed-recipients:;", []),
    ],
)  # fmt: skip
def test_address_lists_from_real_mail(raw: str, expected: list[Address]) -> None:
    assert address_list([raw]) == expected


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("Sun, 21 Mar 1993 23:56:48 -0800 (PST)", "1993-03-21T23:56:48-08:00"),
        ("21 Mar 93 23:56 GMT", "1993-03-21T23:56:00+00:00"),
        ("Fri, 7 Dec 2012 08:37:47 +0000", "2012-12-07T08:37:47+00:00"),
        ("not a date", None),
        ("Tue, 31 Feb 2020 10:00:00 +0000", None),
    ],
)
def test_dates_become_iso_8601(raw: str, iso: str | None) -> None:
    assert iso_date(raw) == iso


def test_message_ids_lose_their_angle_brackets() -> None:
    assert message_ids("<a@b>\n <c@d> <e@f>") == ["a@b", "c@d", "e@f"]
    assert message_ids("bare@id") == ["bare@id"]


def test_raw_8bit_headers_use_the_charset_the_mail_declares() -> None:
    raw = "Subject: Привет\n".encode("koi8-r") + mail(
        "тело".encode("koi8-r"), content_type="text/plain; charset=koi8-r"
    )
    parsed = parse_mail(raw)
    assert parsed.subject == "Привет"
    assert parsed.text == "тело"


def test_an_unreadable_date_is_a_problem_not_a_failure() -> None:
    parsed = parse_mail(b"Date: yesterday-ish\n" + mail("hi"))
    assert parsed.date is None
    assert [p.code for p in parsed.problems] == ["date_invalid"]
    assert parsed.text == "hi"


def test_header_lines_without_folding_whitespace_continue_the_previous_field() -> None:
    raw = (
        b"From: a@example.com\nX-Long: first\nbroken continuation\nSubject: still here\n"
        b"Content-Type: text/plain\n\nbody\n"
    )
    parsed = parse_mail(raw)
    assert parsed.subject == "still here"
    assert parsed.text == "body"


def test_blank_lines_before_the_header_are_skipped() -> None:
    parsed = parse_mail(b"\r\n\r\n" + mail("hi").replace(b"\n", b"\r\n"))
    assert (parsed.subject, parsed.text) == ("test", "hi")


def test_whitespace_only_lines_before_the_header_are_skipped_and_the_mime_tree_is_read() -> None:
    attached = (
        b'--b\nContent-Type: text/plain; name="f.txt"\nContent-Disposition: attachment\n\nfile\n--b--\n'
    )
    body = b"--b\nContent-Type: text/plain\n\nhi\n" + attached
    raw = b"    \t  \n" + mail(body, content_type='multipart/mixed; boundary="b"')
    parsed = parse_mail(raw)
    assert (parsed.subject, parsed.text, [a.filename for a in parsed.attachments]) == (
        "test",
        "hi",
        ["f.txt"],
    )


def test_a_line_that_is_no_field_and_has_no_field_after_it_begins_the_body() -> None:
    parsed = parse_mail(
        b"From: a@example.org\nSubject: here's something\ncounter to RFC 5322, no blank line\n"
    )
    assert (parsed.subject, parsed.text) == ("here's something", "counter to RFC 5322, no blank line")


def test_rfc2047_encoded_message_ids_from_broken_senders_are_read_as_ids() -> None:
    one = "=?utf-8?q?=3Ct3c8abc=40support=2Eexample=2Ecom=3E?="
    assert message_ids(one) == ["t3c8abc@support.example.com"]
    folded = "=?utf-8?q?=3Ca=40x=2Eorg=3E_=3Cb=40?=\r\n =?UTF-8?Q?y=2Eorg=3E?="
    assert message_ids(folded) == ["a@x.org", "b@y.org"]
    assert message_ids("=?utf-8?b?PGNAei5vcmc+?=") == ["c@z.org"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [  # RFC 5322 appendix A.1.2, A.5 and A.6 (obsolete syntax), then what clients send
        ("Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>",
         [Address("Pete", "pete@silly.test")]),
        ("A Group(Some people):Chris Jones <c@a.test>, joe@x.org, John <jd@one.test> (my dear friend);"
         " (the end)",
         [Address("Chris Jones", "c@a.test"), Address("", "joe@x.org"), Address("John", "jd@one.test")]),
        ("John Doe <jdoe@machine(comment).  example>", [Address("John Doe", "jdoe@machine.example")]),
        ("Joe Q. Public <jqp@example.com>, Mary Smith <@node.test:mary@x.net>, , jdoe@test  . example",
         [Address("Joe Q. Public", "jqp@example.com"), Address("Mary Smith", "mary@x.net"),
          Address("", "jdoe@test.example")]),
        ('"Joe" <@relay.one,@relay.two:joe@x.org>', [Address("Joe", "joe@x.org")]),
        ("Undisclosed recipients:;, Ann <ann@x.org>", [Address("Ann", "ann@x.org")]),
        ("joe@x.org <joe@x.org>", [Address("joe@x.org", "joe@x.org")]),
        ("postmaster", [Address("", "postmaster")]),
        ("tim@x.org concierge@x.org", [Address("", "tim@x.org"), Address("", "concierge@x.org")]),
    ],
)  # fmt: skip
def test_obsolete_address_syntax_reads_like_mature_clients(raw: str, expected: list[Address]) -> None:
    assert address_list([raw]) == expected


RUSSIAN_SUBJECT = "Не работает вход в личный кабинет"


def test_raw_8bit_headers_of_a_us_ascii_mail_are_detected_not_read_as_latin1() -> None:
    raw = f"Subject: {RUSSIAN_SUBJECT}\n".encode("cp1251") + mail(
        "hi", content_type="text/plain; charset=us-ascii"
    )
    assert parse_mail(raw).subject == RUSSIAN_SUBJECT


def test_raw_8bit_headers_follow_the_charset_of_the_mails_encoded_words() -> None:
    head = f"Subject: {RUSSIAN_SUBJECT}\n".encode("koi8-r") + b"X-Note: =?koi8-r?b?8MXS?=\n"
    assert parse_mail(head + mail("hi", content_type="text/plain")).subject == RUSSIAN_SUBJECT
