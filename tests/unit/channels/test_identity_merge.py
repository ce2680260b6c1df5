"""Staff merge a chat identity into the known customer it turns out to be: earlier tickets move to the
customer, what the chat writes later lands on them, replies still go out on the chat (Telegram, WhatsApp)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpdesk.channels.model.telegram import chat_address
from helpdesk.channels.model.whatsapp import number_address
from helpdesk.channels.services.identities import ChannelIdentities, ChannelIdentityNotFound
from helpdesk.channels.services.whatsapp import WhatsAppInbound
from helpdesk.kernel.errors import Invalid, NotFound
from helpdesk.tickets.model.ticket import TicketStatus
from helpdesk.tickets.public import TicketQuery
from helpdesk.tickets.services.ingest import MailSource

from tests.fakes.channels.memory_channels import FakeWhatsApp, MemoryNumbers
from tests.unit.channels.test_telegram import Desk, IngestingIntake
from tests.unit.channels.test_whatsapp import NUMBER, signed, webhook

pytestmark = pytest.mark.unit


@pytest.fixture
def desk() -> Desk:
    desk = Desk()
    raw = b"From: Olga <olga@acme.test>\r\nTo: support@support.example.com\r\nSubject: Invoice\r\n"
    raw += b"Message-ID: <o1@acme.test>\r\n\r\nHi\r\n"
    desk.raw.objects[("raw-mail", "inbound/o1")] = raw
    desk.tickets.mail_ingest.ingest_mail(MailSource("raw-mail", "inbound/o1", "e"), raw)
    desk.identities = ChannelIdentities(desk.stores, desk.links)
    return desk


def tickets_of(desk: Desk, customer_id: str) -> list:
    return desk.stores.tickets.list(TicketQuery(customer_id=customer_id), 100).items


def test_a_telegram_chat_merged_into_a_customer_brings_its_tickets_and_later_messages_and_keeps_replies(desk):
    desk.write(42, "My printer shows E13")
    chat = desk.stores.customers.by_email(chat_address("demo", 42))
    olga = desk.stores.customers.by_email("olga@acme.test")
    [chat_ticket] = tickets_of(desk, chat.id)

    merged = desk.identities.merge(chat.id, " Olga@Acme.test ")
    assert (merged.channel, merged.customer.id, merged.moved) == ("telegram", olga.id, 1)
    assert chat_ticket.id in {t.id for t in tickets_of(desk, olga.id)} and tickets_of(desk, chat.id) == []
    assert desk.identities.merge(chat.id, "olga@acme.test").moved == 0  # a repeat changes nothing

    desk.write(42, "and now it shows E14")  # later: comes as Olga, threads into the chat's ticket
    assert {m.channel for m in desk.stores.messages.for_ticket(chat_ticket.id)} == {"telegram"}
    assert len(desk.stores.messages.for_ticket(chat_ticket.id)) == 2
    assert len(tickets_of(desk, olga.id)) == 2 and tickets_of(desk, chat.id) == []
    assert "telegram" in desk.replies.channels_for(desk.stores.tickets.find(chat_ticket.id))


def test_unknown_ids_and_mail_customers_answer_alike_and_the_target_must_be_a_known_mail_customer(desk):
    desk.write(42, "Hello")
    chat = desk.stores.customers.by_email(chat_address("demo", 42))
    olga = desk.stores.customers.by_email("olga@acme.test")
    for identity in ("no-such-customer", olga.id):
        with pytest.raises(ChannelIdentityNotFound):
            desk.identities.merge(identity, "olga@acme.test")
    with pytest.raises(NotFound):
        desk.identities.merge(chat.id, "nobody@acme.test")
    desk.write(43, "Another chat")
    with pytest.raises(Invalid):
        desk.identities.merge(chat.id, chat_address("demo", 43))
    assert len(tickets_of(desk, chat.id)) == 1  # nothing moved by a refused merge


def test_a_whatsapp_number_merged_into_a_customer_writes_as_them_and_is_still_answered_on_whatsapp(desk):
    api = FakeWhatsApp()
    intake = IngestingIntake(desk.raw, desk.tickets.mail_ingest)
    numbers = MemoryNumbers({NUMBER.phone_number_id: NUMBER})
    inbound = WhatsAppInbound(numbers, api, intake, desk.links)
    start = int(desk.clock.at.timestamp())
    first = webhook("4915112345", "Is my order shipped?", start, "wamid.M1")
    inbound.receive(NUMBER.phone_number_id, first, signed(first))
    number = desk.stores.customers.by_email(number_address(NUMBER.phone_number_id, "4915112345"))
    olga = desk.stores.customers.by_email("olga@acme.test")
    assert desk.identities.merge(number.id, "olga@acme.test").moved == 1

    desk.clock.wait(60)
    later = webhook("4915112345", "Which carrier?", start + 60, "wamid.M2")
    inbound.receive(NUMBER.phone_number_id, later, signed(later))
    [chat_ticket] = [t for t in tickets_of(desk, olga.id) if t.subject.startswith("Is my order")]
    assert [m.from_ for m in desk.stores.messages.for_ticket(chat_ticket.id)] == [
        number.email,
        "olga@acme.test",
    ]
    assert "whatsapp" in desk.replies.channels_for(chat_ticket)

    desk.stores.tickets.update(replace(chat_ticket, status=TicketStatus.CLOSED))
    desk.clock.wait(60)
    after = webhook("4915112345", "A new question", start + 120, "wamid.M3")
    inbound.receive(NUMBER.phone_number_id, after, signed(after))
    [new_ticket] = [t for t in tickets_of(desk, olga.id) if t.subject == "A new question"]
    assert tickets_of(desk, number.id) == [] and desk.replies.channels_for(new_ticket) == ["mail", "whatsapp"]
