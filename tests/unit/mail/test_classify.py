from __future__ import annotations

import pytest
from helpdesk.mail.classify import classify
from helpdesk.mail.model import Bounce, MailKind

from tests.unit.mail.mails import dsn, parse

pytestmark = pytest.mark.unit

HUMAN = (
    "From: Bob <bob@example.org>\nTo: hd@example.com\nSubject: Printer broken\n\n"
    "Hello, the printer is broken.\n"
)


@pytest.mark.parametrize("compat", [False, True])
def test_a_person_writing_is_human(compat: bool) -> None:
    assert classify(parse(HUMAN, compat), "Hello, the printer is broken.") == (MailKind.HUMAN, None)


def test_failed_dsn_gives_recipient_status_reply_code_reason_and_hardness() -> None:
    msg = parse(
        dsn("failed", "5.1.1", "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown")
    )
    kind, bounce = classify(msg, "")
    assert kind is MailKind.BOUNCE and bounce is not None
    (r,) = bounce.recipients
    assert (r.address, r.status, r.reply_code, r.reason, r.hard) == (
        "bob@example.org",
        "5.1.1",
        "550",
        "userunknown",
        True,
    )


def test_delayed_dsn_with_full_mailbox_is_a_soft_bounce() -> None:
    msg = parse(dsn("delayed", "4.2.2", "452 4.2.2 Mailbox full"))
    kind, bounce = classify(msg, "")
    assert kind is MailKind.BOUNCE and bounce is not None
    assert (bounce.recipients[0].reason, bounce.recipients[0].hard) == ("mailboxfull", False)


@pytest.mark.parametrize("action", ["delivered", "relayed", "expanded"])
def test_successful_dsn_is_a_delivery_report(action: str) -> None:
    kind, bounce = classify(parse(dsn(action, "2.0.0", "250 2.0.0 Ok: queued as 123")), "")
    assert kind is MailKind.DELIVERY_REPORT
    assert bounce is not None and bounce.recipients[0].reason == "delivered"


def test_arf_feedback_report() -> None:
    raw = """From: abuse@mail.example.net
To: postmaster@example.com
Subject: Abuse report
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="F"

--F
Content-Type: text/plain

This is an email abuse report.

--F
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: SomeGenerator/1.0
Version: 1
Original-Rcpt-To: <victim@example.net>

--F
Content-Type: message/rfc822

From: alice@example.com
To: victim@example.net
Subject: offer

buy now
--F--
"""
    kind, bounce = classify(parse(raw), "")
    assert kind is MailKind.FEEDBACK_REPORT
    assert bounce is not None and bounce.recipients[0].address == "victim@example.net"
    assert bounce.recipients[0].reason == "feedback"


def test_exchange_ndr_in_plain_text() -> None:
    raw = """From: System Administrator <postmaster@corp.example.com>
To: alice@example.com
Subject: Undeliverable: Quarterly report

Your message

  To:      carol@corp.example.com
  Subject: Quarterly report

did not reach the following recipient(s):

carol@corp.example.com on 25.11.2026 10:00
    The e-mail account does not exist at the organization this message was sent to.
    <mx.corp.example.com #5.1.1 smtp;550 5.1.1 RESOLVER.ADR.RecipNotFound; not found>
"""
    kind, bounce = classify(parse(raw), "")
    assert kind is MailKind.BOUNCE and bounce is not None
    (r,) = bounce.recipients
    assert (r.address, r.status, r.reply_code, r.hard) == ("carol@corp.example.com", "5.1.1", "550", True)


def test_russian_bounce_in_koi8r() -> None:
    body = (
        "Ваше письмо не может быть доставлено следующим получателям:\n\n  ivan@example.ru\n"
        "    ящик переполнен\n"
    )
    raw = (
        "From: MAILER-DAEMON@mx.example.ru\nTo: alice@example.com\nSubject: Недоставленное сообщение\n"
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=koi8-r\nContent-Transfer-Encoding: 8bit\n\n"
    ).encode() + body.encode("koi8-r")
    kind, bounce = classify(parse(raw), body)
    assert kind is MailKind.BOUNCE and bounce is not None
    assert (bounce.recipients[0].address, bounce.recipients[0].reason) == ("ivan@example.ru", "mailboxfull")


@pytest.mark.parametrize(
    "headers",
    [
        "Auto-Submitted: auto-replied",
        "X-Autoreply: yes",
        "X-Autorespond: Out of office",
        "Precedence: junk",
        "X-Auto-Response-Suppress: All\nSubject: Out of Office: Printer",
    ],
)
def test_auto_replies_by_header(headers: str) -> None:
    raw = f"From: Carol <carol@example.org>\nTo: hd@example.com\n{headers}\n\nI am away.\n"
    if "Subject" not in headers:
        raw = raw.replace("To: hd", "Subject: Re: Printer\nTo: hd")
    kind, _ = classify(parse(raw), "I am out of the office until Monday.")
    assert kind is MailKind.AUTO_REPLY


@pytest.mark.parametrize(
    "subject",
    [
        "Автоответ: Принтер",
        "Автоматический ответ: Re: Принтер",
        "Abwesenheitsnotiz: Drucker",
        "Automatische Antwort: Drucker",
        "Out of Office: Printer",
        "Réponse automatique : imprimante",
    ],
)
def test_vacation_subjects_in_many_languages(subject: str) -> None:
    raw = (
        f"From: Carol <carol@example.org>\nTo: hd@example.com\nSubject: {subject}\n"
        f"Auto-Submitted: auto-replied\n\nx\n"
    )
    kind, bounce = classify(parse(raw), "Я в отпуске до 1 декабря.")
    assert kind is MailKind.AUTO_REPLY
    assert bounce is not None and bounce.recipients[0].reason == "vacation"


def test_vacation_subject_without_headers_needs_vacation_words_in_body() -> None:
    raw = "From: Carol <carol@example.org>\nTo: hd@example.com\nSubject: Urlaub: Drucker\n\nx\n"
    assert classify(parse(raw), "Ich bin bis 3.12. nicht im Büro, im Urlaub.")[0] is MailKind.AUTO_REPLY
    assert classify(parse(raw), "Wann ist der Urlaub genehmigt?")[0] is MailKind.HUMAN


def test_mailing_list_mail_is_machine_mail() -> None:
    raw = (
        "From: news@example.org\nTo: hd@example.com\nSubject: Weekly\nList-Id: <weekly.example.org>\n\nnews\n"
    )
    assert classify(parse(raw), "news")[0] is MailKind.AUTO_REPLY


def test_auto_submitted_no_is_a_person() -> None:
    raw = "From: bob@example.org\nTo: hd@example.com\nSubject: hi\nAuto-Submitted: no\n\nhello\n"
    assert classify(parse(raw), "hello")[0] is MailKind.HUMAN


def test_a_person_quoting_a_bounce_word_is_not_a_bounce() -> None:
    raw = "From: bob@example.org\nTo: hd@example.com\nSubject: my mail could not be delivered?\n\nhelp\n"
    assert (
        classify(parse(raw), "My mail to carol@example.net could not be delivered, why?")[0] is MailKind.HUMAN
    )


def test_automatic_reply_subject_prefix_alone_is_enough() -> None:
    raw = "From: Carol <carol@example.org>\nTo: hd@example.com\nSubject: Automatic reply: Printer\n\nx\n"
    assert classify(parse(raw), "Thanks for your mail.")[0] is MailKind.AUTO_REPLY


def test_a_colleague_mentioning_out_of_office_is_human() -> None:
    raw = "From: Carol <carol@example.org>\nTo: hd@example.com\nSubject: Out of office tomorrow\n\nx\n"
    assert classify(parse(raw), "Can you cover for me tomorrow?")[0] is MailKind.HUMAN


COURIER = """From: Courier mail server at mx.example.com <@>
To: alice@example.com
Subject: NOTICE: mail delivery status.

Your message to the following recipients cannot be delivered:

<carol@example.net>:
    mx.example.net [192.0.2.1]:
>>> RCPT TO:<carol@example.net>
<<< 550 5.1.1 <carol@example.net>... User Unknown
"""

POSTFIX = """From: MAILER-DAEMON@mx.example.com (Mail Delivery System)
To: alice@example.com
Subject: Undelivered Mail Returned to Sender

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<dave@example.org>: host mx.example.org[192.0.2.2] said: 552 5.2.2 <dave@example.org>:
    Mailbox full (in reply to RCPT TO command)
"""

GMAIL = """From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: alice@example.com
Subject: Delivery Status Notification (Failure)

Delivery to the following recipient failed permanently:

     grace@example.org

The error that the other server returned was:
550 5.2.1 The email account that you tried to reach is disabled.
"""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (COURIER, ("carol@example.net", "5.1.1", "550", "userunknown", True)),
        (POSTFIX, ("dave@example.org", "5.2.2", "552", "mailboxfull", False)),
        (GMAIL, ("grace@example.org", "5.2.1", "550", "suspend", False)),
    ],
)
def test_free_text_bounces_of_common_servers(raw: str, expected: tuple) -> None:
    for form in (raw, raw.replace("\n", "\r\n")):
        kind, bounce = classify(parse(form), "")
        assert kind is MailKind.BOUNCE and bounce is not None
        r = bounce.recipients[0]
        assert (r.address, r.status, r.reply_code, r.reason, r.hard) == expected


def test_arf_whose_report_part_is_plain_text() -> None:
    raw = """From: feedback@isp.example
To: abuse@example.com
Subject: Complaint
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="F"

--F
Content-Type: text/plain

This is an abuse report.

--F
Content-Type: text/plain

Feedback-Type: abuse
User-Agent: ReportGenerator/2.0
Version: 1
Original-Rcpt-To: <victim@example.net>

--F--
"""
    kind, bounce = classify(parse(raw), "")
    assert kind is MailKind.FEEDBACK_REPORT
    assert bounce is not None and bounce.recipients[0].address == "victim@example.net"


def test_a_person_mentioning_feedback_type_stays_human() -> None:
    raw = "From: bob@example.org\nTo: hd@example.com\nSubject: question\n\nWhat is Feedback-Type: abuse?\n"
    assert classify(parse(raw), "What is Feedback-Type: abuse?")[0] is MailKind.HUMAN


def _sns(body: str) -> str:
    return (
        "From: AWS Notifications <no-reply@sns.amazonaws.com>\nTo: help@example.org\n"
        "Subject: AWS Notification Message\nContent-Type: text/plain; charset=UTF-8\n\n" + body
    )


SES_NOTIFICATIONS = {
    "Bounce": (
        {"bounce": {"bounceType": "Permanent", "bouncedRecipients": [
            {"emailAddress": "jane@example.com", "status": "5.1.1",
             "diagnosticCode": "smtp; 550 5.1.1 user unknown"}]}},
        MailKind.BOUNCE, ("jane@example.com", "5.1.1", "550", "userunknown", True),
    ),
    "Complaint": (
        {"complaint": {"complainedRecipients": [{"emailAddress": "ann@example.com"}],
                       "complaintFeedbackType": "abuse"}},
        MailKind.FEEDBACK_REPORT, ("ann@example.com", None, None, "feedback", False),
    ),
    "Delivery": (
        {"delivery": {"recipients": ["bob@example.com"], "smtpResponse": "250 2.6.0 Message received"}},
        MailKind.DELIVERY_REPORT, ("bob@example.com", "2.6.0", "250", "delivered", False),
    ),
}  # fmt: skip


@pytest.mark.parametrize("kind", SES_NOTIFICATIONS)
@pytest.mark.parametrize("envelope", [False, True])
def test_ses_notifications_as_sns_mails_them_with_or_without_the_sns_envelope(
    kind: str, envelope: bool
) -> None:
    import json

    section, expected_kind, expected = SES_NOTIFICATIONS[kind]
    notice = json.dumps({"notificationType": kind, **section, "mail": {"source": "help@example.org"}})
    body = json.dumps({"Type": "Notification", "TopicArn": "arn:aws:sns:eu-west-1:1:ses", "Message": notice})
    got_kind, bounce = classify(parse(_sns(body if envelope else notice)), body if envelope else notice)
    assert got_kind is expected_kind and bounce is not None
    (r,) = bounce.recipients
    assert (r.address, r.status, r.reply_code, r.reason, r.hard) == expected


def _plain_bounce(answer: str) -> str:
    return (
        "From: MAILER-DAEMON@mx.example.com\nTo: alice@example.com\nSubject: Undelivered Mail\n\n"
        "The following addresses had permanent fatal errors:\n\n"
        f"<bob@example.org>: host mx.example.org said:\n{answer}\n"
    )


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("550 <bob@example.org>: User unknown", ("5.0.910", "filtered", False)),
        (">>> RCPT TO:<bob@example.org>\n<<< 550 User unknown", ("5.0.911", "userunknown", True)),
        ("550 5.1.1 <bob@example.org>: User unknown", ("5.1.1", "userunknown", True)),
    ],
)
def test_user_unknown_in_words_alone_is_a_filter_unless_rcpt_or_the_code_says_so(
    answer: str, expected: tuple
) -> None:
    kind, bounce = classify(parse(_plain_bounce(answer)), "")
    assert kind is MailKind.BOUNCE and bounce is not None
    r = bounce.recipients[0]
    assert (r.status, r.reason, r.hard) == expected


def test_a_remote_reply_wrapped_in_the_diagnostic_gives_the_codes() -> None:
    wrapped = "554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>"
    kind, bounce = classify(parse(dsn("failed", "4.4.7", wrapped)), "")
    assert kind is MailKind.BOUNCE and bounce is not None
    r = bounce.recipients[0]
    assert (r.status, r.reply_code, r.reason) == ("4.4.2", "421", "expired")


def test_a_notice_without_an_answer_reads_the_bounce_it_carries() -> None:
    inner = dsn("failed", "5.1.1", "550 5.1.1 User unknown", recipient="carol@example.net")
    outer = (
        "From: Mail Delivery Subsystem <MAILER-DAEMON@gw.example.com>\nTo: alice@example.com\n"
        'Subject: Returned mail\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="W"\n\n'
        "--W\nContent-Type: text/plain\n\n"
        "----- The following addresses had permanent delivery errors -----\n\n"
        f"--W\nContent-Type: message/rfc822\n\n{inner}\n--W--\n"
    )
    kind, bounce = classify(parse(outer), "")
    assert kind is MailKind.BOUNCE and bounce is not None
    (r,) = bounce.recipients
    assert (r.address, r.status, r.reason) == ("carol@example.net", "5.1.1", "userunknown")


def test_a_failure_notice_marked_auto_replied_is_still_a_bounce() -> None:
    # RFC 3834 lets a delivery notice carry Auto-Submitted: auto-replied (Exim adds it to its bounces); the
    # null sender and a failed recipient say what it is.
    raw = (
        "Return-Path: <>\nFrom: <>\nTo: alice@example.com\nAuto-Submitted: auto-replied\n\n"
        "You sent mail to bob@example.org. That's not a valid user here.\n"
    )
    kind, bounce = classify(parse(raw), raw.split("\n\n", 1)[1])
    assert kind is MailKind.BOUNCE and bounce is not None
    assert [r.address for r in bounce.recipients] == ["bob@example.org"]


def test_a_mailer_daemon_notice_whose_recipients_cannot_be_read_is_a_bounce_without_recipients() -> None:
    raw = (
        "Return-Path: <>\nFrom: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.com>\n"
        "To: <alice@example.com>\nSubject: Returned mail: see transcript for details\n"
        "Auto-Submitted: auto-generated (failure)\nMIME-Version: 1.0\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="gone"\n\n'
        "<<< nothing of the report survived >>>\n"
    )
    assert classify(parse(raw), "<<< nothing of the report survived >>>\n") == (MailKind.BOUNCE, Bounce([]))


@pytest.mark.parametrize(
    "sender", ["Carol <carol@example.org>", "System Administrator <sysadmin@example.org>"]
)
def test_a_vacation_reply_naming_an_address_and_a_failure_stays_an_auto_reply(sender: str) -> None:
    text = (
        "I am out of the office until 3 March. My old address carol@old.example.org has been disabled, "
        "please write to carol@example.org.\n"
    )
    raw = (
        f"Return-Path: <>\nFrom: {sender}\nTo: alice@example.com\nSubject: Automatic reply: Printer\n"
        f"Auto-Submitted: auto-replied\n\n{text}"
    )
    kind, bounce = classify(parse(raw), text)
    assert kind is MailKind.AUTO_REPLY
    assert bounce is not None and bounce.recipients[0].reason == "vacation"
