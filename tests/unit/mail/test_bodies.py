from __future__ import annotations

import base64

import pytest
from helpdesk.mail.parser import parse_mail

from tests.unit.mail.builders import b64part, mail, multipart, part

pytestmark = pytest.mark.unit

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def test_alternative_gives_both_text_and_sanitised_html() -> None:
    raw = multipart(
        "alternative",
        part("Hello plain"),
        part("<p>Hello <b>html</b><script>alert(1)</script></p>", "text/html; charset=utf-8"),
    )
    parsed = parse_mail(raw)
    assert parsed.text == "Hello plain"
    assert parsed.html == "<p>Hello <b>html</b></p>"
    assert parsed.attachments == []


def test_html_only_mail_gets_its_text_from_the_html() -> None:
    parsed = parse_mail(
        mail("<h1>Title</h1><p>One&nbsp;&amp; two</p><ul><li>a</li><li>b</li></ul>", content_type="text/html")
    )
    assert parsed.text == "Title\n\nOne & two\n\n- a\n- b"


def test_related_html_keeps_cid_images_and_lists_them_inline() -> None:
    html = part('<p>see <img src="cid:img1@x"> and <img src="https://track.example/p.gif"></p>', "text/html")
    image = b64part(PNG, "image/png", "Content-ID: <img1@x>\n")
    parsed = parse_mail(multipart("related", html, image, boundary="r"))
    assert 'src="cid:img1@x"' in parsed.html
    assert "track.example" not in parsed.html  # remote images are not loaded
    [inline] = parsed.attachments
    assert (inline.content_id, inline.disposition, inline.content, inline.filename) == (
        "img1@x",
        "inline",
        PNG,
        "image.png",
    )


def test_sanitiser_removes_handlers_javascript_and_data_urls() -> None:
    html = (
        '<a href="javascript:alert(1)" onclick="x()">j</a><img src="data:image/png;base64,AAAA">'
        '<a href="https://example.com/">ok</a><p style="color:red;background:url(https://x/)">s</p>'
    )
    parsed = parse_mail(mail(html, content_type="text/html"))
    for bad in ("javascript:", "onclick", "data:", "url("):
        assert bad not in parsed.html
    assert 'href="https://example.com/"' in parsed.html
    assert 'style="color:red"' in parsed.html


def test_forwarded_message_is_kept_as_an_eml_attachment() -> None:
    inner = b"From: b@example.com\nSubject: Original question\n\nInner body\n"
    raw = multipart("mixed", part("See below"), part(inner, "message/rfc822"))
    parsed = parse_mail(raw)
    assert parsed.text == "See below"
    [forwarded] = parsed.attachments
    assert forwarded.filename == "Original question.eml"
    assert forwarded.content_type == "message/rfc822"
    assert forwarded.content == inner


def test_quoted_printable_and_bad_base64_padding() -> None:
    qp = part("Gr=C3=BC=C3=9Fe, =\nzusammen", headers="Content-Transfer-Encoding: quoted-printable\n")
    broken = part(
        b"0J/RgNC40LLQtdGC!!\n",
        "text/plain; charset=utf-8; name=x.txt",
        "Content-Transfer-Encoding: base64\n",
    )
    parsed = parse_mail(multipart("mixed", qp, broken))
    assert parsed.text == "Grüße, zusammen"
    assert parsed.attachments[0].content == "Привет".encode()


def test_uuencoded_part_and_inline_uuencoded_file() -> None:
    encoded = b"begin 644 hello.txt\n%:&5L;&\\`\n`\nend\n"
    uu_part = part(
        encoded, "application/octet-stream; name=hello.txt", "Content-Transfer-Encoding: x-uuencode\n"
    )
    parsed = parse_mail(multipart("mixed", part("body"), uu_part))
    assert parsed.attachments[0].content == b"hello"
    inline = parse_mail(mail(b"Hi there\n\n" + encoded))
    assert inline.text == "Hi there"
    assert [(a.filename, a.content) for a in inline.attachments] == [("hello.txt", b"hello")]


def test_format_flowed_is_joined_back() -> None:
    parsed = parse_mail(
        mail("This is one \nlong line.\n> quoted\n", content_type="text/plain; format=flowed")
    )
    assert parsed.text == "This is one long line.\n> quoted"


def test_nested_alternative_inside_mixed_with_attachment() -> None:
    alt = multipart("alternative", part("plain"), part("<b>rich</b>", "text/html"), boundary="alt").split(
        b"\n\n", 1
    )[1]
    raw = multipart(
        "mixed",
        b'Content-Type: multipart/alternative; boundary="alt"\n\n' + alt,
        b64part(b"%PDF-1.4", "application/pdf", 'Content-Disposition: attachment; filename="a.pdf"\n'),
    )
    parsed = parse_mail(raw)
    assert (parsed.text, parsed.html) == ("plain", "<b>rich</b>")
    assert [(a.filename, a.disposition, a.size) for a in parsed.attachments] == [("a.pdf", "attachment", 8)]


def test_crlf_and_lf_give_the_same_result() -> None:
    raw = multipart("alternative", part("Hello\nworld"), part("<p>Hello</p>", "text/html"))
    lf, crlf = parse_mail(raw), parse_mail(raw.replace(b"\n", b"\r\n"))
    assert lf.to_json() == crlf.to_json()


INNER = (
    b"From: Bob <bob@example.org>\nSubject: Original question\nDate: Mon, 1 Jan 2024 10:00:00 +0000\n"
    b"Content-Type: text/html; charset=utf-8\n\n<p>Is the <b>server</b> down?</p>\n"
)


def test_an_inline_message_shows_its_header_block_and_body_in_order_and_stays_an_attachment() -> None:
    inline = part(INNER, "message/rfc822", "Content-Disposition: inline\n")
    parsed = parse_mail(multipart("mixed", part("See below."), inline, part("Thanks, Ann")))
    assert parsed.text == (
        "See below.\n\nFrom: Bob <bob@example.org>\nDate: Mon, 1 Jan 2024 10:00:00 +0000\n"
        "Subject: Original question\n\nIs the server down?\n\nThanks, Ann"
    )
    assert "<b>server</b>" in parsed.html and "Original question" in parsed.html
    assert parsed.html.index("See below.") < parsed.html.index("server") < parsed.html.index("Thanks, Ann")
    assert [(a.filename, a.disposition) for a in parsed.attachments] == [("Original question.eml", "inline")]


def test_inline_text_parts_around_an_image_are_concatenated_in_order() -> None:
    image = b64part(PNG, "image/png", "Content-Disposition: inline\n")
    parsed = parse_mail(multipart("mixed", part("first"), image, part("second")))
    assert parsed.text == "first\n\nsecond"
    assert [a.content_type for a in parsed.attachments] == ["image/png"]


def test_a_mail_without_any_text_is_empty_not_an_error() -> None:
    attachment = b64part(PNG, "image/png", 'Content-Disposition: attachment; filename="x.png"\n')
    parsed = parse_mail(multipart("mixed", attachment))
    assert (parsed.text, parsed.html) == ("", "")
    assert not any(p.fatal for p in parsed.problems)
    assert [a.filename for a in parsed.attachments] == ["x.png"]


def test_an_alternative_picks_plain_and_html_by_type_and_leaves_the_rest() -> None:
    calendar = part("BEGIN:VCALENDAR\nEND:VCALENDAR\n", "text/calendar; charset=utf-8")
    raw = multipart("alternative", part("plain words"), part("<p>html words</p>", "text/html"), calendar)
    parsed = parse_mail(raw)
    assert parsed.text == "plain words" and "html words" in parsed.html
    assert [a.content_type for a in parsed.attachments] == ["text/calendar"]
