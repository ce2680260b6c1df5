"""Bounces, delivery reports and feedback reports: standard (multipart/report) first, then free-text formats."""

from __future__ import annotations

import re
from email.message import Message

from helpdesk.domain.mail import bounce_reason as br
from helpdesk.domain.mail.bounce_text import bounce_part, diagnostic, failed_recipients
from helpdesk.domain.mail.dsn import (
    ADDRESS_RE,
    DsnRecipient,
    dsn_recipients,
    dsn_recipients_in_text,
    field_blocks,
    untyped,
)
from helpdesk.domain.mail.mailparts import body_texts, children, content_type, header, part_text, walk_top
from helpdesk.domain.mail.model import Bounce, BounceRecipient, MailKind
from helpdesk.domain.mail.ses_notice import from_ses_json

_SUBJECT_RE = re.compile(
    r"undeliver|delivery (?:status notification|failure|failed|notification|report|problem|error)|failure notice"
    r"|mail delivery failed|returned mail|mail system error|non-?deliver|delivery has failed|could not send"
    r"|message not delivered|not delivered|cannot send|delayed mail|delivery failure|rejected|mail failure|unzustellbar"
    r"|nicht zugestellt|non remis|недоставлен|не доставлен|loop alert|mail could not be delivered"
    r"|returned to sender|delivery problem|permanent error|warning: message|error sending|bounce",
    re.IGNORECASE,
)
_SENDER_RE = re.compile(
    r"mailer-daemon|postmaster|mail delivery|mail-daemon|maildaemon|mail administrator|system administrator"
    r"|delivery subsystem|mail deliver|-admin@|delivery status",
    re.IGNORECASE,
)
_BODY_RE = re.compile(
    r"could ?n[o']t be delivered|(?:was ?n[o']t|not) able to deliver|unable to deliver|delivery (?:has )?failed"
    r"|undeliverable|did not reach the following recipient|permanent (?:error|failure)|temporary (?:error|failure)"
    r"|following (?:address|recipient)(?:\(?e?s\)?)? (?:failed|had|was|were|could)|delivery to the following"
    r"|not be delivered|message (?:was|has) not been delivered|delivery errors|was rejected by|have been rejected"
    r"|failed permanently|delivery attempts will continue|returned to the sender|message could not be sent"
    r"|не может быть доставлено|не было доставлено|не доставлено|konnte nicht zugestellt|unzustellbar"
    r"|n'a pas pu être (?:remis|distribué)|no se pudo entregar|non è stato possibile|duplicated message-id"
    r"|delivery to .* failed|rejected your message|group .* may not exist|did not accept|fatal errors?"
    r"|following addresses had|will be retried|transcript of session follows|cannot send message|warning message only",
    re.IGNORECASE,
)
_MACHINE_RE = re.compile(r"auto-(?:generated|replied)|no-?reply@|noreply@|daemon@|bounce", re.IGNORECASE)
_TEMPORARY_RE = re.compile(r"temporar|delayed|will (?:continue|retry|be retried)|try again later", re.IGNORECASE)
_SUCCESS_ACTIONS = frozenset({"delivered", "relayed", "expanded", "deliverable"})


def find_report(msg: Message) -> tuple[MailKind, Bounce] | None:
    """A machine report about an earlier mail, or None when the mail is no such report."""
    parts = list(walk_top(msg))
    for part in parts:
        if content_type(part) == "message/feedback-report":
            return MailKind.FEEDBACK_REPORT, _feedback(msg, part)
    complaint = _microsoft_complaint(parts)
    if complaint:
        return MailKind.FEEDBACK_REPORT, complaint
    for part in parts:
        if content_type(part) in ("message/delivery-status", "message/global-delivery-status"):
            found = _from_dsn(msg, dsn_recipients(part))
            if found:
                return found
    text = "\n".join(body_texts(msg))
    sender = header(msg, "From")
    if _MACHINE_RE.search(sender) or _SENDER_RE.search(sender):
        found = from_ses_json(text)
        if found:
            return found
    if _looks_like_bounce(msg, text):
        found = _from_dsn(msg, dsn_recipients_in_text(text))
        if found:
            return found
    return _from_text(msg) or _wrapped_report(msg, sender)


def _wrapped_report(msg: Message, sender: str) -> tuple[MailKind, Bounce] | None:
    """A filter or gateway that forwards the real bounce as an attachment, from a machine sender."""
    if not (_MACHINE_RE.search(sender) or _SENDER_RE.search(sender)):
        return None
    for part in walk_top(msg):
        if content_type(part) == "message/rfc822":
            for inner in children(part):
                if content_type(inner) == "multipart/report":
                    return find_report(inner)
    return None


def _microsoft_complaint(parts: list[Message]) -> Bounce | None:
    """Microsoft's junk-mail reports (JMRP) attach the reported mail marked with its original recipient."""
    for part in parts:
        if content_type(part) != "message/rfc822":
            continue
        for inner in children(part):
            address = ADDRESS_RE.search(header(inner, "X-HmXmrOriginalRecipient"))
            if address:
                return Bounce([BounceRecipient(address.group(0), None, None, "feedback", False)])
    return None


def _feedback(msg: Message, part: Message) -> Bounce:
    fields: dict[str, str] = {}
    for block in field_blocks(part):
        for key, value in block.items():
            fields.setdefault(key, value)
    raw = fields.get("original-rcpt-to") or fields.get("removal-recipient") or ""
    found = ADDRESS_RE.search(untyped(raw)) or ADDRESS_RE.search(_original_header(msg, "To"))
    address = found.group(0) if found else ""
    return Bounce([BounceRecipient(address, None, None, "feedback", False)])


def _from_dsn(msg: Message, recipients: list[DsnRecipient]) -> tuple[MailKind, Bounce] | None:
    if not recipients:
        return None
    failed = [r for r in recipients if r.action not in _SUCCESS_ACTIONS or r.status.startswith(("4", "5"))]
    if not failed:
        return MailKind.DELIVERY_REPORT, Bounce([_delivered(r) for r in recipients])
    text = "\n".join(body_texts(msg))
    intro = bounce_part(text)
    out = []
    for r in failed:
        segment = _text_about(intro, r.address)
        words = r.diagnostic or diagnostic(segment)
        out.append(_recipient(r.address, words, segment, _dsn_status(r.status, words), r.action == "delayed"))
    return MailKind.BOUNCE, Bounce(out)


def _delivered(r: DsnRecipient) -> BounceRecipient:
    reply_code = br.find_reply_code(r.diagnostic, failed=False)
    return BounceRecipient(r.address, br.find_status(r.status, failed=False), reply_code, "delivered", False)


def _dsn_status(field: str, words: str) -> str | None:
    """The Status field, unless the server's own words carry a more specific code."""
    declared = br.find_status(field)
    spoken = br.find_status(words)
    if spoken and (declared is None or declared.endswith(".0.0") or not spoken.endswith(".0.0")):
        return spoken if declared is None or spoken[0] == declared[0] or declared.endswith(".0.0") else declared
    return declared


def _text_about(text: str, address: str) -> str:
    for found, segment in failed_recipients(text, set()):
        if found.lower() == address.lower():
            return segment
    return text


def _from_text(msg: Message) -> tuple[MailKind, Bounce] | None:
    text = "\n".join(body_texts(msg))
    own = bounce_part(text)
    failed_header = header(msg, "X-Failed-Recipients")
    if not (failed_header or _looks_like_bounce(msg, own)):
        return None
    exclude = {a.lower() for a in ADDRESS_RE.findall(header(msg, "To") + " " + header(msg, "From"))}
    found = failed_recipients(own, exclude)
    if not found:
        quoted = _quoted_header(text[len(own) :], "To")
        fallback = ADDRESS_RE.findall(failed_header) or ADDRESS_RE.findall(_original_header(msg, "To") or quoted)
        found = [(a, own) for a in dict.fromkeys(fallback)]
    if not found:
        return None
    temporary = bool(_TEMPORARY_RE.search(own)) and not re.search(r"permanent", own, re.IGNORECASE)
    out = [_recipient(a, diagnostic(segment), segment, None, temporary) for a, segment in found]
    # Addresses quoted in passing (a help desk, a list owner) carry no answer of their own: drop them when others do.
    answered = [r for r in out if r.reply_code or (r.status and ".0.9" not in r.status) or r.reason != "onhold"]
    return MailKind.BOUNCE, Bounce(answered or out)


def _looks_like_bounce(msg: Message, own: str) -> bool:
    """A mail system's notice, not a person writing about one: the sender or the envelope must be machine-like."""
    by_sender = bool(_SENDER_RE.search(header(msg, "From")))
    by_subject = bool(_SUBJECT_RE.search(header(msg, "Subject")))
    by_body = bool(_BODY_RE.search(own))
    machine = header(msg, "Return-Path").strip() in ("<>", "") and bool(header(msg, "Return-Path")) or bool(
        _MACHINE_RE.search(header(msg, "Auto-Submitted") + " " + header(msg, "From"))
    )
    if by_sender:
        return by_subject or by_body
    return by_body and (machine or (by_subject and _has_original(msg)))


def _recipient(address: str, words: str, segment: str, status: str | None, temporary: bool) -> BounceRecipient:
    reply_code = br.find_reply_code(words)
    status = status or br.find_status(words) or br.find_status(segment)
    reason = br.classify_reason(words, segment, status)
    if status is None:
        permanent = reply_code.startswith("5") if reply_code else not temporary
        status = br.pseudo_status(reason, permanent)
    return BounceRecipient(address, status, reply_code, reason, br.is_hard(reason, status, reply_code))


def _has_original(msg: Message) -> bool:
    return any(content_type(p) in ("message/rfc822", "text/rfc822-headers") for p in walk_top(msg))


def _quoted_header(text: str, name: str) -> str:
    found = re.search(rf"^[ \t>]*{name}:[ \t]*(.*)$", text, re.IGNORECASE | re.MULTILINE)
    return found.group(1) if found else ""


def _original_header(msg: Message, name: str) -> str:
    """A header of the returned mail (attached as message/rfc822 or text/rfc822-headers)."""
    for part in walk_top(msg):
        ctype = content_type(part)
        if ctype == "message/rfc822":
            inner = children(part)
            if inner:
                return header(inner[0], name)
        if ctype == "text/rfc822-headers":
            found = _quoted_header(part_text(part), name)
            if found:
                return found
    return ""
