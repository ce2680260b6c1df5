"""Quotes on fakes: exact minor units, sending mails the client, the cabinet's yes makes a service order."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from helpdesk.billing.model.clients import ClientAccount
from helpdesk.billing.model.quotes import QuoteLine, QuoteNotFound, QuoteStatus
from helpdesk.billing.services.quotes import QuoteService
from helpdesk.identity.model import Principal, Role
from helpdesk.kernel.clock import FixedClock
from helpdesk.kernel.errors import Conflict, Invalid

from tests.fakes.billing.memory_billing import InMemoryClientAccounts, InMemoryQuotes, RecordingMailer
from tests.support.invoices import NOW

pytestmark = pytest.mark.unit
ALICE = Principal("sub-a", "alice@acme.example", frozenset({Role.CUSTOMER}), "org-acme")
BOB = Principal("sub-b", "bob@globex.example", frozenset({Role.CUSTOMER}), "org-globex")
ACME = ClientAccount(
    "org-acme", "billing@acme.example", "Alice", "Acme Ltd", ("1 Road",), "GB", currency="GBP"
)


@pytest.fixture
def world() -> tuple[QuoteService, InMemoryClientAccounts, RecordingMailer, FixedClock]:
    accounts, mailer, clock = InMemoryClientAccounts(ACME), RecordingMailer(), FixedClock(NOW)
    return QuoteService(InMemoryQuotes(), accounts, mailer, clock), accounts, mailer, clock


def test_hours_at_a_rate_are_rounded_once_per_line_half_away_from_zero() -> None:
    assert QuoteLine.priced("dev", Decimal("10"), 8000, None).amount == 80000
    assert QuoteLine.priced("dev", Decimal("0.125"), 100, None).amount == 13  # 12.5 -> 13
    assert QuoteLine.priced("dev", Decimal("1.333"), 3, None).amount == 4  # 3.999 -> 4
    assert QuoteLine.priced("hosting", None, None, 1999).amount == 1999
    for bad in [("dev", Decimal(1), None, None), ("", None, None, 5), ("x", None, None, None),
                ("dev", Decimal(2), 100, 201), ("x", None, None, -1)]:  # fmt: skip
        with pytest.raises(Invalid):
            QuoteLine.priced(*bad)


def test_a_sent_quote_is_mailed_shown_in_the_cabinet_and_accepted_once(world) -> None:  # type: ignore[no-untyped-def]
    service, accounts, mailer, _ = world
    lines = [
        QuoteLine.priced("Development", Decimal(10), 8000, None),
        QuoteLine.priced("Hosting", None, None, 2500),
    ]
    quote = service.create("mia@helpdesk.localhost", "org-acme", "eur", lines, 30)
    assert (quote.total, quote.currency, quote.status) == (82500, "EUR", QuoteStatus.DRAFT)
    assert service.for_cabinet(ALICE) == []  # a draft is not the client's yet
    with pytest.raises(QuoteNotFound):
        service.visible(ALICE, quote.id)
    service.send(quote.id)
    assert [m.to for m in mailer.sent] == ["billing@acme.example"] and quote.id in mailer.sent[0].text
    assert [q.id for q in service.for_cabinet(ALICE)] == [quote.id] and service.for_cabinet(BOB) == []
    with pytest.raises(QuoteNotFound):
        service.accept(BOB, quote.id)  # foreign: the same answer as unknown
    order = service.accept(ALICE, quote.id)
    assert order.status is QuoteStatus.ACCEPTED and order.order_id == "so_" + quote.id[3:]
    assert service.accept(ALICE, quote.id) == order  # the same yes again changes nothing
    terms = accounts.get("org-acme")
    assert terms is not None and (terms.currency, terms.hourly_rate, terms.company) == (
        "EUR",
        8000,
        "Acme Ltd",
    )
    with pytest.raises(Conflict):
        service.send(quote.id)


def test_an_expired_or_unsent_quote_cannot_be_accepted(world) -> None:  # type: ignore[no-untyped-def]
    service, _, _, clock = world
    quote = service.create("mia", "org-acme", "EUR", [QuoteLine.priced("x", None, None, 100)], 30)
    staff = Principal("sub-m", "mia@helpdesk.localhost", frozenset({Role.MANAGER}))
    with pytest.raises(Conflict):
        service.accept(staff, quote.id)  # a draft
    service.send(quote.id)
    clock.current = NOW + timedelta(days=31)
    with pytest.raises(Conflict):
        service.accept(ALICE, quote.id)
