"""Website chat: live when an agent is online, a ticket by mail when not; tokens guard a visitor's chat."""

from __future__ import annotations

import pytest
from helpdesk.channels.model.chat import ChatMode, ChatSide
from helpdesk.channels.services.chat import ChatDesk
from helpdesk.kernel.errors import Forbidden, Invalid, NotFound

from tests.fakes.channels.memory_channels import MemoryChats, RecordingIntake
from tests.fakes.tickets.memory_mail_state import MemoryRateLimiter
from tests.support.channels import ORIGIN, SetClock
from tests.support.tickets import DOMAIN, memory_stores

pytestmark = pytest.mark.unit


@pytest.fixture
def desk():
    store, intake, clock = MemoryChats(), RecordingIntake(), SetClock()
    chats = ChatDesk(store, intake, MemoryRateLimiter(), memory_stores(), clock, b"s", DOMAIN, (ORIGIN,))
    return chats, intake, clock


def test_with_an_agent_online_the_chat_is_live_and_lines_go_both_ways_and_into_the_ticket(desk):
    chats, intake, clock = desk
    chats.beat("anna@helpdesk.test")
    chat, token = chats.start("Vera", "vera@example.org", "203.0.113.9", ORIGIN)
    assert chat.mode is ChatMode.LIVE and [c.id for c in chats.live()] == [chat.id]
    chats.visitor_says(chat.id, token, "Do you fit kitchens in Bonn?")
    chats.agent_says(chat.id, "anna@helpdesk.test", "Anna", "Yes, we do.")
    chats.visitor_says(chat.id, token, "Great")
    _, lines = chats.visitor_reads(chat.id, token, 1)
    assert [(x.seq, x.side, x.text) for x in lines] == [
        (2, ChatSide.AGENT, "Yes, we do."),
        (3, ChatSide.VISITOR, "Great"),
    ]
    first, second = intake.taken
    assert (first.channel, first.sender_address, first.message_key) == (
        "chat",
        "vera@example.org",
        f"{chat.id}-1",
    )
    assert second.reply_to == f"{chat.id}-1"  # the chat's lines thread into one ticket


def test_with_nobody_online_the_chat_falls_back_to_a_ticket_answered_by_mail(desk):
    chats, intake, clock = desk
    chats.beat("anna@helpdesk.test")
    clock.wait(120)  # her console closed two minutes ago
    chat, token = chats.start("Vera", "vera@example.org", "203.0.113.9", ORIGIN)
    assert chat.mode is ChatMode.MAIL and chats.live() == []
    chats.visitor_says(chat.id, token, "Please call me back")
    assert [m.sender_address for m in intake.taken] == ["vera@example.org"]


def test_a_wrong_token_an_unknown_chat_and_a_foreign_site_are_refused(desk):
    chats, _, _ = desk
    chat, token = chats.start("Vera", "vera@example.org", "203.0.113.9", ORIGIN)
    for chat_id, guess in ((chat.id, "0" * 32), ("Cnope", token)):
        with pytest.raises(NotFound) as refused:
            chats.visitor_reads(chat_id, guess, 0)
        assert str(refused.value) == "chat"
    with pytest.raises(Forbidden):
        chats.start("Vera", "vera@example.org", "203.0.113.9", "http://evil.test")
    with pytest.raises(Invalid):
        chats.start("Vera", "not an address", "203.0.113.9", ORIGIN)
    with pytest.raises(Invalid):
        chats.visitor_says(chat.id, token, "x" * 2001)
