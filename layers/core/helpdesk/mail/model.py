"""Value objects of a parsed mail. The JSON of `helpdesk mail parse` is `ParsedMail.to_json()`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from helpdesk.mail.receipt import MailAuth


class MailKind(StrEnum):
    HUMAN = "human"
    AUTO_REPLY = "auto_reply"
    BOUNCE = "bounce"
    FEEDBACK_REPORT = "feedback_report"
    DELIVERY_REPORT = "delivery_report"

    @property
    def is_machine(self) -> bool:
        return self is not MailKind.HUMAN


@dataclass(frozen=True)
class Address:
    name: str
    address: str


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    size: int
    sha256: str
    content_id: str | None
    disposition: str  # "attachment" | "inline"
    # The decoded bytes travel with the parse result but never into its JSON.
    content: bytes = field(default=b"", repr=False, compare=False)


@dataclass(frozen=True)
class BounceRecipient:
    address: str
    status: str | None  # DSN status, e.g. "5.1.1"
    reply_code: str | None  # SMTP reply code, e.g. "550"
    reason: str  # a reason class in sisimai's vocabulary, e.g. "userunknown", "mailboxfull"
    hard: bool


@dataclass(frozen=True)
class Bounce:
    recipients: list[BounceRecipient]


@dataclass(frozen=True)
class Problem:
    code: str  # stable machine-readable code, e.g. "charset_unknown", "limit_parts"
    detail: str
    fatal: bool = False  # a fatal problem means the mail must be quarantined


@dataclass
class ParsedMail:
    subject: str = ""
    from_: Address | None = None
    to: list[Address] = field(default_factory=list)
    cc: list[Address] = field(default_factory=list)
    reply_to: list[Address] = field(default_factory=list)
    date: str | None = None  # ISO 8601
    message_id: str | None = None  # without angle brackets
    in_reply_to: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    text: str = ""
    html: str = ""  # sanitised
    reply: str = ""  # the new part only
    attachments: list[Attachment] = field(default_factory=list)
    kind: MailKind = MailKind.HUMAN
    bounce: Bounce | None = None
    ticket_ref: str | None = None
    problems: list[Problem] = field(default_factory=list)
    auth: MailAuth = field(default_factory=MailAuth)  # the receiving server's SPF/DKIM/DMARC verdicts
    headers: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def quarantine_reason(self) -> str | None:
        fatal = [p for p in self.problems if p.fatal]
        return "; ".join(f"{p.code}: {p.detail}" for p in fatal) or None

    def to_json(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "from": asdict(self.from_) if self.from_ else None,
            "to": [asdict(a) for a in self.to],
            "cc": [asdict(a) for a in self.cc],
            "reply_to": [asdict(a) for a in self.reply_to],
            "date": self.date,
            "message_id": self.message_id,
            "in_reply_to": self.in_reply_to,
            "references": self.references,
            "text": self.text,
            "html": self.html,
            "reply": self.reply,
            "attachments": [{k: v for k, v in asdict(a).items() if k != "content"} for a in self.attachments],
            "kind": self.kind.value,
            "bounce": asdict(self.bounce) if self.bounce else None,
            "ticket_ref": self.ticket_ref,
            "problems": [asdict(p) for p in self.problems],
            "auth": asdict(self.auth),
        }
