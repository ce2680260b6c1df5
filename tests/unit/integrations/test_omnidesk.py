"""Omnidesk in: cases become tickets through the real mail ingest (in memory), threaded per case, deduplicated
whoever names the case, attachments kept; the pull keeps a cursor; replies reach the case once."""

from __future__ import annotations

import base64
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.channels.services.replies import ChannelReplies, ReplySender
from helpdesk.integrations.model.basic_auth import CredentialsRefused
from helpdesk.integrations.model.connectors import Connector, ConnectorSettings
from helpdesk.integrations.model.omnidesk import (
    OmnideskUser,
    customer_address,
    message_of,
    numbered,
    plain_text,
    webhook_case_id,
    when,
)
from helpdesk.integrations.services.omnidesk import OmnideskInbound, OmnideskReplies
from helpdesk.kernel.clock import FixedClock
from helpdesk.mail.parser import parse_mail
from helpdesk.tickets.model.message import Direction
from helpdesk.tickets.public import TicketQuery
from helpdesk.tickets.services.ticket_services import TicketConfig, build_ticket_services

from tests.fakes.channels.memory_channels import (
    FakeBotApi,
    MemoryBots,
    MemoryClaims,
    MemoryLinks,
    MemoryReplyQueue,
)
from tests.fakes.integrations.memory import MemoryCredentials, MemoryIntegrationStore, RecordedQueue
from tests.fakes.integrations.omnidesk import FakeOmnidesk, OneOmnidesk
from tests.fakes.tickets.memory_io import MemoryMailer, MemoryRawMail
from tests.support.channels import SetClock
from tests.support.tickets import DOMAIN, SECRET, SUPPORT, memory_stores
from tests.unit.channels.test_telegram import IngestingIntake

pytestmark = pytest.mark.unit
T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
OLGA = OmnideskUser(77, "Olga", "olga@client.example")
HOOK = "Basic " + base64.b64encode(b"hook:hook-password").decode()


class World:
    def __init__(self) -> None:
        self.stores, self.raw, self.clock = memory_stores(), MemoryRawMail(), SetClock()
        config = TicketConfig(support_domain=DOMAIN, support_address=SUPPORT, token_secret=SECRET)
        tickets = build_ticket_services(self.stores, MemoryMailer(), self.raw, parse_mail, self.clock, config)
        self.intake = IngestingIntake(self.raw, tickets.mail_ingest)
        self.store, creds, self.queue = MemoryIntegrationStore(), MemoryCredentials(), RecordedQueue()
        creds.write("s/od", {"email": "a@agency.example", "api_key": "k", "webhook_user": "hook",
                             "webhook_password": "hook-password"})  # fmt: skip
        self.store.save_settings(ConnectorSettings(Connector.OMNIDESK, True, "https://acme.omnidesk.ru",
                                                   (("staff_id", "41"),), "s/od", True))  # fmt: skip
        self.omnidesk = FakeOmnidesk()
        clients, clock = OneOmnidesk(self.omnidesk), FixedClock(T0)
        self.inbound = OmnideskInbound(self.store, creds, clients, self.intake, self.queue, clock)
        self.case_replies = OmnideskReplies(self.store, creds, clients, clock)
        self.replies = ChannelReplies(self.stores, MemoryLinks(), MemoryReplyQueue(), self.clock, DOMAIN)
        self.sender = ReplySender(self.stores, MemoryBots({}), FakeBotApi(), MemoryClaims(), None,
                                  self.case_replies)  # fmt: skip

    def tickets_of(self, address: str) -> list:
        customer = self.stores.customers.by_email(address)
        return self.stores.tickets.list(TicketQuery(customer_id=customer.id), 100).items if customer else []

    def inbound_messages(self, ticket_id: str) -> list:
        return [m for m in self.stores.messages.for_ticket(ticket_id) if m.direction is Direction.INBOUND]


@pytest.fixture
def world() -> World:
    return World()


def test_the_documented_answers_and_times_read_as_the_model() -> None:
    answer = {"1": {"message": {"message_id": 2, "user_id": 0, "staff_id": 9, "content_html": "<p>B</p>"}},
              "0": {"message": {"message_id": 1, "user_id": 5, "staff_id": 0, "content": "A", "note": False,
                                "created_at": "Mon, 05 May 2014 00:15:17 +0300"}},
              "total_count": 7}  # fmt: skip
    items, total = numbered(answer, "message")
    first, second = (message_of(m) for m in items)
    assert (total, first.message_id, first.text, first.from_customer) == (7, 1, "A", True)
    assert first.created_at == datetime(2014, 5, 4, 21, 15, 17, tzinfo=UTC)
    assert (second.text, second.from_customer) == ("B", False)
    assert plain_text("Hi<br>there &amp; <b>you</b>") == "Hi\nthere & you" and when("-") is None
    assert customer_address(OLGA, 77) == "olga@client.example"
    assert customer_address(OmnideskUser(8, "Bot", ""), 8) == "od.8@omnidesk.invalid"
    assert webhook_case_id({"type": "message_new", "object": {"case_id": 2000}}) == 2000
    assert webhook_case_id({"case_id": "31"}) == 31 and webhook_case_id({"object": {}}) is None


def test_a_case_is_one_ticket_with_its_files_and_messages_are_taken_once(world) -> None:
    od = world.omnidesk
    od.open(2000, "Invoice question", OLGA, T0)
    od.write(2000, "Where is my invoice?", T0, files=(("scan.pdf", b"%PDF-1.4 scan"),))
    od.write(2000, "Looking", T0 + timedelta(minutes=1), staff=41)  # a staff answer stays in Omnidesk
    od.write(2000, "internal", T0 + timedelta(minutes=2), staff=41, note=True)
    assert world.inbound.handle("omnidesk_case", "2000") == "done"
    od.write(2000, "Also the receipt, please.", T0 + timedelta(minutes=3))
    assert world.inbound.handle("omnidesk_case", "2000") == "done"  # the pull naming it again
    assert world.inbound.handle("omnidesk_case", "2000") == "skipped"  # a webhook replay: nothing new
    [ticket] = world.tickets_of("olga@client.example")
    first, second = world.inbound_messages(ticket.id)
    assert (first.channel, first.text.strip(), second.text.strip()) == (
        "omnidesk",
        "Where is my invoice?",
        "Also the receipt, please.",
    )
    assert [a.filename for a in first.attachments] == ["scan.pdf"]
    assert world.stores.attachments.get(first.attachments[0].key) == b"%PDF-1.4 scan"
    assert len(world.intake.raw.objects) == 2  # the ingest was handed each message once
    assert world.store.health(Connector.OMNIDESK).last_success_at == T0


def test_a_failed_intake_is_retried_whole_and_a_429_goes_back_on_the_queue(world) -> None:
    od = world.omnidesk
    od.open(7, "Hello", OLGA, T0)
    od.write(7, "Hi", T0)
    od.failing = 1
    with pytest.raises(RuntimeError):
        world.inbound.handle("omnidesk_case", "7")
    assert world.store.health(Connector.OMNIDESK).last_error.startswith("RuntimeError")
    od.limited = 1
    assert world.inbound.handle("omnidesk_case", "7", attempt=2) == "delayed"
    assert world.queue.sent[-1] == (Connector.OMNIDESK, "omnidesk_case", "7", 30, 3)
    assert world.inbound.handle("omnidesk_case", "7") == "done"
    assert len(world.inbound_messages(world.tickets_of("olga@client.example")[0].id)) == 1


def test_the_webhook_needs_the_configured_basic_auth_and_only_names_a_case(world) -> None:
    body = {"type": "message_new", "object": {"case_id": 2000, "message_id": 1}}
    wrong = "Basic " + base64.b64encode(b"hook:guess").decode()
    for authorization in (wrong, None, "Bearer x"):
        with pytest.raises(CredentialsRefused):
            world.inbound.receive_webhook(authorization, body)
    assert world.queue.sent == []
    assert world.inbound.receive_webhook(HOOK, body) is True
    assert world.inbound.receive_webhook(HOOK, {"type": "other"}) is False
    assert world.queue.sent == [(Connector.OMNIDESK, "omnidesk_case", "2000", 0, 0)]


def test_the_pull_queues_changed_cases_and_keeps_its_cursor(world) -> None:
    od = world.omnidesk
    for n in range(3):
        od.open(10 + n, f"Case {n}", OLGA, T0 + timedelta(minutes=n))
    assert world.inbound.pull() == 3  # two pages of two
    assert [ref for _, _, ref, _, _ in world.queue.sent] == ["10", "11", "12"]
    assert world.store.cursor(Connector.OMNIDESK, "cases") == "Mon, 07 Dec 2026 09:02:00 +0000"
    od.asked_since.clear()
    world.inbound.pull()  # a restart goes on from the stored cursor, not from the beginning
    assert od.asked_since[0] == T0 + timedelta(minutes=2)


def test_the_agents_reply_goes_to_the_case_once_whatever_the_redeliveries(world) -> None:
    od = world.omnidesk
    od.open(2000, "Invoice question", OLGA, T0)
    od.write(2000, "Where is my invoice?", T0)
    world.inbound.handle("omnidesk_case", "2000")
    [ticket] = world.tickets_of("olga@client.example")
    assert world.replies.channels_for(ticket) == ["mail", "omnidesk"]
    world.replies.reply(ticket.id, "anna@helpdesk.test", "Anna", "Sent it.", "omnidesk", [])
    [job] = world.replies._queue.jobs
    assert (job.channel, job.chat_id) == ("omnidesk", 2000)
    od.failing = 1
    with pytest.raises(RuntimeError):
        world.sender.send(job)  # not posted: the queue's retry may post it
    assert world.store.health(Connector.OMNIDESK).last_error == "RuntimeError: omnidesk is down"
    assert world.sender.send(job) is True and world.sender.send(job) is False
    assert od.posted == [(2000, "Sent it.", 41)]


def test_a_case_gone_or_junk_is_skipped_not_retried(world) -> None:
    od = world.omnidesk
    assert world.inbound.handle("omnidesk_case", "404") == "skipped"  # a stale or forged case id
    od.open(9, "Win a prize", OLGA, T0)
    od.write(9, "spam spam", T0)
    od.cases[9] = replace(od.cases[9], junk=True)
    assert world.inbound.handle("omnidesk_case", "9") == "skipped"
    assert world.tickets_of("olga@client.example") == [] and world.raw.objects == {}
    assert world.store.health(Connector.OMNIDESK).last_error == ""
