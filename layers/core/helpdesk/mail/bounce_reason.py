"""Reason classes of a failed delivery, from the diagnostic text and the DSN status.

The vocabulary is the one of the sisimai project (``userunknown``, ``mailboxfull``, ``expired`` ...), so
results compare directly with its public test corpus. A recipient is a hard bounce when retrying can never
succeed: the mailbox or the domain does not exist or has moved, or the domain accepts no mail (a null MX
answered with a 5xx).
"""

from __future__ import annotations

import re

from helpdesk.mail.bounce_codes import STANDARD_REASON, STATUS_REASON
from helpdesk.mail.bounce_patterns import REASON_PATTERNS, WEAK_PATTERNS
from helpdesk.mail.bounce_vendor import refused_session, vendor_reason
from helpdesk.mail.bounce_vendor_codes import coded_reason

HARD_REASONS = frozenset({"userunknown", "hostunknown", "hasmoved"})


STATUS_RE = re.compile(r"(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?!\.?\d)")
# A reply code stands at a line start, after "said:"/"<<<"/"host x:" or before an enhanced status code.
REPLY_RE = re.compile(
    r"(?:^|[\s:(\[\"'<>=]|#)([245]\d\d)(?=[ \-,;]|$|\])(?![ \-]?\d{2,}[^.\d])", re.MULTILINE
)
# "554 4.4.7 Message expired ...<421 4.4.2 Connection timed out>": the remote server's own answer, quoted.
_WRAPPED_REPLY_RE = re.compile(
    r"(?<=\S)\s*<([245][0-5]\d)[ \-]+([245]\.\d{1,3}\.\d{1,3})\b[^<>\n]*(?:>|$)", re.MULTILINE
)
_REPLY_NEAR_STATUS_RE = re.compile(r"(?<![\d.])([245][0-5]\d)[ \-]+[('\"]?#?([245]\.\d{1,3}\.\d{1,3})")


def find_status(text: str, failed: bool = True) -> str | None:
    """The enhanced status code (RFC 3463) of a diagnostic text: the one of a remote reply the text wraps,
    else the one after a reply code, else the first."""
    for near in [*_WRAPPED_REPLY_RE.finditer(text), *_REPLY_NEAR_STATUS_RE.finditer(text)]:
        if not failed or near.group(2)[0] != "2":
            return near.group(2)
    for m in STATUS_RE.finditer(text):
        if m.group(1) == "2" and (failed or m.group(2) == "0" and m.group(3) == "0"):
            continue
        return ".".join(m.groups())
    return None


# The failure codes RFC 5321 and its extensions define (sisimai's smtp/reply lists): a "522" or "511" in a
# diagnostic is a vendor's number, not a reply a server can send.
_FAILURE_REPLIES = frozenset(
    "421 422 430 432 450 451 452 453 454 455 456 458 459 500 501 502 503 504 520 521 523 524 525 530 533 534"
    " 535 538 550 551 552 553 554 555 556 557".split()
)


def _is_reply(code: str, failed: bool) -> bool:
    return code in _FAILURE_REPLIES if code[0] != "2" else not failed


def find_reply_code(text: str, failed: bool = True) -> str | None:
    """The SMTP reply code in a diagnostic text (prefer one before a status code); of a failure unless
    told."""
    for m in [*_WRAPPED_REPLY_RE.finditer(text), *_REPLY_NEAR_STATUS_RE.finditer(text)]:
        if _is_reply(m.group(1), failed):
            return m.group(1)
    for m in REPLY_RE.finditer(text):
        code = m.group(1)
        if code[1] in "012345" and _is_reply(code, failed):
            return code
    return None


def consistent_reply_code(reply_code: str | None, status: str | None, text: str) -> str | None:
    """A reply code of the status code's class: one whose class differs belongs to another step of the
    session (a 554 after a 4.x.x answer), so a code of the right class from the text, else none."""
    if not (reply_code and status) or reply_code[0] == status[0]:
        return reply_code
    for m in REPLY_RE.finditer(text):
        if m.group(1)[0] == status[0] and m.group(1)[1] in "012345" and _is_reply(m.group(1), False):
            return m.group(1)
    return None


def reason_from_status(status: str | None) -> str | None:
    """sisimai's name of a standard code; for 4.1/4.3/4.5/4.6 (no name there) and 5.2 (5.2.1 reads
    `suspend` here) the detail's usual reason, as measured on the sample and the BounceParser corpus."""
    if not status:
        return None
    cls, _, detail = status.partition(".")
    if cls == "2":
        return "delivered"
    if detail == "2.3":
        return "exceedlimit"  # the administrative limit (sisimai never reads x.2.3 as mesgtoobig)
    if (cls == "5" and status[:4] != "5.2.") or status[:4] in _NAMED_TEMPORARY:
        return STANDARD_REASON.get(status) or (STATUS_REASON.get(detail) if len(detail) > 4 else None)
    return STATUS_REASON.get(detail)


_NAMED_TEMPORARY = ("4.2.", "4.4.", "4.7.")
_STATUS_FIRST = frozenset(
    "mailboxfull mesgtoobig exceedlimit suspend hasmoved norelaying authfailure userunknown filtered"
    " requireptr notcompliantrfc badreputation contenterror rejected hostunknown spamdetected speeding"
    " toomanyconn blocked".split()
)


def reason_from_text(text: str, weak: bool = False) -> str | None:
    for reason, pattern in WEAK_PATTERNS if weak else REASON_PATTERNS:
        if pattern.search(text):
            return reason
    return None


# Codes so specific that no wording can overrule them.
_DECISIVE = frozenset(
    {"1.6", "1.7", "1.8", "1.10", "2.2", "4.7", "7.13", "7.25", "7.26", "7.27", "7.509", "7.606"}
)
_DATA_PHASE_RE = re.compile(
    r"in reply to (?:end of )?DATA\b|after (?:end of )?data\b|smtp command:?\s*DATA\b|\(DATA\)", re.IGNORECASE
)
_DELAY_RE = re.compile(
    r"\bdelay|will (?:continue trying|be retried|retry)|not yet (?:been )?(?:delivered|received)", re.I
)
# qmail-remote says "does not like recipient." for an answer to RCPT (sisimai's qmail commandset).
_RCPT_PHASE_RE = re.compile(r"\bRCPT\b|\bdoes not like recipient\b", re.IGNORECASE)
_SENDER_PHASE_RE = re.compile(r"\bafter MAIL FROM\b|>>> MAIL From|in reply to MAIL FROM", re.IGNORECASE)


def classify_reason(words: str, segment: str, status: str | None) -> str:
    """Decisive status code, then the server's words, the whole notice, the status code, weak words, else
    onhold."""
    by_status = reason_from_status(status)
    detail = status.partition(".")[2] if status else ""
    if by_status == "delivered":
        return by_status
    coded = coded_reason(words) or coded_reason(segment)
    if coded:
        return coded  # a system's own failure code says more than any status code
    if detail in _DECISIVE:
        return by_status or "onhold"
    vendor = "blocked" if refused_session(segment) else vendor_reason(words) or vendor_reason(segment)
    if vendor:
        return _reread_expired(vendor, segment) or vendor
    # sisimai tries the status code's own name before the notice's wording for these classes.
    first = by_status if by_status in _STATUS_FIRST else None
    reason = _reread_expired(
        reason_from_text(words) or first or reason_from_text(segment) or by_status, segment
    )
    reason = reason or reason_from_text(words, weak=True) or reason_from_text(segment, weak=True) or "onhold"
    if by_status == "exceedlimit" and reason == "mesgtoobig":
        return by_status  # "message too large" under the code of the administrative limit is that limit
    if reason in ("userunknown", "hostunknown") and _SENDER_PHASE_RE.search(segment):
        return "rejected"
    if reason == "hostunknown" and status and status.startswith("4"):
        return "networkerror"  # a name server that fails for now is a network problem, not a missing domain
    if reason == "onhold" and _DELAY_RE.search(segment):
        return "expired"
    # "User unknown" proves a missing mailbox only at RCPT or with a code; after DATA, or with neither, it is
    # a filter's answer (sisimai's rule: a recipient that passed RCPT exists).
    if reason == "userunknown" and (
        _DATA_PHASE_RE.search(f"{words}\n{segment}")
        or detail == "2.0"
        or (status is None and not _RCPT_PHASE_RE.search(segment))
    ):
        return "filtered"
    return reason


def _reread_expired(reason: str | None, segment: str) -> str | None:
    """sisimai reads `expired` again over the whole notice, where a refusal ("connection dropped" after the
    retries) names the cause."""
    noticed = reason_from_text(segment) if reason == "expired" else None
    return noticed if noticed and noticed in _STATUS_FIRST else reason


def is_hard(reason: str, status: str | None, reply_code: str | None) -> bool:
    if reason in HARD_REASONS:
        return True
    if reason == "notaccept":
        code = status or reply_code
        return code is None or code.startswith("5")
    return False
