"""The channels' published shapes: the form a site embeds, a submission's answer, held items."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl

from pydantic import BaseModel, ConfigDict, Field

from helpdesk.channels.model.chat import Chat, ChatLine
from helpdesk.channels.model.forms import FormSpec
from helpdesk.channels.model.replies import ReplyJob
from helpdesk.channels.model.submission import HeldSubmission
from helpdesk.kernel.errors import Malformed
from helpdesk.mail.public import sanitize_html
from helpdesk.tickets.public import OutboundFile
from helpdesk.tickets.views.tickets import ReplyFile


class FormFieldView(BaseModel):
    name: str
    label: str
    kind: str
    required: bool
    max_length: int


class FormView(BaseModel):
    id: str
    title: str
    fields: list[FormFieldView]
    honeypot: str
    form_token: str  # send it back as the `form_token` field

    @classmethod
    def of(cls, spec: FormSpec, token: str) -> FormView:
        fields = [FormFieldView(name=f.name, label=f.label, kind=f.kind.value, required=f.required,
                                max_length=f.max_length) for f in spec.fields]  # fmt: skip
        return cls(id=spec.id, title=spec.title, fields=fields, honeypot=spec.honeypot, form_token=token)


class SubmissionAccepted(BaseModel):
    reference: str


class HeldAnswerView(BaseModel):
    name: str
    text: str  # as sent (cut): the console shows it as text only
    html: str  # the value as the one sanitising policy leaves it: rendered, never run


class HeldSubmissionView(BaseModel):
    reference: str
    form_id: str
    received_at: datetime
    reasons: list[str]
    origin: str
    answers: list[HeldAnswerView]

    @classmethod
    def of(cls, held: HeldSubmission) -> HeldSubmissionView:
        s = held.submission
        shown = [(k[:60], v[:2000]) for k, v in s.answers.items() if k != "form_token"]
        answers = [HeldAnswerView(name=k, text=v, html=sanitize_html(v)) for k, v in shown]
        return cls(reference=s.reference, form_id=s.form_id, received_at=s.received_at,
                   reasons=list(held.reasons), origin=s.origin, answers=answers)  # fmt: skip


class HeldPageView(BaseModel):
    items: list[HeldSubmissionView]
    cursor: str | None = None


def form_answers(content_type: str, raw: bytes) -> dict[str, str]:
    """A submission's fields from JSON or form encoding; anything else in JSON (lists, objects) is dropped."""
    if content_type.split(";", 1)[0].strip().lower() == "application/json":
        try:
            data = json.loads(raw or b"{}")
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise Malformed("the body is not JSON") from error
        if not isinstance(data, dict):
            raise Malformed("the body is not a JSON object")
        return {str(k): str(v) for k, v in data.items() if isinstance(v, str | int | float)}
    return dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))


class ReplyJobMessage(BaseModel):
    """The channel reply queue's message body."""

    ticket_id: str
    message_sort_key: str
    channel: str
    account: str
    chat_id: int

    @classmethod
    def of(cls, job: ReplyJob) -> ReplyJobMessage:
        return cls(ticket_id=job.ticket_id, message_sort_key=job.message_sort_key, channel=job.channel,
                   account=job.account, chat_id=job.chat_id)  # fmt: skip

    def job(self) -> ReplyJob:
        return ReplyJob(self.ticket_id, self.message_sort_key, self.channel, self.account, self.chat_id)


class ChannelReplyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    channel: str = Field(min_length=1, max_length=20)
    text: str = Field(min_length=1, max_length=4096)  # one Telegram message
    attachments: list[ReplyFile] = Field(default_factory=list, max_length=10)

    def files(self) -> list[OutboundFile]:
        return [a.file() for a in self.attachments]


class ReplyChannelsView(BaseModel):
    channels: list[str]


class TelegramLinkView(BaseModel):
    url: str  # https://t.me/<bot>?start=<token>: opens the bot, which ties the chat to this account
    expires_at: datetime


def telegram_update(raw: bytes) -> dict[str, Any]:
    """A webhook body: one Telegram Update object (read further by the Telegram model)."""
    try:
        data = json.loads(raw or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise Malformed("the body is not JSON") from error
    if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
        raise Malformed("not a Telegram Update")
    return data


class IdentityMergeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    customer_email: str = Field(min_length=3, max_length=254)  # the known customer the chat turns out to be


class IdentityMergedView(BaseModel):
    channel: str
    customer_id: str
    email: str
    moved: int  # tickets moved to the customer by this merge


class TelegramConnectionView(BaseModel):
    offered: bool  # false: no bot is set up for the cabinet, the page shows no button
    bot_id: str = ""
    username: str = ""
    linked: bool = False


class TelegramLinkRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    bot_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")


class ChatStartView(BaseModel):
    chat_id: str
    token: str  # send it with every call of this chat
    mode: str  # "live": an agent answers here; "mail": nobody is online, the answer comes by mail


class ChatLineView(BaseModel):
    seq: int
    side: str
    author: str
    text: str
    at: datetime

    @classmethod
    def of(cls, line: ChatLine) -> ChatLineView:
        return cls(seq=line.seq, side=line.side.value, author=line.author, text=line.text, at=line.at)


class ChatLinesView(BaseModel):
    mode: str = "live"
    lines: list[ChatLineView]


class LiveChatView(BaseModel):
    id: str
    name: str
    email: str
    started_at: datetime
    lines: list[ChatLineView]

    @classmethod
    def of(cls, chat: Chat, lines: list[ChatLine]) -> LiveChatView:
        return cls(id=chat.id, name=chat.name, email=chat.email, started_at=chat.started_at,
                   lines=[ChatLineView.of(x) for x in lines])  # fmt: skip


class LiveChatsView(BaseModel):
    chats: list[LiveChatView]
    online: list[str] = []


class ChatSayRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=2000)
