"""Bodies and views of the staff ticket API. Views are built from domain objects by their `of`
constructors."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from helpdesk.tickets.model.assignment import Mailbox
from helpdesk.tickets.model.conversation import Conversation, NewConversation, TicketChange
from helpdesk.tickets.model.ingest import IngestResult
from helpdesk.tickets.model.message import Message
from helpdesk.tickets.model.mime import OutboundFile
from helpdesk.tickets.model.quarantine import QuarantinedMail
from helpdesk.tickets.model.ticket import Priority, Ticket, TicketStatus
from helpdesk.tickets.ports import Page, TicketQuery

MAX_REPLY_FILE_BYTES = 10 * 1024 * 1024


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class TicketFilter(_Body):
    """Query string of GET /tickets."""

    status: TicketStatus | None = None
    assignee: str | None = Field(None, max_length=200)
    mailbox: str | None = Field(None, max_length=100)
    customer_id: str | None = Field(None, max_length=40)
    tag: str | None = Field(None, max_length=50)
    limit: int = Field(25, ge=1, le=100)
    cursor: str | None = Field(None, max_length=2000)
    updated_since: datetime | None = Field(None, description="only tickets changed since (the live inbox)")
    hide_done: bool = Field(False, description="leave out solved and closed tickets (the 'All' view)")
    organisation_id: str | None = Field(None, max_length=200)

    def query(self) -> TicketQuery:
        tag = self.tag.lower() if self.tag else None
        unassigned = self.assignee == "unassigned"
        return TicketQuery(
            status=self.status,
            assignee=None if unassigned else self.assignee,
            mailbox=self.mailbox,
            customer_id=self.customer_id,
            tag=tag,
            organisation_id=self.organisation_id,
            hide_done=self.hide_done,
            unassigned=unassigned,
        )


class ReplyFile(_Body):
    filename: str = Field(min_length=1, max_length=200)
    content_type: str = Field("application/octet-stream", pattern=r"^[\w.+-]+/[\w.+-]+$")
    content_base64: str

    @field_validator("content_base64")
    @classmethod
    def _decodable(cls, value: str) -> str:
        try:
            size = len(base64.b64decode(value, validate=True))
        except (binascii.Error, ValueError) as error:
            raise ValueError("not base64") from error
        if size > MAX_REPLY_FILE_BYTES:
            raise ValueError("file too large")
        return value

    def file(self) -> OutboundFile:
        return OutboundFile(self.filename, self.content_type, base64.b64decode(self.content_base64))


class ReplyRequest(_Body):
    text: str = Field(min_length=1, max_length=100_000)
    html: str = Field("", max_length=500_000)
    attachments: list[ReplyFile] = Field(default_factory=list, max_length=10)
    client_token: str | None = Field(None, max_length=100, description="the same token never sends twice")
    seen_message_id: str | None = Field(
        None,
        max_length=100,
        description="the newest message the agent saw; a newer one refuses the reply (409)",
    )
    confirm: bool = Field(False, description="send although someone wrote since `seen_message_id`")
    status: TicketStatus | None = Field(None, description="send and set this status (pending, solved)")
    cc: list[str] = Field(default_factory=list, max_length=20)
    bcc: list[str] = Field(default_factory=list, max_length=20)

    def files(self) -> list[OutboundFile]:
        return [a.file() for a in self.attachments]

    def options(self) -> dict[str, Any]:
        """The keyword options of `TicketService.reply`: collision guard, status after sending, copies."""
        return {
            "seen_message_id": self.seen_message_id,
            "confirm": self.confirm,
            "then": self.status,
            "cc": tuple(self.cc),
            "bcc": tuple(self.bcc),
        }


class NewConversationRequest(_Body):
    """A ticket the agent opens by writing to a customer first."""

    to: str = Field(min_length=3, max_length=320)
    subject: str = Field(min_length=1, max_length=300)
    text: str = Field(min_length=1, max_length=100_000)
    html: str = Field("", max_length=500_000)
    mailbox: str = Field("support", pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")
    attachments: list[ReplyFile] = Field(default_factory=list, max_length=10)
    client_token: str | None = Field(None, max_length=100, description="the same token opens one ticket")

    def conversation(self) -> NewConversation:
        files = [a.file() for a in self.attachments]
        return NewConversation(
            self.to, self.subject, self.text, self.html, self.mailbox, files, self.client_token
        )


class ForwardRequest(_Body):
    to: str = Field(min_length=3, max_length=320)
    text: str = Field("", max_length=100_000, description="the agent's note above the forwarded message")
    message_id: str | None = Field(None, max_length=200, description="default: the customer's newest")


class NoteRequest(_Body):
    text: str = Field(min_length=1, max_length=100_000)
    attachments: list[ReplyFile] = Field(default_factory=list, max_length=10)

    def files(self) -> list[OutboundFile]:
        return [a.file() for a in self.attachments]


class SnoozeRequest(_Body):
    until: AwareDatetime


class UpdateTicketRequest(_Body):
    status: TicketStatus | None = None
    priority: Priority | None = None
    assignee: str | None = Field(None, max_length=200)
    unassign: bool = False
    tags: list[str] | None = Field(None, max_length=30)

    def change(self) -> TicketChange:
        tags = tuple(self.tags) if self.tags is not None else None
        return TicketChange(self.status, self.priority, self.assignee, self.unassign, tags)


class MergeRequest(_Body):
    source_id: str = Field(
        min_length=1, max_length=40, description="the ticket that is folded into the target"
    )


class AttachmentView(BaseModel):
    key: str
    filename: str
    content_type: str
    size: int


class MessageView(BaseModel):
    id: str
    direction: str
    kind: str
    channel: str = "mail"
    created_at: datetime
    from_: str = Field(serialization_alias="from")
    to: list[str]
    cc: list[str]
    bcc: list[str] = []
    subject: str
    text: str
    html: str
    reply: str
    author: str | None
    author_name: str = ""
    attachments: list[AttachmentView]

    @classmethod
    def of(cls, m: Message) -> MessageView:
        return cls(
            id=m.id,
            direction=m.direction.value,
            kind=m.kind,
            channel=m.channel,
            created_at=m.created_at,
            from_=m.from_,
            to=list(m.to),
            cc=list(m.cc),
            bcc=list(m.bcc),
            subject=m.subject,
            text=m.text,
            html=m.html,
            reply=m.reply,
            author=m.author,
            author_name=m.author_name,
            attachments=[
                AttachmentView(key=a.key, filename=a.filename, content_type=a.content_type, size=a.size)
                for a in m.attachments
            ],
        )


class TicketView(BaseModel):
    id: str
    number: str
    subject: str
    status: TicketStatus
    priority: Priority
    mailbox: str
    tags: list[str]
    assignee: str | None
    participants: list[str]
    customer_id: str | None
    organisation_id: str | None
    linked_ticket_id: str | None
    merged_into: str | None
    created_at: datetime
    last_activity_at: datetime
    version: int
    snoozed_until: datetime | None = None

    @classmethod
    def of(cls, t: Ticket) -> TicketView:
        return cls(
            id=t.id,
            number=t.number,
            subject=t.subject,
            status=t.status,
            priority=t.priority,
            mailbox=t.mailbox,
            tags=list(t.tags),
            assignee=t.assignee,
            participants=list(t.participants),
            customer_id=t.customer_id,
            organisation_id=t.organisation_id,
            linked_ticket_id=t.linked_ticket_id,
            merged_into=t.merged_into,
            created_at=t.created_at,
            last_activity_at=t.last_activity_at,
            version=t.version,
            snoozed_until=t.snoozed_until,
        )


class TicketListView(BaseModel):
    items: list[TicketView]
    cursor: str | None

    @classmethod
    def of(cls, page: Page[Ticket]) -> TicketListView:
        return cls(items=[TicketView.of(t) for t in page.items], cursor=page.cursor)


class ConversationView(BaseModel):
    ticket: TicketView
    messages: list[MessageView]

    @classmethod
    def of(cls, c: Conversation) -> ConversationView:
        return cls(ticket=TicketView.of(c.ticket), messages=[MessageView.of(m) for m in c.messages])


class DownloadView(BaseModel):
    url: str
    expires_in: int


class QuarantinedMailView(BaseModel):
    key: str
    reason: str
    status: str
    sender: str
    subject: str
    size: int
    created_at: datetime

    @classmethod
    def of(cls, q: QuarantinedMail) -> QuarantinedMailView:
        return cls(
            key=q.key,
            reason=q.reason,
            status=q.status.value,
            sender=q.sender,
            subject=q.subject,
            size=q.size,
            created_at=q.created_at,
        )


class QuarantineListView(BaseModel):
    items: list[QuarantinedMailView]
    cursor: str | None

    @classmethod
    def of(cls, page: Page[QuarantinedMail]) -> QuarantineListView:
        return cls(items=[QuarantinedMailView.of(q) for q in page.items], cursor=page.cursor)


class IngestResultView(BaseModel):
    outcome: str
    ticket_id: str | None
    reason: str

    @classmethod
    def of(cls, result: IngestResult) -> IngestResultView:
        return cls(outcome=result.outcome.value, ticket_id=result.ticket_id, reason=result.reason)


class MailboxView(BaseModel):
    name: str
    managers: list[str]
    unavailable: list[str]

    @classmethod
    def of(cls, mailbox: Mailbox) -> MailboxView:
        return cls(
            name=mailbox.name, managers=list(mailbox.managers), unavailable=sorted(mailbox.unavailable)
        )
