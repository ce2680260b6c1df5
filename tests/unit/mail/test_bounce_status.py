"""The RFC 3463 status of a failed recipient: DSN field against the server's words, and pseudo codes."""

from __future__ import annotations

import pytest
from helpdesk.mail.bounce_status import is_temporary, prefer, pseudo_status, spoken_status
from helpdesk.mail.classify import classify
from helpdesk.mail.model import MailKind

from tests.unit.mail.mails import dsn, parse

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("declared", "spoken", "reply", "expected"),
    [
        ("5.0.0", "5.1.1", "550", "5.1.1"),  # a class alone says less than the server's code
        ("5.1.1", "5.0.0", "550", "5.1.1"),
        ("5.2.0", "5.2.2", "552", "5.2.2"),  # "x.y.0" names no detail
        ("4.4.7", "4.4.2", "421", "4.4.2"),  # expired says less than why it expired
        ("5.5.0", "5.1.1", "550", "5.1.1"),
        ("5.1.1", "5.7.1", "550", "5.7.1"),  # user unknown is what many filters claim
        ("5.1.1", "5.5.1", "550", "5.1.1"),
        ("5.2.2", "5.2.1", "550", "5.2.2"),  # both specific: the DSN's field stands
        ("5.0.0", "4.2.2", "452", "4.2.2"),  # classes disagree: the reply code the server sent decides
        ("4.0.0", "5.1.1", "450", "4.0.0"),
        (None, "5.1.1", "550", "5.1.1"),
        ("5.1.1", None, None, "5.1.1"),
    ],
)
def test_the_more_specific_of_status_field_and_spoken_code_wins(
    declared: str | None, spoken: str | None, reply: str | None, expected: str
) -> None:
    assert prefer(declared, spoken, reply) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("550 5.1.1 <bob@example.org>: User unknown", "5.1.1"),
        ("554 5.0.0 Service unavailable; 5.7.1 blocked using zen.spamhaus.org", "5.7.1"),
        ("451 4.4.7 Message expired; 4.4.2 Connection dropped", "4.4.2"),
        ("host 192.0.2.1 said: 550 Mailbox unavailable", None),  # an IP address is no status code
        ("Postfix v2.5.1: 550 mailbox unavailable", None),  # nor a version number
        ("250 2.1.5 Ok, then 550 5.0.0 rejected", "5.0.0"),
    ],
)
def test_the_code_a_server_spoke_is_the_first_specific_one(words: str, expected: str | None) -> None:
    assert spoken_status(words) == expected


@pytest.mark.parametrize(
    ("words", "reply", "expected"),
    [
        ("450 4.7.1 Client host rejected", None, True),
        ("Deferred: Connection timed out", "421", True),
        ("temporary failure, try again later", None, True),
        ("550 5.1.1 User unknown", "550", False),
        ("Envelope expired", None, False),  # no code and no word says temporary: count it as final
    ],
)
def test_temporary_is_what_the_answer_says(words: str, reply: str | None, expected: bool) -> None:
    assert is_temporary(words, reply) is expected


@pytest.mark.parametrize(
    ("reason", "temporary", "expected"),
    [
        ("userunknown", False, "5.0.911"),
        ("expired", True, "4.0.947"),
        ("authfailure", False, "5.0.926"),
        ("virusdetected", False, "5.0.981"),
        ("notcompliantrfc", False, "5.0.974"),
        ("filtered", True, "4.0.924"),  # a filter that defers has its own detail
        ("userunknown", True, None),  # a mailbox cannot be missing for now
        ("hostunknown", True, None),
        ("nosuchreason", False, None),
    ],
)
def test_pseudo_codes_follow_sisimais_table(reason: str, temporary: bool, expected: str | None) -> None:
    assert pseudo_status(reason, temporary) == expected


def _recipient(raw: str) -> tuple[str | None, str | None, str]:
    kind, bounce = classify(parse(raw), "")
    assert kind is MailKind.BOUNCE and bounce is not None
    r = bounce.recipients[0]
    return r.status, r.reply_code, r.reason


def _exim(after: str, answer: str) -> str:
    return (
        "From: Mail Delivery System <Mailer-Daemon@mx.example.com>\nTo: alice@example.com\n"
        "Subject: Warning: message 1abcde-000001-AB delayed 24 hours\nAuto-Submitted: auto-replied\n\n"
        "This message was created automatically by mail delivery software.\n"
        "A message that you sent has not yet been delivered to one or more of its\nrecipients.\n\n"
        "  bob@example.org\n    host mx.example.org [192.0.2.9]\n"
        f"    Delay reason: SMTP error from remote mail server after {after}:\n    {answer}\n"
    )


@pytest.mark.parametrize(
    ("after", "answer", "expected"),
    [
        # The sender was refused: nothing is known about the recipient yet, whatever the words say.
        ("MAIL FROM:<alice@example.com> SIZE=1024", "450 no reverse DNS for your IP", ("4.0.901", "450")),
        ("EHLO mx.example.com", "550 go away", ("5.0.971", "550")),  # the client was blocked
        ("RCPT TO:<bob@example.org>", "450 no reverse DNS for your IP", ("4.0.973", "450")),
    ],
)  # fmt: skip
def test_an_exim_notice_without_a_code_names_the_refused_command(
    after: str, answer: str, expected: tuple
) -> None:
    status, reply_code, _ = _recipient(_exim(after, answer))
    assert (status, reply_code) == expected


def test_an_exchange_ims_code_names_the_reason() -> None:
    raw = (
        "From: System Administrator <postmaster@example.jp>\nTo: alice@example.com\n"
        "Subject: Undeliverable: hello\n\nYour message\n\n  To:      bob@example.jp\n  Subject: hello\n\n"
        "did not reach the following recipient(s):\n\nbob@example.jp on Thu, 29 Apr 2010 00:00:00 -0000\n"
        "    The recipient name is not recognized\n    MSEXCH:IMS:EXAMPLE:GW:NEKO 0 (000C05A6)\n"
        "Unknown Recipient\n"
    )
    assert _recipient(raw) == ("5.0.911", None, "userunknown")


def test_a_connection_that_timed_out_until_the_retries_ran_out_has_expired() -> None:
    raw = (
        "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.com>\nTo: alice@example.com\n"
        "Subject: Returned mail: Cannot send message for 4 days\n\n"
        "   ----- Transcript of session follows -----\n"
        "421 example.org (smtp)... Deferred: Connection timed out during user open with example.org\n\n"
        "   ----- Unsent message follows -----\nFrom: alice@example.com\nTo: bob@example.org\n\nhello\n"
    )
    assert _recipient(raw) == ("4.0.947", "421", "expired")


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("User bob not listed in Domino Directory", ("5.0.911", "userunknown")),  # not a block list
        ("No MX found for domain example.org", ("5.0.932", "notaccept")),  # OpenSMTPD
        ("all host address lookups failed permanently", ("5.0.912", "hostunknown")),  # Exim
        ("Mailaddress is administrativly disabled. (LDAP-ERR #220)", ("5.0.921", "suspend")),  # qmail-ldap
        ("You are not a member of this mailing list", ("5.0.918", "rejected")),  # fml
        ("Invalid final delivery userid: bob", ("5.0.911", "userunknown")),  # IMail, its own mailbox
        (
            "Your message wasn't delivered to bob@example.org because the address couldn't be found. "
            "Check for typos or unnecessary spaces and try again.",
            ("5.0.911", "userunknown"),
        ),  # Google Workspace
    ],
)
def test_a_servers_own_message_without_a_code_names_the_reason(message: str, expected: tuple) -> None:
    raw = (
        "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.com>\nTo: alice@example.com\n"
        "Subject: Undeliverable mail\n\nYour message could not be delivered to the following recipient:\n\n"
        f"  bob@example.org\n    {message}\n"
    )
    status, _, reason = _recipient(raw)
    assert (status, reason) == expected


def test_a_dsn_that_names_only_the_class_takes_the_code_its_text_quotes() -> None:
    raw = dsn("failed", "5.0.0", "550 Rejected").replace(
        "This is the mail system at host mx.example.com.",
        "<bob@example.org>: host mx.example.org said: 550 5.1.1 <bob@example.org>: User unknown",
    )
    assert _recipient(raw) == ("5.1.1", "550", "userunknown")


def test_the_remote_reply_in_a_session_transcript_says_more_than_the_reporting_servers_summary() -> None:
    transcript = (
        "   ----- Transcript of session follows -----\n... while talking to mx.example.org.:\n"
        ">>> MAIL From:<alice@example.com>\n<<< 421 4.7.0 Try again later, closing connection\n"
        "554 5.0.0 <bob@example.org>... Service unavailable"
    )
    raw = dsn("failed", "5.5.0", "554 5.0.0 Service unavailable").replace(
        "This is the mail system at host mx.example.com.", transcript
    )
    assert _recipient(raw)[:2] == ("4.7.0", "421")


def test_exim_counts_an_expired_message_as_temporary_also_in_its_final_notice() -> None:
    raw = (
        "From: Mail Delivery System <Mailer-Daemon@mx.example.com>\nTo: alice@example.com\n"
        "Subject: Mail delivery failed: returning message to sender\n\n"
        "This message was created automatically by mail delivery software.\n\n"
        "A message that you sent could not be delivered to one or more of its\n"
        "recipients. This is a permanent error. The following address(es) failed:\n\n"
        "  bob@example.org\n    retry timeout exceeded\n"
    )
    assert _recipient(raw) == ("4.0.947", None, "expired")


def test_a_reply_code_of_another_class_than_the_status_is_not_the_answer() -> None:
    raw = dsn("failed", "4.7.1", "554 Service unavailable, deferred for now")
    assert _recipient(raw)[:2] == ("4.7.1", None)


@pytest.mark.parametrize(
    ("status", "answer", "expected"),
    [
        ("5.0.0", "551 <bob@example.org> is a deactivated mailbox", "suspend"),
        ("5.0.0", "550 BAD_RECIPIENT - see https://mx.example.org/why", "userunknown"),
        ("5.0.0", "553 you are trying to use me as a relay, but I have not been configured to", "norelaying"),
        ("5.0.0", "554 This system is not configured to relay mail", "norelaying"),
        ("5.7.1", "554 5.7.1 Mail (1234) appears to be unsolicited - Score (59) over limit", "spamdetected"),
        ("5.7.1", "550 5.7.1 Rejected - bulk email", "spamdetected"),
        ("5.0.0", "550 Spamming not allowed", "spamdetected"),
        ("5.7.1", "550 5.7.1 You're using a mass mailer, therefore you're bounced.", "spamdetected"),
        ("5.7.1", "554 5.7.1 Message Rejected Class=size limit=10485760", "mesgtoobig"),
        ("5.2.2", "552 5.2.2 Mailbox size limit exceeded", "mailboxfull"),  # the mailbox's, not the message's
        # "Mailbox not available" is any refusal's wording: the status code says what happened.
        ("5.2.1", "550 5.2.1 Mailbox not available", "suspend"),
        ("5.1.1", "550 5.1.1 Mailbox not available", "userunknown"),
        ("5.2.1", "550 5.2.1 <bob@example.org>... User Unknown", "userunknown"),  # the words name it
        # Seventh round: phrases of sisimai's lists (reason/why-*.go) and its x.2.3 rule.
        ("5.7.1", "553 sorry, badrcptto(user mail-box not found) (#5.7.1)", "userunknown"),
        ("5.0.0", "550-bob@example.org is not an active address at this host", "userunknown"),
        ("5.0.0", "550 Your server requires confirmation. Visit it to confirm this mail server.", "blocked"),
        ("5.7.1", "554 5.7.1 Your message failed several antispam checks (spf, HELO, PTR)", "spamdetected"),
        ("5.7.3", "553 5.7.3 CONTENT REJECT:abc:dspam check:4", "spamdetected"),
        ("5.2.3", "550 5.2.3 message too large for this organization", "exceedlimit"),  # the code's limit
    ],
)  # fmt: skip
def test_a_remote_answer_names_the_reason_in_sisimais_words(status: str, answer: str, expected: str) -> None:
    raw = dsn("failed", status, answer).replace(
        "This is the mail system at host mx.example.com.",
        f"<bob@example.org>: host mx.example.org[192.0.2.9] said: {answer} (in reply to RCPT TO command)",
    )
    assert _recipient(raw)[2] == expected


def test_rcpt_does_not_exist_after_data_is_a_filter_as_sisimai_reads_it() -> None:
    answer = "554 Rcpt <bob@example.org> does not exist"
    raw = dsn("failed", "5.0.0", answer).replace(
        "This is the mail system at host mx.example.com.",
        f"<bob@example.org>: host mx.example.org said: {answer} (in reply to end of DATA command)",
    )
    assert _recipient(raw)[2] == "filtered"
    assert _recipient(raw.replace("end of DATA", "RCPT TO"))[2] == "userunknown"


def test_groupwise_names_its_own_unknown_user_after_the_address() -> None:
    raw = (
        "From: Mailer-Daemon@gw.example.org\nTo: alice@example.com\n"
        "Subject: Message status - undeliverable\n\n"
        "The message that you sent was undeliverable to the following:\n\tbob@example.org (user not found)\n"
    )
    assert _recipient(raw) == ("5.0.911", None, "userunknown")


def test_no_reply_code_when_no_server_answered() -> None:
    # The name lookup failed before any SMTP session: the class of 5.0.0 is no reply a server sent.
    answer = "[mail.example.org]: Name or service not known"
    raw = dsn("failed", "5.0.0", answer).replace("Diagnostic-Code: smtp;", "Diagnostic-Code: X-Postfix;")
    raw = raw.replace("This is the mail system at host mx.example.com.", f"<bob@example.org>: {answer}")
    assert _recipient(raw) == ("5.0.0", None, "hostunknown")


def test_a_delayed_recipient_with_nothing_more_said_has_expired() -> None:
    assert _recipient(dsn("delayed", "4.5.0", "")) == ("4.5.0", None, "expired")


def test_a_temporary_answer_of_an_earlier_attempt_does_not_turn_a_failure_into_a_delay() -> None:
    intro = (
        "   ----- The following addresses had permanent fatal errors -----\n<bob@example.org>\n"
        "    (reason: 554 delivery error: this account has been disabled)\n\n"
        "   ----- Transcript of session follows -----\n451 4.4.1 reply: read error from mx1.example.org.\n"
        "... while talking to mx2.example.org.:\n>>> DATA\n"
        "<<< 554 delivery error: this account has been disabled\n554 5.0.0 Service unavailable"
    )
    raw = dsn("failed", "5.0.0", "554 delivery error: this account has been disabled")
    raw = raw.replace("This is the mail system at host mx.example.com.", intro)
    assert _recipient(raw)[:2] == ("5.0.0", "554")
