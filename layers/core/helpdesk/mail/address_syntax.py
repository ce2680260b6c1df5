"""RFC 5322 address lists with the obsolete syntax of section 4.4, read the way mature mail clients read them.

Comments never join a display name that exists, and name the mailbox when there is none (`joe@x (Joe)`);
group names and empty groups (`undisclosed-recipients:;`) yield no address; an obs-route (`<@relay:joe@x>`)
is dropped; spaces around `@` and `.` in an obs-local-part or obs-domain close up; a bare word is an address
without a domain. Mail that breaks even that (`Test test@example.com`, unquoted specials in names) is read
as a name and the one word that holds an `@`; several such words are several addresses missing commas.
"""

from __future__ import annotations

import re

Token = tuple[str, str]  # (kind, text): atom | quoted | comment | angle | sep
_SPECIALS = '("<,;:'
_ROUTE = re.compile(r"^(?:@[^:,]*[,:])+")


def parse_address_list(text: str) -> list[tuple[str, str]]:
    """(display name, addr-spec) pairs; mailboxes without any address are left out."""
    pairs: list[tuple[str, str]] = []
    mailbox: list[Token] = []
    for kind, value in _tokens(text):
        if kind == "sep":
            if value == ":" and not any(k == "angle" for k, _ in mailbox):
                mailbox = []  # the phrase before a colon names a group, not a person
                continue
            pairs.extend(_mailboxes(mailbox))
            mailbox = []
        else:
            mailbox.append((kind, value))
    pairs.extend(_mailboxes(mailbox))
    return [(name, address) for name, address in pairs if address]


def _mailboxes(tokens: list[Token]) -> list[tuple[str, str]]:
    """Usually one mailbox; several words that each hold an `@` are several addresses missing their commas."""
    holding = [
        v for k, v in tokens if k == "atom" and "@" in v and not v.startswith("@") and not v.endswith("@")
    ]
    if len(holding) > 1 and not any(k == "angle" for k, _ in tokens):
        return [("", address) for address in holding]
    return [_mailbox(tokens)]


def _mailbox(tokens: list[Token]) -> tuple[str, str]:
    comments = " ".join(v for k, v in tokens if k == "comment" and v.strip())
    words = [(k, v) for k, v in tokens if k in ("atom", "quoted")]
    angle = next((v for k, v in tokens if k == "angle"), None)
    if angle is not None:
        before = [v for k, v in tokens[: tokens.index(("angle", angle))] if k in ("atom", "quoted")]
        return " ".join(before) or comments, angle
    spec = "".join(v if k == "atom" else f'"{v}"' for k, v in words)
    if "@" in spec and (len(words) == 1 or _joined_by_at(words)):
        return comments, spec
    holding = [v for k, v in words if k == "atom" and "@" in v]
    if len(holding) == 1:  # `Test test@example.com`: no angle brackets around the address
        name = " ".join(v for k, v in words if v != holding[0])
        return name or comments, holding[0]
    if len(words) == 1 and words[0][0] == "atom":
        return comments, words[0][1]
    return "", ""


def _joined_by_at(words: list[Token]) -> bool:
    """`joe @ x . org` and `"john doe"@x.org`: the words only make sense as one addr-spec."""
    return any(v.startswith(("@", ".")) or v.endswith(("@", ".")) for k, v in words if k == "atom")


def _tokens(text: str) -> list[Token]:
    found: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c == "(":
            value, i = _nested_comment(text, i)
            found.append(("comment", value))
        elif c == '"':
            value, i = _quoted(text, i)
            found.append(("quoted", value))
        elif c == "<":
            end = text.find(">", i)
            end = n if end < 0 else end
            found.append(("angle", _addr_spec(text[i + 1 : end])))
            i = end + 1
        elif c in ",;:":
            found.append(("sep", c))
            i += 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in _SPECIALS:
                j += 1
            found.append(("atom", text[i:j].strip(">")))
            i = max(j, i + 1)
    return [(k, v) for k, v in found if k != "atom" or v]


def _nested_comment(text: str, start: int) -> tuple[str, int]:
    inner, end = _delimited(text, start, "(", ")")
    return " ".join(inner.split()), end


def _quoted(text: str, start: int) -> tuple[str, int]:
    return _delimited(text, start, '"', '"')


def _delimited(text: str, start: int, opener: str, closer: str) -> tuple[str, int]:
    """The text between `text[start]` (the opener) and its closer, quoted pairs undone; comments nest."""
    depth, i, out = 1, start + 1, []
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
            continue
        if c == closer:
            depth -= 1
            if depth == 0:
                return "".join(out), i + 1
        elif c == opener:
            depth += 1
        out.append(c)
        i += 1
    return "".join(out), i


def _addr_spec(inside: str) -> str:
    """The address in angle brackets without comments, folding whitespace or an obs-route."""
    plain = re.sub(r"\([^()]*\)", "", inside)
    if '"' not in plain:
        plain = "".join(plain.split())
    return _ROUTE.sub("", plain.strip())
