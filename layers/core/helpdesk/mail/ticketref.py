"""The ticket a subject refers to.

The product writes ``[#HD-123456]`` into the subjects it sends: ``HD-`` and the ticket's digits.
``find_ticket_ref``
returns ``HD-<digits>`` for that format in any spelling (``[#HD-123]``, ``[HD-123]``, ``HD-123``, ``hd 123``,
``HD#123``), anywhere in the subject. Failing that, it recognises the common forms of other helpdesks and
returns
``Ticket#<digits>``: ``[Ticket#123]``, ``Ticket #123``, ``[#123]``, ``Request #123``, ``Case: 123``,
``Заявка №123``, ``Обращение #123``, ``Anfrage Nr. 123`` ... Leading zeros are kept (they are part of the
number as
written); a bare ``#123`` without brackets or a keyword is no reference (``Top #5 tips``).
"""

from __future__ import annotations

import re

_OWN_RE = re.compile(r"(?<![A-Za-z0-9])\[?#?HD[-#\s]?(\d{1,12})\]?(?!\d)", re.IGNORECASE)
# Words that name a ticket by themselves ("Ticket 123"), and words that do only with a number sign ("Case
# #123").
_STRONG = r"ticket|tkt|заявк[аеиуой]|тикет[аеу]?|обращени[еюя]"
_WEAK = (
    r"request|req|case|incident|issue|rt|helpdesk|service ?desk|запрос|инцидент|anfrage|vorgang|demande|caso"
    r"|solicitud|richiesta|zg[łl]oszenie|chamado"
)
_MARK = r"(?:#|№|No\.?|Nr\.?|N°|ID|:)"
_KEYWORD_RE = re.compile(
    rf"(?<![\w])(?:(?:{_STRONG})\s*{_MARK}?|(?:{_WEAK})\s*{_MARK})\s*[#№]?\s*(\d{{1,12}})(?!\d)",
    re.IGNORECASE,
)
_BRACKET_RE = re.compile(r"\[\s*(?:[A-Za-z]{1,12}\s*)?[#№]\s*(\d{1,12})\s*\]")


def find_ticket_ref(subject: str) -> str | None:
    if not subject:
        return None
    text = subject[:2000]
    own = _OWN_RE.search(text)
    if own:
        return f"HD-{own.group(1)}"
    found = _BRACKET_RE.search(text) or _KEYWORD_RE.search(text)
    return f"Ticket#{found.group(1)}" if found else None
