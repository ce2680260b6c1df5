"""The same mail delivered by several threads at once to the in-memory stores: one message, one ticket,
at most one acknowledgement (on DynamoDB: tests/integration/tickets/test_concurrent_duplicates.py)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from helpdesk.tickets.model.message import Direction
from helpdesk.tickets.ports import TicketQuery
from helpdesk.tickets.services.ingest import MailSource

from tests.support.tickets import MailSpec, wire

pytestmark = pytest.mark.unit


def run_concurrently(w, sources, raw, threads=8):
    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(lambda s: w.services.mail_ingest.ingest_mail(s, raw), sources))


@pytest.mark.parametrize("rounds", range(5))
def test_one_mail_many_threads_same_and_other_objects(rounds):
    w = wire()
    raw = w.parser.register(MailSpec(message_id=f"dup{rounds}@acme.test"))
    sources = [MailSource("raw-mail", f"k{n % 3}", etag=f"e{n % 3}") for n in range(12)]
    results = run_concurrently(w, sources, raw)
    assert len({r.ticket_id for r in results if r.ticket_id}) == 1
    tickets = w.stores.tickets.list(TicketQuery(), 10).items
    assert len(tickets) == 1
    inbound = [m for m in w.stores.messages.for_ticket(tickets[0].id) if m.direction is Direction.INBOUND]
    assert len(inbound) == 1 and len(w.mailer.sent) <= 1
