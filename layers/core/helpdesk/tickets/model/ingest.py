"""The identity of an inbound mail, the checkpoints of its ingest, and what the ingest made of it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from helpdesk.tickets.model.customer import stable_id


class Checkpoint(StrEnum):
    AFTER_READ = "after_read"
    AFTER_TICKET = "after_ticket"
    AFTER_ATTACHMENTS = "after_attachments"
    AFTER_INDEX = "after_index"
    AFTER_ACK = "after_ack"
    BEFORE_DELETE = "before_delete"


# Other channels put the mail they compose under this prefix of the raw-mail bucket (only our code writes
# there; SES writes `inbound/<id>`), so the object's key says which channel a message came through.
CHANNEL_PREFIX = "inbound/channels/"
# Channels whose sender address nobody proved: no acknowledgement (backscatter); the ticket is marked
# until the sender confirms.
UNPROVEN_CHANNELS = frozenset({"form", "chat"})
UNVERIFIED_TAG = "unverified"

FaultHook = Callable[[Checkpoint, "MailSource"], None]


def no_fault(checkpoint: Checkpoint, source: MailSource) -> None:
    return None


@dataclass(frozen=True)
class MailSource:
    bucket: str
    key: str
    etag: str | None = None
    ses_message_id: str | None = None

    @property
    def identity(self) -> str:
        """The mail's own identity; an SQS redelivery or a second notification names the same mail."""
        if self.ses_message_id:
            return f"ses:{self.ses_message_id}"
        return f"s3:{self.bucket}/{self.key}#{(self.etag or '').strip(chr(34))}"

    @property
    def channel(self) -> str:
        if not self.key.startswith(CHANNEL_PREFIX):
            return "mail"
        return self.key[len(CHANNEL_PREFIX) :].split("/", 1)[0] or "mail"

    @property
    def record_key(self) -> str:
        return stable_id("mail", self.identity)


class IngestOutcome(StrEnum):
    TICKETED = "ticketed"
    DUPLICATE = "duplicate"
    QUARANTINED = "quarantined"
    MISSING = "missing"  # the object is gone (deleted or expired): nothing left to ingest


@dataclass(frozen=True)
class IngestResult:
    outcome: IngestOutcome
    ticket_id: str | None = None
    reason: str = ""


@dataclass(frozen=True)
class IngestConfig:
    support_domain: str
    support_address: str
    token_secret: bytes
    max_mail_bytes: int = 30 * 1024 * 1024
