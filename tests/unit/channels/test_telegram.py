"""Telegram through the channel port: updates into the same ingest as mail (real parser, fake stores),
`/start` deep links, replies out through the queue exactly once."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from helpdesk.channels.model.inbound import InboundMessage, as_mail, message_id
from helpdesk.channels.model.telegram import TelegramBot, chat_address
from helpdesk.channels.services.links import ChannelLinking, TelegramConnection
from helpdesk.channels.services.replies import ChannelReplies, ReplySender
from helpdesk.channels.services.telegram import TelegramInbound
from helpdesk.kernel.errors import Invalid, Unauthorized
from helpdesk.mail.parser import parse_mail
from helpdesk.tickets.model.message import Direction
from helpdesk.tickets.public import OutboundFile, TicketQuery
from helpdesk.tickets.services.ingest import MailSource
from helpdesk.tickets.services.ticket_services import TicketConfig, build_ticket_services

from tests.fakes.channels.memory_channels import (
    FakeBotApi,
    MemoryBots,
    MemoryClaims,
    MemoryLinks,
    MemoryReplyQueue,
)
from tests.fakes.tickets.memory_io import MemoryMailer, MemoryRawMail
from tests.support.channels import SetClock
from tests.support.tickets import DOMAIN, SECRET, SUPPORT, memory_stores

pytestmark = pytest.mark.unit
BOT = TelegramBot("demo", "7000:token", "hook-secret", "support", "HelpdeskDemoBot")


@dataclass
class IngestingIntake:
    """The S3 intake's behaviour in memory: store the mail under the channel's key, ingest it."""

    raw: MemoryRawMail
    ingest: object

    def take(self, message: InboundMessage) -> None:
        key = f"inbound/channels/{message.channel}/{message_id(message.channel, message.message_key, DOMAIN)}"
        self.raw.objects[("raw-mail", key)] = data = as_mail(message, DOMAIN)
        self.ingest.ingest_mail(MailSource("raw-mail", key, str(hash(data))), data)


class Desk:
    def __init__(self) -> None:
        self.stores, self.raw, self.clock = memory_stores(), MemoryRawMail(), SetClock()
        self.mailer = MemoryMailer()
        config = TicketConfig(support_domain=DOMAIN, support_address=SUPPORT, token_secret=SECRET)
        self.tickets = build_ticket_services(
            self.stores, self.mailer, self.raw, parse_mail, self.clock, config
        )
        self.api, self.links, self.queue = FakeBotApi(), MemoryLinks(), MemoryReplyQueue()
        bots = MemoryBots({"demo": BOT})
        intake = IngestingIntake(self.raw, self.tickets.mail_ingest)
        self.inbound = TelegramInbound(bots, self.api, intake, self.links, self.clock)
        self.linking = ChannelLinking(bots, self.links, self.clock, cabinet_bot="demo")
        self.replies = ChannelReplies(self.stores, self.links, self.queue, self.clock, DOMAIN)
        self.sender = ReplySender(self.stores, bots, self.api, MemoryClaims())
        self.updates = 0

    def write(self, chat: int, text: str = "", **extra: object) -> str:
        self.updates += 1
        self.clock.wait(1)
        message = {"message_id": self.updates, "date": 1780000000 + self.updates,
                   "from": {"id": chat, "is_bot": False, "first_name": "Ivan", "last_name": "Petrov"},
                   "chat": {"id": chat, "type": "private"}, **extra}  # fmt: skip
        if text:
            message["caption" if extra else "text"] = text
        return self.inbound.receive("demo", "hook-secret", {"update_id": self.updates, "message": message})

    def tickets_of(self, address: str) -> list:
        customer = self.stores.customers.by_email(address)
        return self.stores.tickets.list(TicketQuery(customer_id=customer.id), 100).items


@pytest.fixture
def desk() -> Desk:
    return Desk()


def test_a_chat_becomes_one_ticket_with_its_photo_and_a_wrong_secret_or_bot_is_refused_alike(desk):
    desk.api.files["P1"] = b"\xff\xd8jpeg-bytes"
    assert desk.write(42, "My printer shows E13") == "message"
    photo = [{"file_id": "P0", "file_unique_id": "u0", "width": 90, "height": 60},
             {"file_id": "P1", "file_unique_id": "u1", "width": 1280, "height": 960}]  # fmt: skip
    assert desk.write(42, "this is the screen", photo=photo) == "message"
    [ticket] = desk.tickets_of(chat_address("demo", 42))
    messages = desk.stores.messages.for_ticket(ticket.id)
    assert [m.channel for m in messages] == [
        "telegram",
        "telegram",
    ] and ticket.subject == "My printer shows E13"
    [jpeg] = messages[1].attachments
    assert (
        desk.stores.attachments.get(jpeg.key) == b"\xff\xd8jpeg-bytes" and jpeg.content_type == "image/jpeg"
    )
    assert desk.mailer.sent == []  # nothing is mailed to a chat's made-up address
    for bot, secret in (("demo", "wrong"), ("nobot", "hook-secret"), ("demo", "")):
        with pytest.raises(Unauthorized) as refused:
            desk.inbound.receive(bot, secret, {"update_id": 99, "message": {}})
        assert str(refused.value) == "webhook secret"


def test_a_start_link_ties_the_chat_to_the_account_so_mail_and_chat_are_one_customer(desk):
    url, _ = desk.linking.telegram_link("demo", "Olga@Acme.test")
    token = url.split("start=")[1]
    assert url.startswith("https://t.me/HelpdeskDemoBot?start=")
    assert desk.write(77, f"/start {token}") == "linked"
    assert desk.write(78, f"/start {token}") == "link_refused"  # one chat per link
    desk.write(77, "Where is my order?")
    [chat_ticket] = desk.tickets_of("olga@acme.test")
    raw = (
        b"From: olga@acme.test\r\nTo: support@support.example.com\r\nSubject: Invoice\r\n"
        b"Message-ID: <o1@acme.test>\r\n\r\nHi\r\n"
    )
    desk.raw.objects[("raw-mail", "inbound/o1")] = raw
    desk.tickets.mail_ingest.ingest_mail(MailSource("raw-mail", "inbound/o1", "e"), raw)
    tickets = desk.tickets_of("olga@acme.test")
    assert len(tickets) == 2 and {t.customer_id for t in tickets} == {chat_ticket.customer_id}
    assert desk.api.sent[0] == (77, "Done: this chat is tied to your account olga@acme.test.")


def test_the_cabinet_offers_its_bot_and_shows_the_account_connected_once_the_deep_link_is_used(desk):
    assert desk.linking.telegram_connection("olga@acme.test") == TelegramConnection(
        "demo", "HelpdeskDemoBot", linked=False
    )
    url, _ = desk.linking.telegram_link("demo", "olga@acme.test")
    assert desk.linking.telegram_connection("olga@acme.test").linked is False  # asked, not yet opened
    desk.write(77, f"/start {url.split('start=')[1]}")
    assert desk.linking.telegram_connection("Olga@Acme.test").linked is True
    assert desk.linking.telegram_connection("boris@acme.test").linked is False  # someone else's link
    no_bot = ChannelLinking(MemoryBots({"demo": BOT}), desk.links, desk.clock)
    assert no_bot.telegram_connection("olga@acme.test") is None


def test_the_agent_replies_on_telegram_with_a_document_sent_once_whatever_the_redeliveries(desk):
    desk.write(42, "Can you send the manual?")
    [ticket] = desk.tickets_of(chat_address("demo", 42))
    assert desk.replies.channels_for(ticket) == ["telegram"]
    manual = OutboundFile("manual.pdf", "application/pdf", b"%PDF-1.4 manual")
    reply = desk.replies.reply(ticket.id, "anna@helpdesk.test", "Anna", "Here it is.", "telegram", [manual])
    stored = desk.stores.messages.get(ticket.id, reply.sort_key)
    assert stored.direction is Direction.OUTBOUND and stored.channel == "telegram"
    [job] = desk.queue.jobs
    desk.api.fail_documents = 1
    with pytest.raises(RuntimeError):
        desk.sender.send(job)  # the text went out, the document did not: the queue retries
    assert desk.sender.send(job) is True and desk.sender.send(job) is False
    assert desk.api.sent == [(42, "Here it is."), (42, "document:manual.pdf:15")]
    with pytest.raises(Invalid):
        desk.replies.reply(ticket.id, "anna@helpdesk.test", "Anna", "x", "whatsapp", [])
