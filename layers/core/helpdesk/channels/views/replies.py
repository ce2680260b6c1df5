"""An agent's reply through another channel (Telegram)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from helpdesk.tickets.public import OutboundFile
from helpdesk.tickets.views.tickets import ReplyFile


class ChannelReplyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    channel: str = Field(min_length=1, max_length=20)
    text: str = Field(min_length=1, max_length=4096)  # one Telegram message
    attachments: list[ReplyFile] = Field(default_factory=list, max_length=10)

    def files(self) -> list[OutboundFile]:
        return [a.file() for a in self.attachments]


class ReplyChannelsView(BaseModel):
    channels: list[str]
