"""WhatsApp in: the Cloud API webhook's messages become messages of the same ingest as mail. The chat's last
message key carries its time, which the 24-hour service window of replies reads."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from helpdesk.channels.model.inbound import InboundFile, InboundMessage
from helpdesk.channels.model.whatsapp import (
    WhatsAppMessage,
    WhatsAppNumber,
    number_address,
    read_webhook,
    signature_ok,
)
from helpdesk.channels.ports import ChannelIntake, ChannelLinks, WhatsAppApi, WhatsAppNumbers
from helpdesk.kernel.errors import Malformed, Unauthorized


def message_key(number: WhatsAppNumber, message: WhatsAppMessage) -> str:
    digest = hashlib.sha256(message.message_id.encode()).hexdigest()[:12]
    return f"{number.phone_number_id}-{message.from_number}-{int(message.sent_at.timestamp())}-{digest}"


def sent_at_of(key: str) -> datetime | None:
    parts = key.split("-")
    return datetime.fromtimestamp(int(parts[2]), UTC) if len(parts) == 4 and parts[2].isdigit() else None


class WhatsAppInbound:
    def __init__(
        self, numbers: WhatsAppNumbers, api: WhatsAppApi, intake: ChannelIntake, links: ChannelLinks
    ) -> None:
        self._numbers, self._api, self._intake, self._links = numbers, api, intake, links

    def verify_subscription(self, phone_number_id: str, mode: str, token: str, challenge: str) -> str:
        """Meta's GET when the webhook is subscribed: echo the challenge for the right verify token."""
        number = self._numbers.get(phone_number_id)
        if number is None or mode != "subscribe" or not token or token != number.verify_token:
            raise Unauthorized("webhook verification")
        return challenge

    def receive(self, phone_number_id: str, body: bytes, signature: str) -> int:
        """How many messages were taken. The signature is checked on the raw body before anything is read."""
        number = self._numbers.get(phone_number_id)
        if number is None or not signature_ok(number.app_secret, body, signature):
            raise Unauthorized("webhook signature")
        try:
            messages = read_webhook(json.loads(body))
        except (ValueError, KeyError, TypeError) as error:
            raise Malformed("not a WhatsApp webhook") from error
        for message in messages:
            chat = int(message.from_number)
            key = message_key(number, message)
            files = tuple(InboundFile(f.filename, f.content_type, self._api.download(number, f.media_id))
                          for f in message.files)  # fmt: skip
            link = self._links.by_chat("whatsapp", number.phone_number_id, chat)  # merged into a customer
            address = link.email if link else number_address(number.phone_number_id, message.from_number)
            self._intake.take(
                InboundMessage(
                    channel="whatsapp",
                    message_key=key,
                    sender_address=address,
                    sender_name=message.name,
                    subject=(message.text.splitlines() or [""])[0][:80] or "WhatsApp message",
                    text=message.text,
                    sent_at=message.sent_at,
                    to_mailbox=number.mailbox,
                    reply_to=self._links.last_message("whatsapp", number.phone_number_id, chat),
                    files=files,
                )
            )
            self._links.remember_message("whatsapp", number.phone_number_id, chat, key)
        return len(messages)
