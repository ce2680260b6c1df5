"""The channel reply queue's message: imported by its consumer at cold start, so it imports nothing heavy."""

from __future__ import annotations

from pydantic import BaseModel

from helpdesk.channels.model.replies import ReplyJob


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
