"""`parse_mail`: raw RFC 5322 bytes (CRLF or LF) to a ParsedMail. Never raises: problems are recorded."""

from __future__ import annotations

from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32

from helpdesk.mail.derived import fill_derived
from helpdesk.mail.header_block import repair_head
from helpdesk.mail.headers import address_list, iso_date, message_ids, text_field
from helpdesk.mail.limits import DEFAULT_LIMITS, Budget, LimitExceeded, MailLimits
from helpdesk.mail.mime_bodies import fill_bodies
from helpdesk.mail.mime_reader import read_tree
from helpdesk.mail.mime_tree import decode_raw_headers, prepare_parts
from helpdesk.mail.model import ParsedMail, Problem
from helpdesk.mail.receipt import receipt_verdicts

_HEADER_BYTES = 256 * 1024
_KEPT_HEADERS = 200


def parse_mail(raw: bytes, limits: MailLimits = DEFAULT_LIMITS) -> ParsedMail:
    mail = ParsedMail()
    budget = Budget(limits)
    try:
        if len(raw) > limits.max_total_bytes:
            raise LimitExceeded("limit_total_size", f"mail is over {limits.max_total_bytes} bytes")
        msg = read_tree(raw, budget)
        prepare_parts(msg, budget)
        fill_headers(mail, msg)
        fill_bodies(mail, msg, budget)
        budget.check_time()
        fill_derived(mail, msg)
    except LimitExceeded as limit:
        mail.problems.append(Problem(limit.code, limit.detail, fatal=True))
    except RecursionError:
        mail.problems.append(Problem("limit_depth", "MIME nesting too deep to parse", fatal=True))
    except Exception as error:  # the parser's promise: any mail ends parsed or refused with a reason
        mail.problems.append(Problem("parse_error", f"{type(error).__name__}: {error}"[:300], fatal=True))
    if not mail.headers:
        _fill_headers_only(mail, raw)
    return mail


def fill_headers(mail: ParsedMail, msg: Message) -> None:
    for name, value in msg.items()[:_KEPT_HEADERS]:
        mail.headers.setdefault(name.lower(), text_field(value))
    mail.auth = receipt_verdicts(mail.headers.get("authentication-results"))
    mail.subject = text_field(msg.get("subject"))
    senders = address_list(msg.get_all("from") or []) or address_list(msg.get_all("sender") or [])
    mail.from_ = senders[0] if senders else None
    mail.to = address_list(msg.get_all("to") or [])
    mail.cc = address_list(msg.get_all("cc") or [])
    mail.reply_to = address_list(msg.get_all("reply-to") or [])
    dates = msg.get_all("date") or []
    date = dates[0] if dates else None
    mail.date = next((d for d in map(iso_date, dates) if d), None)
    if date and not mail.date:
        mail.problems.append(Problem("date_invalid", f"unreadable Date: {text_field(date)[:80]}"))
    ids = message_ids(msg.get("message-id"))
    mail.message_id = ids[0] if ids else None
    mail.in_reply_to = message_ids(msg.get("in-reply-to"))
    mail.references = message_ids(msg.get("references"))


def _fill_headers_only(mail: ParsedMail, raw: bytes) -> None:
    try:
        block = raw[:_HEADER_BYTES].replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
        head = BytesHeaderParser(policy=compat32).parsebytes(repair_head(block))
        decode_raw_headers(head)
        fill_headers(mail, head)
    except Exception as error:
        mail.problems.append(Problem("headers_unreadable", f"{type(error).__name__}: {error}"[:300]))
