"""Channel reply worker: sends each agent reply stored for another channel (Telegram), once."""

from helpdesk.batch_records import Json, SqsRecord
from helpdesk.bootstrap import container
from helpdesk.channels.views.reply_jobs import ReplyJobMessage
from helpdesk.observability import log_counts
from helpdesk.workers import sqs_worker


class ChannelReplyRecord(SqsRecord):
    body: Json[ReplyJobMessage]


def record_handler(record: ChannelReplyRecord) -> None:
    sent = container().reply_sender.send(record.body.job())
    log_counts("channel reply", outcome="sent" if sent else "repeated")


handler = sqs_worker(ChannelReplyRecord, record_handler)
