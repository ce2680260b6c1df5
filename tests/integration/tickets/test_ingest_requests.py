"""How many DynamoDB requests one ingested mail makes on the real adapters (moto), and that the read-ahead
behind those numbers never serves a stale or foreign item. The budgets are the tickets context's own requests
(this stack has no SLA tracker; docs/cost.md counts the whole path); issue #25's targets are 8 and 5. Each
path writes in one TransactWriteItems; a new ticket adds its number, and the acknowledgement's claim, rate
limit and sent mark."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

import pytest
from botocore.client import BaseClient
from helpdesk.tickets.ports import ExpectedReads, TicketChanged

from tests.integration.tickets.conftest import Stack, olga_mail, stack  # noqa: F401 - the fixture

pytestmark = pytest.mark.integration
NEW_TICKET_BUDGET, REPLY_BUDGET = 6, 2  # 25 and 13 before #25, 16 and 7 before its transactions


@pytest.fixture
def dynamo_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    calls: Counter[str] = Counter()
    original = BaseClient._make_api_call

    def counting(self, operation, params):  # type: ignore[no-untyped-def]
        if self.meta.service_model.service_name == "dynamodb":
            calls[operation] += 1
        return original(self, operation, params)

    monkeypatch.setattr(BaseClient, "_make_api_call", counting)
    return calls


def mail(n: int, reply_to: str = "", references: tuple[str, ...] = ()) -> bytes:
    return olga_mail("lean", n, reply_to, references)


def test_a_new_ticket_and_a_threaded_reply_stay_within_their_request_budgets(
    stack: Stack,  # noqa: F811
    dynamo_calls: Counter[str],
) -> None:
    stack.receive(mail(0), "inbound/warm")  # the sender's customer and organisation now exist
    dynamo_calls.clear()
    opened = stack.receive(mail(1), "inbound/1")
    new_ticket, new_ticket_writes = sum(dynamo_calls.values()), dynamo_calls["TransactWriteItems"]
    ack = stack.last_sent_message_id()
    dynamo_calls.clear()
    replied = stack.receive(mail(2, reply_to=ack), "inbound/2")  # a customer answers our mail
    reply = sum(dynamo_calls.values())

    assert replied.ticket_id == opened.ticket_id
    assert new_ticket <= NEW_TICKET_BUDGET, dict(dynamo_calls)
    assert reply <= REPLY_BUDGET, dict(dynamo_calls)
    assert new_ticket_writes == dynamo_calls["TransactWriteItems"] == 1, dict(dynamo_calls)
    assert dynamo_calls["GetItem"] == 0, "every point read of a reply comes in the one BatchGetItem"
    assert dynamo_calls["Query"] == 0, "our own Message-ID names its ticket by its signed token"


def test_a_reply_naming_many_earlier_mails_looks_them_up_only_until_its_ticket(
    stack: Stack,  # noqa: F811
    dynamo_calls: Counter[str],
) -> None:
    opened = stack.receive(mail(1), "inbound/1")
    for n in (2, 3, 4):
        stack.receive(mail(n, reply_to=f"lean{n - 1}@romashka.test"), f"inbound/{n}")
    dynamo_calls.clear()
    earlier = tuple(f"lean{n}@romashka.test" for n in (1, 2, 3, 4))
    replied = stack.receive(mail(5, reply_to="lean4@romashka.test", references=earlier), "inbound/5")
    assert replied.ticket_id == opened.ticket_id
    assert dynamo_calls["Query"] == 1, dict(dynamo_calls)  # the nearest one is the sender's ticket


def test_inside_a_session_the_stores_read_their_own_writes_and_reread_after_a_lost_race(
    stack: Stack,  # noqa: F811
) -> None:
    stack.receive(mail(1), "inbound/1")
    ticket_id = stack.stores.messages.tickets_for_message_id("lean1@romashka.test")[0]
    tickets, reads = stack.stores.tickets, stack.stores.reads
    with reads.session():
        reads.expect(ExpectedReads(ticket_ids=(ticket_id,)))
        seen = tickets.find(ticket_id)
        assert seen is not None
        saved = tickets.update(replace(seen, subject="renamed"))
        assert tickets.find(ticket_id) == saved  # our own write, not the prefetched item
        with pytest.raises(TicketChanged):
            tickets.update(replace(seen, subject="stale"))  # an old version loses, and is forgotten
        assert tickets.find(ticket_id) == saved
    outside = tickets.find(ticket_id)
    assert outside is not None and outside.subject == "renamed"


def test_a_session_in_one_thread_never_serves_another_thread(stack: Stack) -> None:  # noqa: F811
    stack.receive(mail(1), "inbound/1")
    ticket_id = stack.stores.messages.tickets_for_message_id("lean1@romashka.test")[0]
    tickets, reads = stack.stores.tickets, stack.stores.reads
    with reads.session():
        seen = tickets.find(ticket_id)
        assert seen is not None
        changed: list[str] = []

        def rename_elsewhere() -> None:
            current = tickets.find(ticket_id)
            assert current is not None
            changed.append(tickets.update(replace(current, subject="elsewhere")).subject)

        worker = threading.Thread(target=rename_elsewhere)
        worker.start()
        worker.join()
        assert changed == ["elsewhere"]
        assert tickets.find(ticket_id) == seen  # this session's read, made once
        with pytest.raises(TicketChanged):
            tickets.update(replace(seen, subject="mine"))
        fresh = tickets.find(ticket_id)
        assert fresh is not None and fresh.subject == "elsewhere"
