"""Which RFC 3463 status a failed recipient gets: the DSN's ``Status:`` field, the code in the server's own
words, or a pseudo code for the reason when the bounce carries none.

The choices follow the conventions of the sisimai project, whose public corpus the results are compared with:
a code that only names its class (``5.0.0``), the catch-all ``4.4.7`` (expired) and the protocol-level
``x.5.x`` codes say less than a code with a subject and a detail, so the more specific one wins.
"""

from __future__ import annotations

import re

from helpdesk.mail.bounce_codes import PSEUDO_STATUS, PSEUDO_STATUS_TEMPORARY

_CODE_RE = re.compile(r"(?<![\d.vV])([245])\.([0-7])\.(\d{1,3})(?![\d])")
_IPV4_RE = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
# Codes that only say "something failed" (or that a message waited too long): any other code says more.
_VAGUE = frozenset({"4.4.7"})
_WEAKER_DECLARED = ("4.4.7", "4.7.0")
_PROTOCOL_CODES = (".5.1", ".5.2", ".5.4", ".5.5")
_TEMPORARY_WORDS_RE = re.compile(r" temporar| persistent", re.IGNORECASE)


def codes_in(text: str) -> list[str]:
    """The enhanced status codes of a text in order, IP addresses and version numbers left out."""
    text = _IPV4_RE.sub(" ", text)
    return [".".join(m.groups()) for m in _CODE_RE.finditer(text)]


def _vague(code: str) -> bool:
    return code.endswith(".0.0") or code in _VAGUE


def spoken_status(text: str, failed: bool = True) -> str | None:
    """The code of a server's answer: the first specific one, a vague one (``5.0.0``, ``4.4.7``) only when
    there is no other; success codes only when asked for."""
    found = [c for c in codes_in(text) if not failed or c[0] != "2"]
    specific = [c for c in found if not _vague(c)]
    ordered = specific + [c for c in found if _vague(c)]
    if not ordered:
        return None
    chosen = ordered[0]
    for code in ordered[1:]:
        chosen = prefer(chosen, code, None) or chosen
    return chosen


def prefer(declared: str | None, spoken: str | None, reply: str | None) -> str | None:
    """The DSN's Status field or the code in the server's words, whichever says more about the failure."""
    if not declared or not spoken:
        return declared or spoken
    if declared[0] != spoken[0] and reply:
        # The classes disagree: the reply code the server really sent tells which one is right.
        if reply[0] == declared[0]:
            return declared
        if reply[0] == spoken[0]:
            return spoken
    if declared == spoken:
        return declared
    if declared.endswith(".0.0"):
        return declared if spoken.endswith(".0.0") else spoken
    if ".0" in declared and ".0" not in spoken:  # "x.y.0" or "x.0.z" names no detail
        return spoken
    if spoken.endswith(".0.0"):
        return declared
    if declared in _WEAKER_DECLARED or declared.startswith("5.3.") or declared[1:5] in _PROTOCOL_CODES:
        return spoken  # expired, "too many errors", system and protocol trouble: the words say what
    if declared == "5.1.1":
        return declared if ".0" in spoken or spoken.startswith("5.5.") else spoken
    if declared == "5.1.3" and spoken.startswith("5.7."):
        return spoken
    return declared


def is_temporary(words: str, reply_code: str | None) -> bool:
    """Whether the server's answer says the failure is temporary: a 4xx code, or words that say so."""
    text = f" {reply_code or ''} {words} "
    code = spoken_status(text, failed=False) or _first_reply(text)
    if code and code[0] == "4":
        return True
    return bool(_TEMPORARY_WORDS_RE.search(text))


def _first_reply(text: str) -> str | None:
    found = re.search(r"(?<![\d.])([245][0-5]\d)(?![\d.])", text)
    return found.group(1) if found else None


# Exim names the command a remote server refused. A refused sender (MAIL FROM) says nothing about the
# recipient yet, a refused greeting (EHLO/HELO) says the client was blocked.
_EXIM_REFUSED_RE = re.compile(
    r"SMTP error from remote (?:mail server|mailer) after (?:(MAIL FROM)|EHLO|HELO)\b", re.IGNORECASE
)


def pseudo_reason(reason: str, notice: str) -> str:
    """The reason a pseudo code stands for: the recipient's reason unless the notice says the session
    ended before the recipient was named."""
    refused = _EXIM_REFUSED_RE.search(notice)
    if refused is None:
        return reason
    return "onhold" if refused.group(1) else "blocked"


_EXIM_OPENING = "created automatically by mail delivery software"


def exim_transient(reason: str, notice: str) -> bool:
    """Exim counts a full mailbox and an expired message as temporary failures, also in its final notice."""
    return reason in ("expired", "mailboxfull") and _EXIM_OPENING in notice


def pseudo_status(reason: str, temporary: bool) -> str | None:
    """A status for a recipient whose bounce carried none, in sisimai's ``x.0.9xx`` convention; a temporary
    failure of a mailbox or domain that does not exist has none."""
    table = PSEUDO_STATUS_TEMPORARY if temporary else PSEUDO_STATUS
    code = table.get(reason)
    return f"{4 if temporary else 5}.0.{code}" if code else None
