"""Whether a mail is a mail system's notice at all: its sender, subject and wording."""

from __future__ import annotations

import re
from email.message import Message

from helpdesk.mail.bounce_languages import alternatives
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
MACHINE_RE = re.compile(r"auto-(?:generated|replied)|no-?reply@|noreply@|daemon@|bounce", re.IGNORECASE)
# A notice that says the server keeps trying; most delay notices do not say so clearly and count as final.
TEMPORARY_RE = re.compile(
    r"details of temporary failure|warning message only|will be retried|delivery attempts will continue",
    re.IGNORECASE,
)


def might_be_notice(msg: Message) -> bool:
    """Headers alone say whether a mail could be a mail system's notice at all (cheap, no body read)."""
    sender = header(msg, "From")
    return bool(
        header(msg, "X-Failed-Recipients")
        or SENDER_RE.search(sender)
        or MACHINE_RE.search(header(msg, "Auto-Submitted") + " " + sender)
        or header(msg, "Return-Path").strip() == "<>"
        or SUBJECT_RE.search(header(msg, "Subject"))
    )


def looks_like_bounce(msg: Message, own: str) -> bool:
    """A mail system's notice, not a person writing about one: sender or envelope must be machine-like."""
    by_sender = bool(SENDER_RE.search(header(msg, "From")))
    by_subject = bool(SUBJECT_RE.search(header(msg, "Subject")))
    machine = header(msg, "Return-Path").strip() == "<>" or bool(
        MACHINE_RE.search(header(msg, "Auto-Submitted") + " " + header(msg, "From"))
    )
    if not (by_sender or machine or by_subject and has_original(msg)):
        return False  # cheap headers first: most mail is a person's and never needs its body searched
    by_body = bool(BODY_RE.search(own[:_BODY_SCAN]))
    if by_sender:
        return by_subject or by_body
    return by_body and (machine or (by_subject and has_original(msg)))


def has_original(msg: Message) -> bool:
    return any(content_type(p) in ("message/rfc822", "text/rfc822-headers") for p in walk_top(msg))
