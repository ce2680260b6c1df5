"""Bounces without any DSN structure, in the languages of the notice table, and mailing-list rejections."""

from __future__ import annotations

import pytest
from helpdesk.mail.classify import classify
from helpdesk.mail.model import MailKind

from tests.unit.mail.mails import parse

pytestmark = pytest.mark.unit

NOTICES = {  # language: (subject, the notice's words)
    "ja": ("配信エラー: お問い合わせ", "以下のアドレスへメールを配信できませんでした。"),
    "ko": ("배달되지 않음: 문의", "다음 수신자에게 메시지를 배달할 수 없습니다."),
    "zh": ("系统退信: 咨询", "您的邮件无法投递到以下地址。"),
    "nl": ("Onbestelbaar: vraag", "Uw bericht kon niet worden bezorgd bij de volgende ontvanger."),
    "sv": ("Kan inte levereras: fråga", "Meddelandet kunde inte levereras till följande mottagare."),
    "no": ("Kan ikke leveres: spørsmål", "Meldingen kunne ikke leveres til følgende mottaker."),
    "da": ("Kunne ikke leveres: spørgsmål", "Meddelelsen kunne ikke leveres til følgende modtager."),
    "fi": ("Ei voi toimittaa: kysymys", "Viestiä ei voitu toimittaa seuraavalle vastaanottajalle."),
    "cs": ("Nedoručitelné: dotaz", "Zprávu nelze doručit následujícímu příjemci."),
    "pl": ("Niedostarczalne: pytanie", "Wiadomość nie została dostarczona do następującego odbiorcy."),
    "tr": ("Teslim edilemedi: soru", "İletiniz aşağıdaki alıcıya teslim edilemedi."),
    "pt": ("Não é possível entregar: pergunta", "A mensagem não pôde ser entregue ao seguinte destinatário."),
}


def _notice(sender: str, subject: str, words: str) -> str:
    return (
        f"From: {sender}\nTo: help@example.com\nSubject: {subject}\n"
        "Content-Type: text/plain; charset=utf-8\n\n"
        f"{words}\n\n<bob@example.org>\n550 5.1.1 User unknown\n\n"
        "----- Original message -----\nFrom: help@example.com\nTo: bob@example.org\nSubject: Ticket 12\n"
    )


@pytest.mark.parametrize("language", NOTICES)
@pytest.mark.parametrize("sender", ["postmaster@mx.example.net", "Mail System <mail@mx.example.net>"])
def test_a_notice_without_dsn_structure_is_a_bounce(language: str, sender: str) -> None:
    subject, words = NOTICES[language]
    raw = _notice(sender, subject, words)
    if not sender.startswith("postmaster"):
        raw = "Return-Path: <>\n" + raw  # an unknown sender: the null envelope says machine
    kind, bounce = classify(parse(raw), raw.split("\n\n", 1)[1])
    assert kind is MailKind.BOUNCE and bounce is not None
    assert [(r.address, r.status, r.reply_code, r.hard) for r in bounce.recipients] == [
        ("bob@example.org", "5.1.1", "550", True)
    ]


def test_a_mailing_list_refusing_a_post_is_a_bounce() -> None:
    text = (
        'Your request to the Support-list mailing list\n\n    Posting of your message titled "Ticket 12"\n'
        "\nhas been rejected by the list moderator.  You are not allowed to post to this mailing list.\n"
    )
    raw = (
        "From: support-list-owner@lists.example.org\nTo: help@example.com\n"
        "Subject: Request to mailing list Support-list rejected\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\n' + text + "\n--b\n"
        "Content-Type: message/rfc822\n\nFrom: help@example.com\nTo: support-list@lists.example.org\n"
        "Subject: Ticket 12\n\nHello list\n--b--\n"
    )
    kind, bounce = classify(parse(raw), text)
    assert kind is MailKind.BOUNCE and bounce is not None
    assert [r.address for r in bounce.recipients] == ["support-list@lists.example.org"]


@pytest.mark.parametrize(
    ("subject", "words"),
    [("Pakken kunne ikke leveres", "Hei, pakken min kunne ikke leveres i går. Hva nå?"),
     ("配信エラーについて", "メールが配信できませんでしたと表示されます。どうすればいいですか？")],
)  # fmt: skip
def test_a_person_writing_about_a_failed_delivery_stays_human(subject: str, words: str) -> None:
    raw = f"From: Kari <kari@example.no>\nTo: help@example.com\nSubject: {subject}\n\n{words}\n"
    assert classify(parse(raw), words) == (MailKind.HUMAN, None)


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_a_notice_naming_its_own_users_by_local_part_gets_its_domain(newline: str) -> None:
    text = (
        "Sorry alice@example.com. Your mail to the following recipients could not be delivered because they "
        "are not accepting mail with attachments or embedded images:\n\tbob\n\tcarol.b\n"
    )
    raw = (
        "From: Mail Delivery Subsystem <MAILER-DAEMON@mail.example.net>\nTo: <alice@example.com>\n"
        "Subject: Mail Delivery Problem\n\n" + text
    ).replace("\n", newline)
    kind, bounce = classify(parse(raw), text.replace("\n", newline))
    assert kind is MailKind.BOUNCE and bounce is not None
    # The recipients refuse attachments: the mailboxes exist and the domain takes mail.
    assert [(r.address, r.reason, r.hard) for r in bounce.recipients] == [
        ("bob@mail.example.net", "filtered", False),
        ("carol.b@mail.example.net", "filtered", False),
    ]


def test_an_alias_that_failed_is_reported_as_the_address_the_helpdesk_wrote_to() -> None:
    # Exim names the failed final address and the one it was generated from; the helpdesk knows its customer
    # by the latter (BounceParser and sisimai report the former).
    text = (
        "This message was created automatically by mail delivery software.\n\nA message sent by\n\n"
        "  <help@example.com>\n\ncould not be delivered to one or more of its recipients. The following\n"
        "address(es) failed:\n\n  bob.b@mail.example.org\n    (ultimately generated from bob@example.org)\n"
        "    all hosts have been failing for a long time and were last tried after this message arrived\n"
    )
    raw = (
        "From: Mail Delivery System <Mailer-Daemon@mx.example.org>\nTo: help@example.com\n"
        "Subject: Mail delivery failed\nAuto-Submitted: auto-replied\n\n" + text
    )
    kind, bounce = classify(parse(raw), text)
    assert kind is MailKind.BOUNCE and bounce is not None
    assert [(r.address, r.reason) for r in bounce.recipients] == [("bob@example.org", "expired")]
