"""The same mail delivered by interleaved workers on the DynamoDB adapters (moto): one message, one ticket, at
most one acknowledgement."""

from __future__ import annotations

import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from helpdesk.tickets.model.message import Direction
from helpdesk.tickets.ports import TicketQuery
from helpdesk.tickets.services.ingest import Checkpoint, MailSource

pytestmark = pytest.mark.integration


class Baton:
    """moto is not thread-safe, so workers take turns; they may hand over at every checkpoint of the
    ingest."""

    def __init__(self, seed: int) -> None:
        self.lock = threading.Lock()
        self.rng = random.Random(seed)

    def __call__(self, checkpoint: Checkpoint, source: MailSource) -> None:
        self.lock.release()
        time.sleep(self.rng.random() / 1000)
        self.lock.acquire()


@pytest.mark.parametrize("seed", range(2))
def test_one_mail_many_workers_interleaved_on_dynamodb(stack, seed):
    raw = (
        b"From: alice@acme.test\r\nTo: support@support.example.com\r\nSubject: once\r\n"
        b"Message-ID: <race@acme.test>\r\n\r\nhello\r\n"
    )
    baton = Baton(seed)
    stack.with_fault(baton)

    def worker(source: MailSource) -> None:
        with baton.lock:
            stack.services.mail_ingest.ingest_mail(source, raw)

    sources = [MailSource("raw-mail", f"inbound/{n % 2}", "etag") for n in range(6)]
    with ThreadPoolExecutor(6) as pool:
        list(pool.map(worker, sources))
    tickets = stack.stores.tickets.list(TicketQuery(), 10).items
    assert len(tickets) == 1
    messages = stack.stores.messages.for_ticket(tickets[0].id)
    assert [m.direction for m in messages].count(Direction.INBOUND) == 1 and len(stack.sent()) <= 1
