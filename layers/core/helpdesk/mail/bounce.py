"""Bounces, delivery and feedback reports: standard (multipart/report) first, then free-text formats."""

from __future__ import annotations

import re
from email.message import Message

from helpdesk.mail import bounce_reason as br
from helpdesk.mail import bounce_status as bs
from helpdesk.mail.bounce_signals import (
    MACHINE_RE,
    SENDER_RE,
    TEMPORARY_RE,
    from_daemon,
    looks_like_bounce,
    might_be_notice,
)
from helpdesk.mail.bounce_text import bounce_part, diagnostic, failed_recipients, local_recipients
from helpdesk.mail.dsn import ADDRESS_RE, DsnRecipient, dsn_recipients, dsn_recipients_in_text
from helpdesk.mail.feedback import arf_feedback, inline_feedback, microsoft_complaint
from helpdesk.mail.mailparts import body_texts, children, content_type, header, walk_top
from helpdesk.mail.model import Bounce, BounceRecipient, MailKind
from helpdesk.mail.returned_mail import original_header, quoted_header
from helpdesk.mail.ses_notice import from_ses_json

_MAX_WORDS, _MAX_SEGMENT, _MAX_NOTICE = 4_000, 8_000, 50_000
_REPORT_TYPES = ("message/delivery-status", "message/global-delivery-status")
_TRANSCRIPT_REPLY_RE = re.compile(r"^<<< ?(.+)$", re.MULTILINE)
_SUCCESS_ACTIONS = frozenset({"delivered", "relayed", "expanded", "deliverable"})


def find_report(msg: Message) -> tuple[MailKind, Bounce] | None:
    """A machine report about an earlier mail, or None when the mail is no such report."""
    parts = list(walk_top(msg))
    for part in parts:
        if content_type(part) == "message/feedback-report":
            return MailKind.FEEDBACK_REPORT, arf_feedback(msg, part)
    complaint = microsoft_complaint(parts) or inline_feedback(msg, parts)
    if complaint:
        return MailKind.FEEDBACK_REPORT, complaint
    reports = [
        p for p in parts if content_type(p) in ("message/delivery-status", "message/global-delivery-status")
    ]
    if not reports and not might_be_notice(msg):
        return None  # a person's mail: no need to read its body
    text = _text(msg)
    for part in reports:
        found = _from_dsn(dsn_recipients(part), text)
        if found:
            return found
    sender = header(msg, "From")
    if MACHINE_RE.search(sender) or SENDER_RE.search(sender):
        found = from_ses_json(text)
        if found:
            return found
    if looks_like_bounce(msg, text):
        found = _from_dsn(dsn_recipients_in_text(text), text)
        if found:
            return found
    found = _from_text(msg, text)
    if found is None or not any(_answered(r) for r in found[1].recipients):
        # The notice names no answer of its own: the bounce it carries as an attachment says more.
        return _wrapped_report(msg, sender) or found or _unreadable_notice(msg, text)
    return found


def _unreadable_notice(msg: Message, text: str) -> tuple[MailKind, Bounce] | None:
    """A mail system's failure notice whose recipients cannot be read is still a bounce: neither a person's
    mail nor, whatever its Auto-Submitted field says (RFC 3834 lets notices carry it), an auto-reply."""
    own = bounce_part(text)[:_MAX_NOTICE]
    if from_daemon(msg) and looks_like_bounce(msg, own):
        return MailKind.BOUNCE, Bounce([])
    return None


def _wrapped_report(msg: Message, sender: str) -> tuple[MailKind, Bounce] | None:
    """A filter or gateway that forwards the real bounce as an attachment, from a machine sender."""
    if not (MACHINE_RE.search(sender) or SENDER_RE.search(sender)):
        return None
    for part in walk_top(msg):
        if content_type(part) == "message/rfc822":
            for inner in children(part):
                if content_type(inner) == "multipart/report":
                    return find_report(inner)
    return None


def _text(msg: Message) -> str:
    return "\n".join(body_texts(msg))


def _from_dsn(recipients: list[DsnRecipient], text: str) -> tuple[MailKind, Bounce] | None:
    if not recipients:
        return None
    failed = [r for r in recipients if r.action not in _SUCCESS_ACTIONS or r.status.startswith(("4", "5"))]
    if not failed:
        return MailKind.DELIVERY_REPORT, Bounce([_delivered(r) for r in recipients])
    intro = bounce_part(text)[:_MAX_NOTICE]
    out = []
    # Sendmail's session transcript quotes the remote server itself ("<<< 421 4.7.0 ..."): with one failed
    # recipient, those replies say more than the diagnostic the reporting server wrote from them.
    replies = (
        list(dict.fromkeys(_TRANSCRIPT_REPLY_RE.findall(intro)))
        if len(failed) == 1 and "<<<" in intro
        else []
    )
    for r in failed:
        segment = _text_about(intro, r.address)
        words = " ".join([*replies, r.diagnostic or diagnostic(segment)]).strip()
        status = _dsn_status(r.status, words)
        if len(failed) == 1 and (status is None or status.endswith(".0.0")):
            # A class alone: the notice's own text may quote the server's specific code, of the same class
            # (a temporary answer quoted from an earlier attempt does not turn a failure into a delay).
            quoted = _dsn_status(status or "", f"{words} {diagnostic(segment)}")
            status = quoted if status is None or (quoted or "")[:1] == status[0] else status
        delayed = r.action == "delayed"
        out.append(_recipient(r.address, words, segment, status, delayed, delayed=delayed))
    return MailKind.BOUNCE, Bounce(out)


def _delivered(r: DsnRecipient) -> BounceRecipient:
    reply_code = br.find_reply_code(r.diagnostic, failed=False)
    return BounceRecipient(r.address, br.find_status(r.status, failed=False), reply_code, "delivered", False)


def _dsn_status(field: str, words: str) -> str | None:
    """The Status field, unless the server's own words carry a more specific code."""
    return bs.prefer(br.find_status(field), bs.spoken_status(words), br.find_reply_code(words))


def _text_about(text: str, address: str) -> str:
    for found, segment in failed_recipients(text, set()):
        if found.lower() == address.lower():
            return segment
    return text


def _from_text(msg: Message, text: str) -> tuple[MailKind, Bounce] | None:
    own = bounce_part(text)[:_MAX_NOTICE]
    failed_header = header(msg, "X-Failed-Recipients")
    if not (failed_header or looks_like_bounce(msg, own)):
        return None
    exclude = {a.lower() for a in ADDRESS_RE.findall(header(msg, "To") + " " + header(msg, "From"))}
    found = failed_recipients(own, exclude)
    if not found:
        quoted = quoted_header(text[len(own) :], "To")
        domain = ADDRESS_RE.findall(header(msg, "From"))[-1:]
        fallback = (
            ADDRESS_RE.findall(failed_header)
            or local_recipients(own, domain[0].partition("@")[2] if domain else "")
            or ADDRESS_RE.findall(original_header(msg, "To") or quoted)
        )
        found = [(a, own) for a in dict.fromkeys(fallback)]
    if not found:
        return None
    temporary = bool(TEMPORARY_RE.search(own)) and not re.search(r"permanent", own, re.IGNORECASE)
    out = [_recipient(a, diagnostic(segment), segment, None, temporary) for a, segment in found]
    # Addresses quoted in passing (a help desk, a list owner) carry no answer of their own: drop them when
    # others do.
    answered = [r for r in out if _answered(r)]
    return MailKind.BOUNCE, Bounce(answered or out)


def _answered(r: BounceRecipient) -> bool:
    return bool(r.reply_code or (r.status and ".0.9" not in r.status) or r.reason != "onhold")


def _recipient(
    address: str, words: str, segment: str, status: str | None, temporary: bool, delayed: bool = False
) -> BounceRecipient:
    words, segment = words[:_MAX_WORDS], segment[:_MAX_SEGMENT]  # the server's answer is never far down
    reply_code = br.find_reply_code(words)
    status = status or bs.spoken_status(words) or bs.spoken_status(segment)
    reason = br.classify_reason(words, segment, status)
    if delayed and reason == "onhold":
        reason = (
            "expired"  # a DSN's "Action: delayed" with nothing more said: still waiting, as sisimai reads it
        )
    if status is None:
        named = bs.pseudo_reason(reason, segment)
        # The answer's own code or words decide; without a code, a notice that says it keeps trying.
        temporary = (
            bs.is_temporary(words, reply_code)
            or (temporary and not reply_code)
            or bs.exim_transient(named, segment)
        )
        status = bs.pseudo_status(named, temporary)
    reply_code = br.consistent_reply_code(reply_code, status, words)
    return BounceRecipient(address, status, reply_code, reason, br.is_hard(reason, status, reply_code))
