"""Whether a mail is a mail system's notice at all: its sender, subject and wording."""

from __future__ import annotations

import re
from email.message import Message

from helpdesk.mail.bounce_languages import alternatives
from helpdesk.mail.bounce_reason import reason_from_text
from helpdesk.mail.dsn import ADDRESS_RE
from helpdesk.mail.mailparts import content_type, header, walk_top

_BODY_SCAN = 20_000
SUBJECT_RE = re.compile(alternatives("subjects"), re.IGNORECASE)
SENDER_RE = re.compile(
    r"mailer-daemon|post_?master|mail delivery|mail-daemon|maildaemon|mail administrator|system administrator"
    r"|delivery subsystem|mail deliver|-admin@|\bsysadmin@|delivery status|\bmail ?server\b|\bmta\b"
    r"|-owner@|-bounces@|\b(?:mailman|listserv|sympa|majordomo|ezmlm)@",
    re.IGNORECASE,
)
BODY_RE = re.compile(alternatives("phrases"), re.IGNORECASE)
# Senders only a mail system writes: MAILER-DAEMON, and the null address (`From: <>`), which neither a person
# nor a vacation program uses.
_DAEMON_RE = re.compile(r"\bmail(?:er)?-?daemon@|<\s*>$", re.IGNORECASE)
MACHINE_RE = re.compile(r"auto-(?:generated|replied)|no-?reply@|noreply@|daemon@|bounce", re.IGNORECASE)
# A notice that says the server keeps trying; most delay notices do not say so clearly and count as final.
TEMPORARY_RE = re.compile(
    r"details of temporary failure|warning message only|will be retried|delivery attempts will continue",
    re.IGNORECASE,
)


def from_daemon(msg: Message) -> bool:
    """The sender is the mail system itself: MAILER-DAEMON or the null address."""
    return bool(_DAEMON_RE.search(header(msg, "From")))


def might_be_notice(msg: Message) -> bool:
    """Headers alone say whether a mail could be a mail system's notice at all (cheap, no body read)."""
    sender = header(msg, "From")
    return bool(
        header(msg, "X-Failed-Recipients")
        or SENDER_RE.search(sender)
        or from_daemon(msg)
        or MACHINE_RE.search(header(msg, "Auto-Submitted") + " " + sender)
        or header(msg, "Return-Path").strip() == "<>"
        or SUBJECT_RE.search(header(msg, "Subject"))
    )


def looks_like_bounce(msg: Message, own: str) -> bool:
    """A mail system's notice, not a person writing about one: sender or envelope must be machine-like."""
    daemon = from_daemon(msg)
    by_sender = daemon or bool(SENDER_RE.search(header(msg, "From")))
    by_subject = bool(SUBJECT_RE.search(header(msg, "Subject")))
    machine = header(msg, "Return-Path").strip() == "<>" or bool(
        MACHINE_RE.search(header(msg, "Auto-Submitted") + " " + header(msg, "From"))
    )
    if not (by_sender or machine or by_subject and has_original(msg)):
        return False  # cheap headers first: most mail is a person's and never needs its body searched
    by_body = bool(BODY_RE.search(own[:_BODY_SCAN]))
    if by_sender:
        return by_subject or by_body or (daemon and _names_a_failure(own[:_BODY_SCAN]))
    return by_body and (machine or (by_subject and has_original(msg)))


def _names_a_failure(own: str) -> bool:
    """Words that give an address and a failure, without a banner ("You sent mail to bob@... That's not a
    valid user here")."""
    return bool(ADDRESS_RE.search(own)) and reason_from_text(own) is not None


def has_original(msg: Message) -> bool:
    return any(content_type(p) in ("message/rfc822", "text/rfc822-headers") for p in walk_top(msg))
