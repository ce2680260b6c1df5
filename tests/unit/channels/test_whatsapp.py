"""WhatsApp through the same port: the signed webhook into the mail ingest, replies inside the 24-hour
service window as written, a template outside it."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import timedelta

import pytest
from helpdesk.channels.model.whatsapp import WhatsAppNumber, number_address
from helpdesk.channels.services.replies import ChannelReplies, ReplySender, WhatsAppSending
from helpdesk.channels.services.whatsapp import WhatsAppInbound
from helpdesk.kernel.errors import Unauthorized
from helpdesk.mail.parser import parse_mail
from helpdesk.tickets.public import OutboundFile, TicketQuery
from helpdesk.tickets.services.ticket_services import TicketConfig, build_ticket_services

from tests.fakes.channels.memory_channels import (
    FakeBotApi,
    FakeWhatsApp,
    MemoryBots,
    MemoryClaims,
    MemoryLinks,
    MemoryNumbers,
    MemoryReplyQueue,
)
from tests.fakes.tickets.memory_io import MemoryMailer, MemoryRawMail
from tests.support.channels import SetClock
from tests.support.tickets import DOMAIN, SECRET, SUPPORT, memory_stores
from tests.unit.channels.test_telegram import IngestingIntake

pytestmark = pytest.mark.unit
NUMBER = WhatsAppNumber("1015550001", "EAAG-token", "app-secret", "verify-me", "support", "support_follow_up")


def webhook(wa_id: str, text: str, at: int, wamid: str, image: str = "") -> bytes:
    message = {"from": wa_id, "id": wamid, "timestamp": str(at), "type": "image" if image else "text"}
    message.update(
        {"image": {"id": image, "mime_type": "image/jpeg", "caption": text}}
        if image
        else {"text": {"body": text}}
    )
    metadata = {"display_phone_number": "15550001", "phone_number_id": NUMBER.phone_number_id}
    contacts = [{"profile": {"name": "Rosa"}, "wa_id": wa_id}]
    value = {"messaging_product": "whatsapp", "metadata": metadata, "contacts": contacts}
    value["messages"] = [message]
    payload = {
        "object": "whatsapp_business_account",
        "entry": [{"id": "WABA", "changes": [{"field": "messages", "value": value}]}],
    }
    return json.dumps(payload).encode()


def signed(body: bytes, secret: str = "app-secret") -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@pytest.fixture
def desk():
    stores, raw, clock = memory_stores(), MemoryRawMail(), SetClock()
    config = TicketConfig(support_domain=DOMAIN, support_address=SUPPORT, token_secret=SECRET)
    tickets = build_ticket_services(stores, MemoryMailer(), raw, parse_mail, clock, config)
    api, links, numbers, queue = (
        FakeWhatsApp(),
        MemoryLinks(),
        MemoryNumbers({NUMBER.phone_number_id: NUMBER}),
        MemoryReplyQueue(),
    )
    inbound = WhatsAppInbound(numbers, api, IngestingIntake(raw, tickets.mail_ingest), links)
    replies = ChannelReplies(stores, links, queue, clock, DOMAIN)
    sender = ReplySender(
        stores, MemoryBots(), FakeBotApi(), MemoryClaims(), WhatsAppSending(numbers, api, links, clock)
    )
    return stores, inbound, replies, sender, queue, api, clock


def test_a_signed_webhook_opens_one_ticket_per_conversation_and_a_bad_signature_is_refused(desk):
    stores, inbound, _, _, _, api, clock = desk
    api.media["M1"] = b"\xff\xd8img"
    start = int(clock.at.timestamp())
    first = webhook("4915112345", "My order is late", start, "wamid.A")
    assert inbound.receive(NUMBER.phone_number_id, first, signed(first)) == 1
    clock.wait(5)
    photo = webhook("4915112345", "the tracking page", start + 5, "wamid.B", image="M1")
    assert inbound.receive(NUMBER.phone_number_id, photo, signed(photo)) == 1
    customer = stores.customers.by_email(number_address(NUMBER.phone_number_id, "4915112345"))
    [ticket] = stores.tickets.list(TicketQuery(customer_id=customer.id), 10).items
    messages = stores.messages.for_ticket(ticket.id)
    assert [m.channel for m in messages] == ["whatsapp", "whatsapp"] and messages[1].attachments[
        0
    ].content_type == "image/jpeg"
    for number, signature in (
        (NUMBER.phone_number_id, signed(first, "wrong")),
        ("999", signed(first)),
        (NUMBER.phone_number_id, ""),
    ):
        with pytest.raises(Unauthorized):
            inbound.receive(number, first, signature)
    assert inbound.verify_subscription(NUMBER.phone_number_id, "subscribe", "verify-me", "12345") == "12345"
    with pytest.raises(Unauthorized):
        inbound.verify_subscription(NUMBER.phone_number_id, "subscribe", "guess", "12345")


def test_a_reply_inside_the_24_hour_window_goes_as_written_outside_it_a_template_opens_the_conversation(desk):
    stores, inbound, replies, sender, queue, api, clock = desk
    body = webhook("4915112345", "Is it shipped?", int(clock.at.timestamp()), "wamid.C")
    inbound.receive(NUMBER.phone_number_id, body, signed(body))
    [ticket] = stores.tickets.list(TicketQuery(), 10).items
    assert replies.channels_for(ticket) == ["whatsapp"]
    label = OutboundFile("label.pdf", "application/pdf", b"%PDF label")
    replies.reply(ticket.id, "anna@helpdesk.test", "Anna", "Yes, today.", "whatsapp", [label])
    clock.wait(3600)
    assert sender.send(queue.jobs[-1]) is True
    assert api.sent == [("4915112345", "text", "Yes, today."), ("4915112345", "document", "label.pdf")]
    replies.reply(ticket.id, "anna@helpdesk.test", "Anna", "Did it arrive?", "whatsapp", [])
    clock.at += timedelta(hours=25)
    assert sender.send(queue.jobs[-1]) is True and sender.send(queue.jobs[-1]) is False
    assert api.sent[-1] == ("4915112345", "template", "support_follow_up") and len(api.sent) == 3
