"""What is derived from a parsed mail by the classifier, the reply trimmer and the ticket reference finder.

Those live in sibling modules; a missing module or a failure in one of them leaves its fields at their defaults
and records a Problem, so that parsing itself never depends on them.
"""

from __future__ import annotations

from email.message import Message

from helpdesk.domain.mail.model import ParsedMail, Problem


def fill_derived(mail: ParsedMail, msg: Message) -> None:
    try:
        from helpdesk.domain.mail.classify import classify
    except ImportError:
        pass
    else:
        try:
            mail.kind, mail.bounce = classify(msg, mail.text)
        except Exception as error:
            mail.problems.append(Problem("classify_failed", f"{type(error).__name__}: {error}"[:300]))
    try:
        from helpdesk.domain.mail.trim import reply_from_html, trim_reply
    except ImportError:
        mail.reply = mail.text
    else:
        try:
            html_only = bool(mail.html) and not _has_plain_part(msg)
            mail.reply = reply_from_html(mail.html) if html_only else trim_reply(mail.text).reply
        except Exception as error:
            mail.reply = mail.text
            mail.problems.append(Problem("trim_failed", f"{type(error).__name__}: {error}"[:300]))
    try:
        from helpdesk.domain.mail.ticketref import find_ticket_ref
    except ImportError:
        return
    try:
        mail.ticket_ref = find_ticket_ref(mail.subject)
    except Exception as error:
        mail.problems.append(Problem("ticket_ref_failed", f"{type(error).__name__}: {error}"[:300]))


def _has_plain_part(msg: Message) -> bool:
    return any(part.get_content_type() == "text/plain" for part in msg.walk())
