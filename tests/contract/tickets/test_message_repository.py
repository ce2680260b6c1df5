from __future__ import annotations

from datetime import timedelta

import pytest
from helpdesk.tickets.model.message import AttachmentRef, Direction, Message

from tests.support.tickets import T0

pytestmark = pytest.mark.contract


def msg(n: int, ticket: str = "t1", message_id: str | None = None) -> Message:
    return Message(
        id=f"m{n}",
        ticket_id=ticket,
        direction=Direction.INBOUND,
        created_at=T0 + timedelta(seconds=n),
        from_="a@b.test",
        to=("support@x.test",),
        text=f"text {n}",
        message_id=message_id or f"{n}@b.test",
        attachments=(AttachmentRef("k", "f.pdf", "application/pdf", 3),),
        references=("r1", "r2"),
    )


def test_a_message_is_stored_once_per_message_id_and_sender(stores):
    assert stores.messages.add(msg(1), "a@b.test")
    assert not stores.messages.add(msg(1), "A@b.test")
    assert not stores.messages.add(msg(2, message_id="1@b.test"), "a@b.test")
    assert stores.messages.add(msg(3, ticket="t2", message_id="1@b.test"), "other@c.test")
    assert stores.messages.is_stored("1@b.test", "a@b.test")
    assert not stores.messages.is_stored("1@b.test", "nobody@c.test")
    assert [m.id for m in stores.messages.for_ticket("t1")] == ["m1"]
    assert stores.messages.tickets_for_message_id("1@b.test") == ["t1", "t2"]
    assert stores.messages.tickets_for_message_id("unknown@x") == []


def test_messages_come_back_oldest_first_and_whole(stores):
    for n in (3, 1, 2):
        stores.messages.add(msg(n), "a@b.test")
    messages = stores.messages.for_ticket("t1")
    assert [m.id for m in messages] == ["m1", "m2", "m3"]
    assert messages[0] == msg(1)
    assert stores.messages.get("t1", msg(2).sort_key) == msg(2)
    assert stores.messages.get("t1", "nope") is None
