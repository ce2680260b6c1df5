from __future__ import annotations

import time

import pytest
from helpdesk.mail.trim import trim_reply

pytestmark = pytest.mark.unit


def test_gmail_english_attribution_and_quote_are_cut() -> None:
    text = (
        "Thanks, works now.\n\nOn Mon, Feb 1, 2016 at 6:32 PM, Jeff <jeff@example.com> wrote:\n\n"
        "> Try again\n"
    )
    result = trim_reply(text)
    assert result.reply == "Thanks, works now."
    assert result.elided.startswith("On Mon, Feb 1, 2016")
    assert result.forwarded is None and result.preface is None


@pytest.mark.parametrize(
    "attribution",
    [
        "25 нояб. 2026 г., в 10:15, Иван Петров <ivan@example.ru> написал(а):",
        "Среда, 25 ноября 2026, 10:15 +03:00 от Иван Петров <ivan@mail.example.ru>:",
        '25.11.2026, 10:15, "Иван Петров" <ivan@yandex.example.ru>:',
        "Иван Петров <ivan@example.ru> пишет:",
        "Am 25.11.2026 um 10:15 schrieb Max Mustermann <max@example.de>:",
        "Le 25 nov. 2026 à 10:15, Jean <jean@example.fr> a écrit :",
    ],
)
def test_russian_and_other_attributions(attribution: str) -> None:
    text = f"Спасибо, всё работает.\n\n{attribution}\n\n> Попробуйте ещё раз\n> С уважением\n"
    assert trim_reply(text).reply == "Спасибо, всё работает."


def test_outlook_original_message_in_russian() -> None:
    text = (
        "Добрый день!\nПринтер снова не печатает.\n\n-----Исходное сообщение-----\n"
        "От: Поддержка <hd@example.com>\n"
        "Отправлено: 24 ноября 2026 г. 9:00\nКому: Иван\nТема: Re: [#HD-12] Принтер\n\n"
        "Попробуйте перезагрузить.\n"
    )
    result = trim_reply(text)
    assert result.reply == "Добрый день!\nПринтер снова не печатает."
    assert result.preface == result.reply
    assert result.forwarded is not None and result.forwarded.startswith("От: Поддержка")


def test_outlook_header_block_without_marker() -> None:
    text = (
        "Please see below.\n\n________________________________\nFrom: Support <hd@example.com>\n"
        "Sent: Tuesday, November 24, 2026 9:00 AM\nTo: Bob\nSubject: RE: help\n\nOld text\n"
    )
    assert trim_reply(text).reply == "Please see below."


def test_mobile_signatures_are_cut() -> None:
    assert trim_reply("Да, подходит.\n\nОтправлено с iPhone\n").reply == "Да, подходит."
    assert trim_reply("Fine by me.\n\nSent from my iPhone").reply == "Fine by me."
    assert trim_reply("Passt.\n\nVon meinem iPhone gesendet\n").reply == "Passt."


def test_signature_after_dash_dash_goes_to_elided() -> None:
    result = trim_reply("Short answer.\n\n-- \nBob Builder\nACME Ltd.\n")
    assert result.reply == "Short answer."
    assert "ACME" in result.elided


def test_forward_splits_preface_and_forwarded_mail() -> None:
    text = (
        "Please look at this.\n\n---------- Пересылаемое сообщение ----------\nОт: Клиент <c@example.com>\n"
        "Дата: 24 нояб. 2026\nТема: Ошибка\n\nНичего не работает.\n"
    )
    result = trim_reply(text)
    assert result.preface == "Please look at this."
    assert result.forwarded is not None and result.forwarded.endswith("Ничего не работает.")
    assert result.reply == "Please look at this."


def test_inline_quote_followed_by_text_is_kept() -> None:
    text = "> Is it fixed?\n\nYes, since Monday."
    assert trim_reply(text).reply == text


def test_bottom_posted_reply_is_found_below_the_quote() -> None:
    text = "On 04/02/2012 06:26 PM, Megan wrote:\n> Hi\nHello there"
    assert trim_reply(text).reply == "Hello there"


def test_koi8r_decoded_russian_reply_with_quote_prefix() -> None:
    raw = "Привет!\n\nИван пишет:\n> Вопрос\n".encode("koi8-r")
    assert trim_reply(raw.decode("koi8-r")).reply == "Привет!"


def test_crlf_is_handled() -> None:
    text = "Ok.\r\n\r\nOn Tue, 1 Jan 2026 at 10:00, A <a@example.com> wrote:\r\n> x\r\n"
    assert trim_reply(text).reply == "Ok."


@pytest.mark.parametrize(
    "history",
    [
        "--- On Thu, 4/5/12, Bob <bob@example.com> wrote:\n\nFrom: Bob <bob@example.com>\nSubject: Hi\n\nHi",
        "Среда, 4 апреля 2012, 17:36 +04:00 от bob@example.com:\n\n> Hi",
        "Op 4 apr. 2012 om 15:37 heeft Bob <bob@example.com> het volgende geschreven:\n\n> Hi",
        "From:\tbob@example.com\nTo:\thd@example.com\nDate:\t04/04/2012 15:37\nSubject:\tHi\n\nHi",
        "-----\nFrom: Bob <bob@example.com>\nSent: Monday\nTo: hd@example.com\nSubject: Hi\n\nHi",
        "W dniu 3.02.2016 o 15:35, Bob <bob@example.com> pisze:\n> Hi",
    ],
)
def test_more_client_histories(history: str) -> None:
    assert trim_reply(f"Hello\n\n{history}\n").reply == "Hello"


@pytest.mark.parametrize(
    "header",
    [
        "---- On Tue, 22 Dec 2015 14:17:36 +0530 Ann &lt;ann@example.com&gt; wrote ----",
        '30 серп. 2016 р. 20:45 "Ann" ann@example.com пише:',
        "2016-03-03 17:21 GMT+01:00 Ann Lee",
        '10:15 AM, November 25, 2026, "Ann - Example" <ann@example.com>:',
        "annlee via Example Forum wrote:",
        "Ann Lee via Example Forum <forum@example.com> schrieb:",
        "----- Reply message -----",
        "Posted by annlee on 01/21/2016",
    ],
)
def test_quote_headers_of_more_clients_and_forums(header: str) -> None:
    for history in ("> earlier words\n> more", "earlier words\nmore"):
        assert trim_reply(f"My answer.\n\n{header}\n{history}\n").reply == "My answer."


@pytest.mark.parametrize(
    "line",
    [
        "Sent from Mail<https://go.microsoft.com/fwlink/?LinkId=550986> for Windows 10",
        "Sent from [Mail](https://go.microsoft.com/fwlink/?LinkId=550986) for Windows 10",
    ],
)
def test_app_lines_with_links_are_cut(line: str) -> None:
    assert trim_reply(f"My answer.\n\n{line}\n").reply == "My answer."


@pytest.mark.parametrize(
    "block",
    [
        "Expéditeur : Ann <a@example.com>\nDestinataire : b@example.com\nRépondre à : c@example.com",
        "De : Ann\nLe : 12/03/2016\nÀ : b@example.com",
        "De: Ann\nFecha: 12/03/2016\nPara: b@example.com",
        "Da: Ann\nRisposta: a@example.com\nA: b@example.com",
        "Van: Ann\nBeantwoorden - Aan: a@example.com\nAan: b@example.com",
        ",,,,,,,,",
    ],
)
def test_header_blocks_and_rules_of_more_clients(block: str) -> None:
    assert trim_reply(f"Answer.\n\n{block}\n\nEarlier text\n").reply == "Answer."


def test_a_sentence_with_via_and_wrote_is_no_attribution() -> None:
    text = "I sent it via FedEx and the driver wrote:\n\nThe parcel is here."
    assert trim_reply(text).reply == text


def test_a_sentence_with_wrote_and_a_number_is_no_attribution() -> None:
    text = "I rewrote it in 2 days:\nthe parser and the CLI."
    assert trim_reply(text).reply == text


def test_outlook_header_block_is_an_embedded_mail_with_its_preface() -> None:
    text = (
        "See below.\n\n*From:* Support <hd@example.com>\n*Sent:* Monday, 23 November 2026 10:00\n"
        "*To:* Bob\n*Subject:* Printer\n\nPlease restart it.\n"
    )
    result = trim_reply(text)
    assert (result.reply, result.preface) == ("See below.", "See below.")
    assert result.forwarded is not None and result.forwarded.startswith("*From:* Support")
    assert result.forwarded.endswith("Please restart it.")


def test_apple_forward_as_quote_is_unquoted() -> None:
    text = "FYI\n\nBegin forwarded message:\n\n> From: A <a@example.com>\n> Subject: x\n>\n> Body text\n"
    result = trim_reply(text)
    assert result.reply == "FYI"
    assert result.forwarded is not None and result.forwarded.endswith("Body text")
    assert not result.forwarded.startswith(">")


def test_rule_under_the_reply_cuts_what_follows() -> None:
    result = trim_reply("Thanks!\n\n-----\nConfidential: this mail is for the addressee only.\n")
    assert result.reply == "Thanks!"
    assert "Confidential" in result.elided


FENCE = "```"


@pytest.mark.parametrize(
    "reply",
    [
        f"Here is my config:\n\n{FENCE}\n---\nname: x\n{FENCE}\n\nThanks",
        f"The headers I got:\n\n{FENCE}\nFrom: a@b.example\nTo: d@e.example\nSubject: hi\n{FENCE}\n\nThanks",
        "Steps:\n- open the app\n- type:\n  > hello\n- done\n\nThanks",
        "Try this:\n~~~\n-- \nSELECT 1;\n~~~\nThanks",
    ],
)
def test_code_blocks_and_lists_are_never_cut(reply: str) -> None:
    quoted = "\n\nOn Mon, Jan 1, 2024 at 10:00 AM Bob <bob@example.org> wrote:\n> old stuff\n"
    result = trim_reply(reply + quoted)
    assert result.reply == reply
    assert result.elided.startswith("On Mon, Jan 1, 2024")


def test_an_answer_below_the_quote_is_part_of_the_reply() -> None:
    text = (
        "Hi,\nOn Tue, 2011-03-01 at 18:02 +0530, Ann wrote:\n> How do I clear a bucket?\n> Thanks\n\n"
        "List the keys and delete each one.\nOr keep track of them in your test.\n"
    )
    result = trim_reply(text)
    assert result.reply == "Hi,\n\nList the keys and delete each one.\nOr keep track of them in your test."
    assert "How do I clear" in result.elided


def test_inline_answers_keep_the_quotes_they_answer() -> None:
    text = (
        "Hi,\nOn Tue, 2011-03-01 at 18:02 +0530, Ann wrote:\n> How do I clear a bucket?\n\n"
        "List the keys and delete each one.\n\n> Which version?\n\n2.1\n\n> -Ann\n> older history\n"
    )
    result = trim_reply(text)
    assert result.reply == (
        "Hi,\n\nOn Tue, 2011-03-01 at 18:02 +0530, Ann wrote:\n> How do I clear a bucket?\n\n"
        "List the keys and delete each one.\n\n> Which version?\n\n2.1"
    )
    assert "-Ann" in result.elided and "older history" in result.elided


def test_inline_answers_under_a_leading_attribution_keep_their_quotes() -> None:
    text = "On Mon, 1 Jan 2024 at 10:00, Ann <a@example.com> wrote:\n> First?\n\nYes.\n\n> Second?\n\nNo.\n"
    assert trim_reply(text).reply == text.strip()


def test_a_sentence_starting_sent_from_is_no_app_signature() -> None:
    text = "Here is another email\n\nSent from my desk, is much easier than my mobile phone."
    assert trim_reply(text).reply == text


@pytest.mark.parametrize(
    "line",
    [
        "Sent from Yahoo Mail on Android",
        "Sent from my Verizon, Samsung Galaxy smartphone",
        "Sent with Proton Mail",
    ],
)
def test_app_signatures_naming_the_app_are_cut(line: str) -> None:
    assert trim_reply(f"Works.\n\n{line}\n").reply == "Works."


def test_a_dash_and_a_name_closing_the_reply_is_a_signature() -> None:
    result = trim_reply("Thanks, that helped.\n\n-Ann Lee\nACME Ltd.\n")
    assert result.reply == "Thanks, that helped."
    assert result.elided == "-Ann Lee\nACME Ltd."


@pytest.mark.parametrize("tail", ["-Xmx512m\n", "-Verbose\n-Quiet\n", "-lowercase words\n"])
def test_dashed_options_and_lists_are_no_signature(tail: str) -> None:
    text = f"Use these flags:\n\n{tail}"
    assert trim_reply(text).reply == text.strip()


def test_one_unquoted_line_inside_a_quote_does_not_make_an_answer() -> None:
    text = "Thanks!\n\nOn Mon, Jan 1, 2024 at 10:00 AM Bob <bob@example.org> wrote:\n> one\nwrapped\n> two\n"
    assert trim_reply(text).reply == "Thanks!"


@pytest.mark.parametrize("line", ["-A", "Sent from my iPhone"])
def test_many_signature_like_lines_finish(line: str) -> None:
    started = time.monotonic()
    trim_reply(f"{line}\n" * 20_000)
    assert time.monotonic() - started < 20  # a hang guard (it took 40 s when each line scanned the rest)


def test_an_attribution_glued_to_the_reply_line_is_split_off() -> None:
    text = "Works now, thanks. On Tue, Jan 1, 2019 at 10:00 AM Bob <bob@example.com> wrote:\n> Try again\n"
    result = trim_reply(text)
    assert result.reply == "Works now, thanks."
    assert result.elided.startswith("On Tue, Jan 1, 2019")


def test_a_sentence_that_only_mentions_a_date_keeps_its_line() -> None:
    text = "Fixed. On Monday 12 deploys went out:\n- api\n- web"
    assert trim_reply(text).reply == text


@pytest.mark.parametrize(
    "header",
    [
        "----- Antwort Nachricht -----",
        "Op 4 apr. 2012, om 15:37 heeft Bob <bob@example.com> het volgende verzonden:",
    ],
)
def test_more_markers_and_attributions(header: str) -> None:
    assert trim_reply(f"Reply text.\n\n{header}\n\nearlier\ntext\n").reply == "Reply text."


def test_a_link_wrapped_out_of_a_quote_is_no_inline_answer() -> None:
    text = (
        "On Mon, Jan 1, 2024 at 10:00 AM Bob <bob@example.org> wrote:\n> see the page\n"
        "(https://example.com/a/very/long/link)\n> and tell me\n\nIt works now.\n"
    )
    assert trim_reply(text).reply == "It works now."


def test_one_line_under_the_whole_quote_is_no_answer() -> None:
    text = (
        "Thanks!\n\nOn Mon, Jan 1, 2024 at 10:00 AM Bob <bob@example.org> wrote:\n> one\n> two\n\n"
        "CONFIDENTIAL: this message is meant for its addressee only.\n"
    )
    assert trim_reply(text).reply == "Thanks!"
