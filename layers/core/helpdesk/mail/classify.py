"""What kind of mail this is: a person's mail, or machine mail that must never be answered automatically."""

from __future__ import annotations

from email.message import Message

from helpdesk.mail.autoreply import auto_reply_kind
from helpdesk.mail.bounce import find_report
from helpdesk.mail.dsn import ADDRESS_RE
from helpdesk.mail.mailparts import header, with_repaired_boundary, without_leading_blank_lines
from helpdesk.mail.model import Bounce, BounceRecipient, MailKind


def classify(msg: Message, text: str) -> tuple[MailKind, Bounce | None]:
    """The mail's kind, and per recipient what went wrong for bounces (or what was reported, for other
    reports).

    Auto-replies carry one entry with reason ``vacation`` for their sender. Never raises: a mail the
    classifier
    cannot read is a person's mail."""
    try:
        return _classify(with_repaired_boundary(without_leading_blank_lines(msg)), text or "")
    except Exception:  # noqa: BLE001 - hostile mail must never stop the pipeline
        return MailKind.HUMAN, None


def _classify(msg: Message, text: str) -> tuple[MailKind, Bounce | None]:
    report = find_report(msg)
    if report:
        return report
    auto = auto_reply_kind(msg, text)
    if auto is None:
        return MailKind.HUMAN, None
    if auto == "vacation":
        found = ADDRESS_RE.findall(header(msg, "From"))
        address = found[-1] if found else ""
        return MailKind.AUTO_REPLY, Bounce([BounceRecipient(address, None, None, "vacation", False)])
    return MailKind.AUTO_REPLY, None
