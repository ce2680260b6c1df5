"""The agent's name and signature on outgoing mail: "Anna from Support", and their own closing lines."""

from __future__ import annotations

from html import escape

from helpdesk.kernel.errors import Invalid

MAX_SIGNATURE = 2000
SEPARATOR = "-- "  # the usenet signature line: mail clients grey out or fold what follows it


def sender_name(author_name: str, team_name: str) -> str:
    """A staff reply comes from its person's first name on behalf of the team ("Anna from Support"); automatic
    mail from the team alone. The address stays the support address, so replies still thread."""
    words = author_name.split()
    return f"{words[0]} from {team_name}" if words else team_name


def checked_signature(text: str) -> str:
    signature = "\n".join(line.rstrip() for line in text.strip().splitlines())
    if len(signature) > MAX_SIGNATURE:
        raise Invalid(f"a signature has at most {MAX_SIGNATURE} characters")
    return signature


def signed(text: str, signature: str) -> str:
    """The reply's text with the signature under it (once: a draft that already ends with it keeps one)."""
    if not signature or text.rstrip().endswith(signature):
        return text
    return f"{text.rstrip()}\n\n{SEPARATOR}\n{signature}"


def signed_html(html: str, signature: str) -> str:
    if not html or not signature:
        return html
    lines = "<br>".join(escape(line) for line in signature.splitlines())
    return f'{html}<p class="signature">{SEPARATOR}<br>{lines}</p>'
