"""A new mail's writes go out as one transaction; when another worker lands first, the transaction is refused
as a whole and the mail takes the step-by-step path. Made deterministic here: while one ingest is inside its
unit of work, another ingest runs to the end in a thread of its own."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

import pytest
from botocore.client import BaseClient
from helpdesk.tickets.model.message import Direction
from helpdesk.tickets.ports import TicketQuery
from helpdesk.tickets.services.ingest import Checkpoint, IngestOutcome, IngestResult, MailSource

from tests.integration.tickets.conftest import Stack, olga_mail, stack  # noqa: F401 - the fixture

pytestmark = pytest.mark.integration


def mail(n: int, reply_to: str = "", references: tuple[str, ...] = ()) -> bytes:
    return olga_mail("refused", n, reply_to, references)


def overtaken_by(stack: Stack, key: str, other: Callable[[], IngestResult]) -> list[IngestResult]:  # noqa: F811
    """While the ingest of `key` is inside its unit (after its message), `other` runs to the end."""
    results: list[IngestResult] = []

    def hook(checkpoint: Checkpoint, source: MailSource) -> None:
        if checkpoint is Checkpoint.AFTER_INDEX and source.key == key and not results:
            overtaking = threading.Thread(target=lambda: results.append(other()))
            overtaking.start()
            overtaking.join()

    stack.with_fault(hook)
    return results


@pytest.fixture
def transactions(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    calls: Counter[str] = Counter()
    original = BaseClient._make_api_call

    def counting(self, operation, params):  # type: ignore[no-untyped-def]
        try:
            return original(self, operation, params)
        except Exception:
            calls[f"{operation} refused"] += 1
            raise
        finally:
            calls[operation] += 1

    monkeypatch.setattr(BaseClient, "_make_api_call", counting)
    return calls


def test_a_copy_landing_first_refuses_the_unit_and_the_mail_stays_one(
    stack: Stack,  # noqa: F811
    transactions: Counter[str],
) -> None:
    raw = mail(1)
    first = overtaken_by(stack, "inbound/a", lambda: stack.receive(raw, "inbound/b"))
    second = stack.receive(raw, "inbound/a")
    assert transactions["TransactWriteItems refused"] == 1
    assert [r.outcome for r in first] == [IngestOutcome.TICKETED]
    assert second.outcome is IngestOutcome.DUPLICATE
    inbound = [
        m
        for m in stack.stores.messages.for_ticket(first[0].ticket_id or "")
        if m.direction is Direction.INBOUND
    ]
    assert len(inbound) == 1 and len(stack.sent()) == 1
    record = stack.stores.ledger.find(MailSource("raw-mail", "inbound/a", "").record_key)
    assert record is None or record.plan == {}  # the refused unit left nothing behind


def test_a_reply_landing_first_refuses_the_other_replys_unit_and_both_join_the_ticket(
    stack: Stack,  # noqa: F811
    transactions: Counter[str],
) -> None:
    opened = stack.receive(mail(1), "inbound/1")
    ack = stack.last_sent_message_id()
    overtaken_by(stack, "inbound/2", lambda: stack.receive(mail(3, reply_to=ack), "inbound/3"))
    transactions.clear()
    second = stack.receive(mail(2, reply_to=ack), "inbound/2")
    assert transactions["TransactWriteItems refused"] == 1
    assert second.outcome is IngestOutcome.TICKETED and second.ticket_id == opened.ticket_id
    inbound = [
        m.message_id
        for m in stack.stores.messages.for_ticket(opened.ticket_id or "")
        if m.direction is Direction.INBOUND
    ]
    assert sorted(inbound) == ["refused1@romashka.test", "refused2@romashka.test", "refused3@romashka.test"]
    ticket = stack.stores.tickets.find(opened.ticket_id or "")
    assert ticket is not None and ticket.version == 3  # created, then each reply saved it once


def test_a_reply_to_a_ticket_with_more_facets_than_one_transaction_takes_lands_step_by_step(
    stack: Stack,  # noqa: F811
    transactions: Counter[str],
) -> None:
    opened = stack.receive(mail(1), "inbound/1")
    ticket = stack.stores.tickets.find(opened.ticket_id or "")
    assert ticket is not None
    tags = [f"tag{n:03d}" for n in range(120)]
    stack.stores.tickets.update(ticket.with_tags(tags))
    ack = stack.last_sent_message_id()
    transactions.clear()
    replied = stack.receive(mail(2, reply_to=ack), "inbound/2")
    assert replied.outcome is IngestOutcome.TICKETED and replied.ticket_id == opened.ticket_id
    assert transactions["TransactWriteItems"] == 0  # over DynamoDB's 100 actions: not even tried
    inbound = [m.message_id for m in stack.stores.messages.for_ticket(opened.ticket_id or "")]
    assert "refused2@romashka.test" in inbound
    by_tag = stack.stores.tickets.list(TicketQuery(tag="tag119"), 5).items
    assert [t.id for t in by_tag] == [opened.ticket_id]
