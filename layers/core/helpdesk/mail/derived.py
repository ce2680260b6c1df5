"""What is derived from a parsed mail by the classifier, the reply trimmer and the ticket reference finder.

Those live in sibling modules; a missing module or a failure in one of them leaves its fields at their
defaults and records a Problem, so that parsing itself never depends on them.
"""

from __future__ import annotations

import importlib
from email.message import Message
from types import ModuleType
from typing import Any

from helpdesk.mail.model import ParsedMail, Problem

# The siblings work on the start of the text: a reply, a bounce notice or a vacation note is found there, and
# their time grows with the length of the text while huge bodies (logs, pasted dumps) do arrive.
_CLASSIFY_CHARS = 300_000
_TRIM_CHARS = 100_000


def fill_derived(mail: ParsedMail, msg: Message) -> None:
    classify = _function("classify", "classify")
    trim_reply = _function("trim", "trim_reply")
    reply_from_html = _function("trim", "reply_from_html")
    find_ticket_ref = _function("ticketref", "find_ticket_ref")
    # A sibling's failure costs its own field, never the parse.
    if classify:
        try:
            mail.kind, mail.bounce = classify(msg, mail.text[:_CLASSIFY_CHARS])
        except Exception as error:
            _note(mail, "classify_failed", error)
    mail.reply = mail.text
    try:
        if reply_from_html and mail.html and not _has_plain_part(msg):
            mail.reply = reply_from_html(mail.html[:_TRIM_CHARS])
        elif trim_reply:
            mail.reply = trim_reply(mail.text[:_TRIM_CHARS]).reply
    except Exception as error:
        _note(mail, "trim_failed", error)
    if find_ticket_ref:
        try:
            mail.ticket_ref = find_ticket_ref(mail.subject)
        except Exception as error:
            _note(mail, "ticket_ref_failed", error)


def _note(mail: ParsedMail, code: str, error: Exception) -> None:
    mail.problems.append(Problem(code, f"{type(error).__name__}: {error}"[:300]))


def _function(module: str, name: str) -> Any:
    found = _module(module)
    return getattr(found, name, None) if found else None


def _module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"helpdesk.mail.{name}")
    except ImportError:
        return None


def _has_plain_part(msg: Message) -> bool:
    return any(part.get_content_type() == "text/plain" for part in msg.walk())
