"""Reason classes of a failed delivery, from the diagnostic text and the DSN status.

The vocabulary is the one of the sisimai project (``userunknown``, ``mailboxfull``, ``expired`` ...), so
results compare
directly with its public test corpus. A recipient is a hard bounce when retrying can never succeed: the
mailbox or the
domain does not exist or has moved, or the domain accepts no mail at all (a null MX answered with a 5xx).
"""

from __future__ import annotations

import re

from helpdesk.domain.mail.bounce_patterns import REASON_PATTERNS, WEAK_PATTERNS

HARD_REASONS = frozenset({"userunknown", "hostunknown", "hasmoved"})

# RFC 3463 / RFC 5248 enhanced status codes that name one reason without needing the text.
_STATUS_REASON: dict[str, str] = {
    "1.1": "userunknown",
    "1.2": "hostunknown",
    "1.3": "userunknown",
    "1.4": "userunknown",
    "1.6": "hasmoved",
    "1.7": "rejected",
    "1.8": "rejected",
    "1.10": "notaccept",
    "2.1": "suspend",
    "2.2": "mailboxfull",
    "2.3": "mesgtoobig",
    "2.4": "systemerror",
    "3.0": "systemerror",
    "3.1": "systemfull",
    "3.2": "notaccept",
    "3.4": "mesgtoobig",
    "3.5": "systemerror",
    "4.1": "networkerror",
    "4.2": "networkerror",
    "4.3": "systemerror",
    "4.4": "hostunknown",
    "4.5": "systemfull",
    "4.6": "networkerror",
    "4.7": "expired",
    "5.3": "toomanyconn",
    "5.4": "syntaxerror",
    "5.5": "syntaxerror",
    "6.0": "contenterror",
    "6.1": "contenterror",
    "6.2": "contenterror",
    "6.3": "contenterror",
    "6.5": "contenterror",
    "7.9": "policyviolation",
    "7.13": "suspend",
    "7.14": "suspend",
    "7.15": "securityerror",
    "7.16": "securityerror",
    "7.17": "securityerror",
    "7.18": "securityerror",
    "7.19": "securityerror",
    "7.20": "authfailure",
    "7.21": "authfailure",
    "7.22": "authfailure",
    "7.23": "authfailure",
    "7.24": "authfailure",
    "7.25": "requireptr",
    "7.26": "authfailure",
    "7.27": "notaccept",
    "7.509": "authfailure",
    "7.510": "notaccept",
    "7.606": "blocked",
    "7.508": "toomanyconn",
}

# sisimai's "pseudo" status for a reason found only in text: class.0.9xx.
_PSEUDO_STATUS: dict[str, str] = {
    "onhold": "901",
    "syntaxerror": "902",
    "norelaying": "909",
    "filtered": "910",
    "userunknown": "911",
    "hostunknown": "912",
    "hasmoved": "916",
    "rejected": "918",
    "suspend": "921",
    "mailboxfull": "922",
    "exceedlimit": "923",
    "systemfull": "931",
    "notaccept": "932",
    "mesgtoobig": "934",
    "mailererror": "939",
    "networkerror": "944",
    "expired": "947",
    "contenterror": "960",
    "securityerror": "970",
    "blocked": "971",
    "policyviolation": "972",
    "requireptr": "973",
    "systemerror": "930",
    "toomanyconn": "945",
    "spamdetected": "980",
    "authfailure": "990",
    "virusdetected": "980",
    "badreputation": "971",
    "speeding": "976",
}

STATUS_RE = re.compile(r"(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?!\.?\d)")
# A reply code stands at a line start, after "said:"/"<<<"/"host x:" or before an enhanced status code.
REPLY_RE = re.compile(
    r"(?:^|[\s:(\[\"'<>=]|#)([245]\d\d)(?=[ \-,;]|$|\])(?![ \-]?\d{2,}[^.\d])", re.MULTILINE
)
_REPLY_NEAR_STATUS_RE = re.compile(r"(?<![\d.])([245][0-5]\d)[ \-]+[('\"]?#?([245]\.\d{1,3}\.\d{1,3})")


def find_status(text: str, failed: bool = True) -> str | None:
    """The enhanced status code (RFC 3463) of a diagnostic text: the one after a reply code, else the first."""
    for near in _REPLY_NEAR_STATUS_RE.finditer(text):
        if not failed or near.group(2)[0] != "2":
            return near.group(2)
    for m in STATUS_RE.finditer(text):
        if m.group(1) == "2" and (failed or m.group(2) == "0" and m.group(3) == "0"):
            continue
        return ".".join(m.groups())
    return None


def find_reply_code(text: str, failed: bool = True) -> str | None:
    """The SMTP reply code in a diagnostic text (prefer one before a status code); of a failure unless
    told."""
    for m in _REPLY_NEAR_STATUS_RE.finditer(text):
        if not failed or m.group(1)[0] != "2":
            return m.group(1)
    for m in REPLY_RE.finditer(text):
        code = m.group(1)
        if code[1] in "012345" and (not failed or code[0] != "2"):
            return code
    return None


def reason_from_status(status: str | None) -> str | None:
    if not status:
        return None
    cls, _, detail = status.partition(".")
    if cls == "2":
        return "delivered"
    return _STATUS_REASON.get(detail)


def reason_from_text(text: str, weak: bool = False) -> str | None:
    for reason, pattern in WEAK_PATTERNS if weak else REASON_PATTERNS:
        if pattern.search(text):
            return reason
    return None


# Codes so specific that no wording can overrule them.
_DECISIVE = frozenset(
    {"1.6", "1.7", "1.8", "1.10", "2.2", "4.7", "7.13", "7.25", "7.26", "7.27", "7.509", "7.606"}
)
_DATA_PHASE_RE = re.compile(r"\bDATA\b|end of data", re.IGNORECASE)
_DELAY_RE = re.compile(
    r"\bdelay|will (?:continue trying|be retried|retry)|not yet (?:been )?(?:delivered|received)", re.I
)
_SENDER_PHASE_RE = re.compile(r"\bafter MAIL FROM\b|>>> MAIL From|in reply to MAIL FROM", re.IGNORECASE)


def classify_reason(words: str, segment: str, status: str | None) -> str:
    """Decisive status code, then the server's words, the whole notice, the status code, weak words, else
    onhold."""
    by_status = reason_from_status(status)
    detail = status.partition(".")[2] if status else ""
    if by_status == "delivered" or detail in _DECISIVE:
        return by_status or "onhold"
    reason = reason_from_text(words) or reason_from_text(segment) or by_status
    reason = reason or reason_from_text(words, weak=True) or reason_from_text(segment, weak=True) or "onhold"
    if reason in ("userunknown", "hostunknown") and _SENDER_PHASE_RE.search(segment):
        return "rejected"
    if reason == "hostunknown" and status and status.startswith("4"):
        return "networkerror"  # a name server that fails for now is a network problem, not a missing domain
    if reason == "onhold" and _DELAY_RE.search(segment):
        return "expired"
    if reason == "userunknown" and (_DATA_PHASE_RE.search(words or segment) or detail == "2.0"):
        return "filtered"
    return reason


def is_hard(reason: str, status: str | None, reply_code: str | None) -> bool:
    if reason in HARD_REASONS:
        return True
    if reason == "notaccept":
        code = status or reply_code
        return code is None or code.startswith("5")
    return False


def pseudo_status(reason: str, permanent: bool) -> str | None:
    """A status for a recipient whose bounce carried none, in sisimai's ``x.0.9xx`` convention."""
    code = _PSEUDO_STATUS.get(reason)
    if code is None:
        return None
    return f"{5 if permanent else 4}.0.{code}"
