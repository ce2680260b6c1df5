"""Crash injection for the ingest service: a generated mail stream, random crashes at checkpoints,
redelivery."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

from helpdesk.mail.model import MailKind
from helpdesk.tickets.model.message import Direction
from helpdesk.tickets.ports import OutboxStatus, TicketStores
from helpdesk.tickets.services.ingest import Checkpoint, MailSource

from tests.support.tickets import MailSpec, Wired, wire


class Crash(Exception):
    """The worker died here; SQS will deliver the mail again."""


@dataclass
class Chaos:
    rng: random.Random
    probability: float
    crashes: int = 0

    def __call__(self, checkpoint: Checkpoint, source: MailSource) -> None:
        if self.rng.random() < self.probability:
            self.crashes += 1
            raise Crash(checkpoint.value)


def generate(count: int, rng: random.Random) -> tuple[list[MailSpec], list[tuple[MailSpec, int]]]:
    """Originals (some machine mail, some re-sent copies) and replies pointing at an original by index."""
    originals = []
    for n in range(count * 3 // 4):
        kind = MailKind.AUTO_REPLY if n % 10 == 9 else MailKind.HUMAN
        originals.append(
            MailSpec(
                sender=f"c{n % 40}@org{n % 7}.test",
                message_id=f"o{n}@mail.test",
                subject=f"Case {n}",
                kind=kind,
            )
        )
    replies = []
    for n in range(count - len(originals)):
        target = rng.randrange(len(originals))
        spec = MailSpec(
            sender=originals[target].sender,
            message_id=f"r{n}@mail.test",
            subject="Re: x",
            in_reply_to=[originals[target].message_id or ""],
        )
        replies.append((spec, target))
    return originals, replies


def deliver_with_crashes(w: Wired, specs: list[MailSpec], chaos: Chaos, copies: int = 2) -> None:
    """Each mail arrives as `copies` deliveries of its object; a crashed delivery is retried later."""
    pending = []
    for n, spec in enumerate(specs):
        raw = w.parser.register(spec)
        source = MailSource("raw-mail", f"inbound/{spec.message_id}", etag=f"e{n}")
        pending += [(source, raw)] * copies
        if n % 5 == 0:  # the same mail stored again as another object (e.g. sent to two of our addresses)
            pending.append((MailSource("raw-mail", f"inbound/{spec.message_id}.copy", etag=f"c{n}"), raw))
    chaos.rng.shuffle(pending)
    while pending:
        source, raw = pending.pop(0)
        try:
            w.services.mail_ingest.ingest_mail(source, raw)
        except Crash:
            pending.insert(chaos.rng.randrange(len(pending) + 1), (source, raw))


def check_exactly_once(
    stores: TicketStores, originals: list[MailSpec], replies: list[tuple[MailSpec, int]]
) -> None:
    where: dict[str, list[str]] = {}
    for spec in [*originals, *(r for r, _ in replies)]:
        where[spec.message_id or ""] = stores.messages.tickets_for_message_id(spec.message_id or "")
    for message_id, tickets in where.items():
        assert len(tickets) == 1, f"{message_id} stored in {tickets}"
        inbound = [m for m in stores.messages.for_ticket(tickets[0]) if m.message_id == message_id]
        assert len(inbound) == 1, f"{message_id} stored {len(inbound)} times"
    for reply, target in replies:
        assert where[reply.message_id or ""] == where[originals[target].message_id or ""]


def ack_counts(w: Wired) -> Counter[str]:
    sent: Counter[str] = Counter()
    for mail in w.mailer.sent:
        sent[mail.raw.split(b"In-Reply-To: <", 1)[1].split(b">", 1)[0].decode()] += 1
    return sent


def run_seed(seed: int, count: int = 200, probability: float = 0.15) -> Chaos:
    rng = random.Random(seed)
    chaos = Chaos(rng, probability)
    w = wire(fault=chaos, ack_limit=1000)
    originals, replies = generate(count, rng)
    deliver_with_crashes(w, originals, chaos)
    deliver_with_crashes(w, [r for r, _ in replies], chaos)
    w.services.outbound.deliver_pending(w.clock.now(), limit=1000)
    check_exactly_once(w.stores, originals, replies)
    acks = ack_counts(w)
    assert max(acks.values(), default=0) <= 1
    humans = {s.message_id for s in originals if s.kind is MailKind.HUMAN}
    assert set(acks) == humans, "every human new ticket is acknowledged once the outbox is swept"
    for entry_id in acks:
        assert entry_id
    stuck = [e for e in w.stores.outbox.pending(1000) if e.status is not OutboxStatus.SENT]
    assert stuck == []
    _no_empty_tickets(w)
    return chaos


def _no_empty_tickets(w: Wired) -> None:
    from helpdesk.tickets.ports import TicketQuery

    page = w.stores.tickets.list(TicketQuery(), 1000)
    numbers = [t.number for t in page.items]
    assert len(numbers) == len(set(numbers))
    for ticket in page.items:
        messages = w.stores.messages.for_ticket(ticket.id)
        assert any(m.direction is Direction.INBOUND for m in messages), f"empty ticket {ticket.number}"
