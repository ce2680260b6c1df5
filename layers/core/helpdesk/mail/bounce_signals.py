"""Whether a mail is a mail system's notice at all: its sender, subject and wording."""

from __future__ import annotations

import re
from email.message import Message

from helpdesk.mail.mailparts import content_type, header, walk_top

_BODY_SCAN = 20_000
SUBJECT_RE = re.compile(
    r"undeliver|delivery (?:status|failure|failed|notification|report|problem|error)"
    r"|failure notice"
    r"|mail delivery failed|returned mail|mail system error|non-?deliver|delivery has failed|could not send"
    r"|message not delivered|not delivered|cannot send|delayed mail|delivery failure|rejected"
    r"|mail failure|unzustellbar"
    r"|nicht zugestellt|non remis|недоставлен|не доставлен|loop alert|mail could not be delivered"
    r"|returned to sender|delivery problem|permanent error|warning: message|error sending|bounce",
    re.IGNORECASE,
)
SENDER_RE = re.compile(
    r"mailer-daemon|postmaster|mail delivery|mail-daemon|maildaemon|mail administrator|system administrator"
    r"|delivery subsystem|mail deliver|-admin@|delivery status|\bmail ?server\b|\bmta\b",
    re.IGNORECASE,
)
BODY_RE = re.compile(
    r"could ?n[o']t be delivered|(?:was ?n[o']t|not) able to deliver|unable to deliver"
    r"|delivery (?:has )?failed"
    r"|undeliverable|did not reach the following recipient|permanent (?:error|failure)"
    r"|temporary (?:error|failure)"
    r"|following (?:address|recipient)(?:\(?e?s\)?)? (?:failed|had|was|were|could)|delivery to the following"
    r"|not be delivered|message (?:was|has) not been delivered|delivery errors|was rejected by"
    r"|have been rejected"
    r"|failed permanently|delivery attempts will continue|returned to the sender|message could not be sent"
    r"|не может быть доставлено|не было доставлено|не доставлено|konnte nicht zugestellt|unzustellbar"
    r"|n'a pas pu être (?:remis|distribué)|no se pudo entregar|non è stato possibile|duplicated message-id"
    r"|delivery to [^\n]{0,100} failed|rejected your message|group [^\n]{0,100} may not exist"
    r"|did not accept|fatal errors?"
    r"|following addresses had|will be retried|transcript of session follows|cannot send message"
    r"|was not delivered|could ?n[o']t deliver|не удалось доставить|не может быть доставлен"
    r"|warning message only",
    re.IGNORECASE,
)
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
