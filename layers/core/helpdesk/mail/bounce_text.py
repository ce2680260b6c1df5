"""Bounces in free text (qmail, Exim, Exchange, Gmail, Japanese carriers ...): who failed and what the
server said."""

from __future__ import annotations

import re

from helpdesk.mail.dsn import ADDRESS_RE

# Where a non-standard bounce starts quoting the returned mail: everything after it is the sender's own text.
_ORIGINAL_RE = re.compile(
    r"^[ \t>]*(?:[-=*_]{2,}[ \t]*)?(?:"
    r"below this line is a copy of the message|this is a copy of (?:the |your )?(?:original )?message"
    r"|original message(?: headers)?"
    r"|(?:original|returned|unsent|undelivered) (?:message|mail)(?: follows| headers? (?:follows|below))?"
    r"|below is a copy of the original message|enclosed is a copy of the message"
    r"|the header of the original message"
    r"|the original (?:message|mail) (?:follows|headers|is attached|was attached|is enclosed)"
    r"|original mail as follows"
    r"|message headers? follows?"
    r"|content-type: message/rfc822|content-type: text/rfc822-headers|-+ ?original message ?-+"
    r"|the attachment contains the original|header of original message"
    r"|(?:received|return-path|message-id|dkim-signature|x-received|arc-seal):"
    r")",
    re.IGNORECASE | re.MULTILINE,
)
# A mail server's answer: the reply code and the words after it, or what a host is said to have said.
_DIAG_LINE_RE = re.compile(
    r"(?:^|\s)(?:[245]\d\d[ \-,]|#?[245]\.\d{1,3}\.\d{1,3}\b)|said:|<<<|remote host|diagnostic|reason:|error:"
    r"|\b(?:user|recipient|mailbox|address|domain|host)\b[^\n]{0,100}\b(?:unknown|not|full|invalid|disabled|reject)",
    re.IGNORECASE,
)
_SKIP_LOCALPART_RE = re.compile(
    r"^(?:mailer-daemon|postmaster|mail-daemon|maildaemon|daemon|no-?reply|bounces?|root|abuse|mdaemon)$",
    re.IGNORECASE,
)
_ID_CONTEXT_RE = re.compile(
    r"(?:message-id|references|in-reply-to|\bid|mail from|envelope-from|return-path|sender)\s*[:=]\s*<?\s*$",
    re.IGNORECASE,
)
_JUNK_DOMAIN_RE = re.compile(r"\.(?:png|gif|jpe?g|html?)$", re.IGNORECASE)
# A mail system may name its own users by local part alone, one an indented line, under "the following
# recipients ...:" (AOL's "Mail Delivery Problem" notices).
_LOCAL_LIST_RE = re.compile(
    r"\bfollowing (?:recipients?|address(?:es|\(es\))?|users?)\b[^\n]*:[ \t]*\r?\n"
    r"((?:[ \t]+[A-Za-z0-9._%+=-]+[ \t]*(?:\r?\n|$))+)",
    re.IGNORECASE,
)


def bounce_part(text: str) -> str:
    """The server's own words, without the returned mail it quotes."""
    found = _ORIGINAL_RE.search(text)
    head = text[: found.start()] if found else text
    return head if head.strip() else text


def failed_recipients(text: str, exclude: set[str]) -> list[tuple[str, str]]:
    """Each failed address with the text that belongs to it, in order of first appearance.

    A recipient's text runs from each mention of it to the next mention of another recipient; the notice's
    opening
    lines (before any address) are appended, as they often carry the reason for all."""
    mentions: list[tuple[int, str]] = []
    for m in ADDRESS_RE.finditer(text):
        address = m.group(0).strip(".")
        key = address.lower()
        local, _, domain = key.partition("@")
        line_start = text.rfind("\n", 0, m.start()) + 1
        if key in exclude or _SKIP_LOCALPART_RE.match(local) or _JUNK_DOMAIN_RE.search(domain):
            continue
        if _ID_CONTEXT_RE.search(text[line_start : m.start()]):
            continue
        mentions.append((m.start(), address))
    if not mentions:
        return []
    order = list(dict.fromkeys(a.lower() for _, a in mentions))
    names = {a.lower(): a for _, a in reversed(mentions)}
    if len(order) == 1:
        return [(names[order[0]], text)]
    intro = text[: mentions[0][0]]
    blocks: dict[str, list[str]] = {k: [] for k in order}
    for i, (pos, address) in enumerate(mentions):
        end = len(text)
        for later_pos, later in mentions[i + 1 :]:
            if later.lower() != address.lower():
                end = later_pos
                break
        blocks[address.lower()].append(text[pos:end])
    return [(names[k], "\n".join(dict.fromkeys(blocks[k])) + "\n" + intro) for k in order]


def local_recipients(text: str, domain: str) -> list[str]:
    """The recipients a notice lists by local part only, completed with its own domain (the sender's)."""
    found = _LOCAL_LIST_RE.search(text)
    if not found or not domain:
        return []
    return [f"{line.strip()}@{domain}" for line in found.group(1).splitlines() if line.strip()]


def diagnostic(segment: str) -> str:
    """The lines of a segment that carry the server's answer, the others left out."""
    lines = [ln.strip() for ln in segment.splitlines() if ln.strip()]
    picked = [ln for ln in lines if _DIAG_LINE_RE.search(ln)]
    return " ".join(picked)
