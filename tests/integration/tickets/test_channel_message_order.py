"""Two chat messages sent a second apart may be ingested in either order: the later one waits (its queue
retries it) for the earlier one instead of opening a ticket of its own, and stops waiting after a while."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpdesk.channels.model.inbound import InboundMessage, as_mail
from helpdesk.kernel.errors import Unavailable
from helpdesk.tickets.model.ingest import CHANNEL_PREFIX, IngestOutcome
from helpdesk.tickets.services.ingest import PARENT_WAIT

from tests.support.tickets import DOMAIN

pytestmark = pytest.mark.integration


def telegram(n: int, text: str, after: int | None, clock) -> bytes:  # type: ignore[no-untyped-def]
    message = InboundMessage(
        channel="telegram",
        message_key=f"demo-77-{n}",
        sender_address="alice@acme.example",
        sender_name="Alice",
        subject=text,
        text=text,
        sent_at=clock.at,
        reply_to=f"demo-77-{after}" if after else "",
    )
    return as_mail(message, DOMAIN)


def key(n: int) -> str:
    return f"{CHANNEL_PREFIX}telegram/demo-77-{n}"


def test_the_later_message_waits_for_the_earlier_and_then_joins_its_ticket(stack) -> None:  # type: ignore[no-untyped-def]
    first, photo = (
        telegram(1, "The printer shows E13", None, stack.clock),
        telegram(2, "a photo", 1, stack.clock),
    )
    with pytest.raises(Unavailable):
        stack.receive(photo, key(2))
    opened = stack.receive(first, key(1))
    joined = stack.receive(photo, key(2))
    assert opened.outcome is joined.outcome is IngestOutcome.TICKETED
    assert joined.ticket_id == opened.ticket_id


def test_a_message_whose_earlier_one_never_comes_opens_its_own_ticket_after_the_wait(stack) -> None:  # type: ignore[no-untyped-def]
    orphan = telegram(9, "hello again", 8, stack.clock)
    with pytest.raises(Unavailable):
        stack.receive(orphan, key(9))
    stack.clock.at += PARENT_WAIT + timedelta(seconds=1)
    assert stack.receive(orphan, key(9)).outcome is IngestOutcome.TICKETED
