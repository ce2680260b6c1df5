from __future__ import annotations

import pytest
from helpdesk.mail.trim import reply_from_html

pytestmark = pytest.mark.unit


def test_gmail_quote_is_dropped() -> None:
    html = (
        '<div dir="ltr">Works now, thanks!</div><div class="gmail_quote"><div class="gmail_attr">On Mon, '
        "Jeff wrote:</div><blockquote>Try again</blockquote></div>"
    )
    assert reply_from_html(html) == "Works now, thanks!"


def test_thunderbird_cite_is_dropped() -> None:
    html = (
        '<p>Спасибо!</p><div class="moz-cite-prefix">24.11.2026 10:00, Иван пишет:</div>'
        '<blockquote type="cite">Вопрос</blockquote>'
    )
    assert reply_from_html(html) == "Спасибо!"


def test_outlook_reply_block_is_dropped() -> None:
    html = (
        '<div>See attached.<br>Regards, Bob</div><div id="divRplyFwdMsg"><b>From:</b> Support<br>'
        "<b>Sent:</b> today</div><div>old text</div>"
    )
    assert reply_from_html(html) == "See attached.\nRegards, Bob"


def test_outlook_desktop_border_block_is_dropped() -> None:
    html = (
        "<p>Yes.</p><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>"
        "<p><b>From:</b> A</p></div><p>old</p>"
    )
    assert reply_from_html(html) == "Yes."


def test_scripts_and_entities() -> None:
    assert reply_from_html("<script>alert(1)</script><p>a &amp; b&nbsp;c</p>") == "a & b c"


def test_broken_markup_never_raises() -> None:
    assert isinstance(reply_from_html("<div><blockquote type=cite><p>unclosed"), str)


def test_zimbra_and_hotmail_rule_before_header_block() -> None:
    html = "<div>Sure.</div><div><hr id='zwchr'><b>Date:</b> Monday<br><b>From:</b> A</div><div>old</div>"
    assert reply_from_html(html) == "Sure."


def test_yahoo_quoted_by_id() -> None:
    assert reply_from_html('<div>Ok</div><div id="yahoo_quoted_123">On Monday A wrote: old</div>') == "Ok"


def test_sanitised_html_without_classes_still_loses_its_quote() -> None:
    html = (
        "<div>Works, thanks!</div><div><br><div>On Mon, 1 Jan 2024 at 10:00, Jeff &lt;jeff@example.com&gt;"
        " wrote:<br><blockquote style='margin:0 0 0 .8ex'><div>Try again</div><div>Jeff</div></blockquote>"
        "</div></div>"
    )
    assert reply_from_html(html) == "Works, thanks!"


def test_inline_answer_below_a_blockquote_is_kept() -> None:
    assert reply_from_html("<blockquote>Is it fixed?</blockquote><p>Yes, since Monday.</p>") == (
        "> Is it fixed?\nYes, since Monday."
    )


def test_a_forward_without_words_of_its_own_gives_the_forwarded_body() -> None:
    html = (
        '<div dir="ltr"><br><div class="gmail_quote">---------- Forwarded message ----------<br>'
        "From: Bob &lt;bob@example.com&gt;<br>Date: Fri, Feb 11, 2010 at 5:59 PM<br>Subject: WFH<br>"
        'To: Mary &lt;mary@example.com&gt;<br><br><div dir="ltr">Working from home today.</div></div></div>'
    )
    assert reply_from_html(html) == "Working from home today."


@pytest.mark.parametrize(
    "header",
    ["<b>Lähettäjä:</b> Matti", "<b>Gönderen:</b> Ali", "<b>差出人:</b> 山田", "<b>보낸 사람:</b> 홍길동",
     "<b>Od:</b> Jan Novák", "<b>Fra:</b> Ola"],
)  # fmt: skip
def test_a_rule_before_a_header_block_cuts_in_every_language_of_the_table(header: str) -> None:
    html = f"<div>Takk!</div><hr><div>{header}<br>...<br>Old thread text</div>"
    assert reply_from_html(html) == "Takk!"


@pytest.mark.parametrize(
    "rule",
    [
        '<div style="padding-top: 5px; border-top-color: rgb(229, 229, 229); border-top-width: 1px; '
        'border-top-style: solid;">',  # Windows Mail
        '<hr id="zwchr" data-marker="__DIVIDER__"><div>',  # Zimbra
    ],
)
def test_more_clients_rules_above_the_quoted_mail(rule: str) -> None:
    html = f"<div>Thanks, works.</div>{rule}<div>Ann, Monday</div><div>Older words</div></div>"
    assert reply_from_html(html) == "Thanks, works."
