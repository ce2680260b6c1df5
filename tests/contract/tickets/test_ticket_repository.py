from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from helpdesk.tickets.model.ticket import Ticket, TicketStatus
from helpdesk.tickets.ports import TicketChanged, TicketQuery

from tests.support.tickets import T0

pytestmark = pytest.mark.contract


def make(n: int, **fields: object) -> Ticket:
    at = T0 + timedelta(minutes=n)
    values: dict = dict(
        id=f"{n:020d}",
        number=f"HD-{100000 + n}",
        subject=f"s{n}",
        mailbox="support",
        created_at=at,
        last_activity_at=at,
        customer_id="c1",
    )
    values.update(fields)
    return Ticket(**values)


def test_create_is_once_per_id_and_the_number_is_unique(stores):
    assert stores.tickets.create(make(1))
    assert not stores.tickets.create(make(1, subject="again"))
    assert not stores.tickets.create(make(2, number="HD-100001"))
    assert stores.tickets.find(make(1).id).subject == "s1"
    assert stores.tickets.by_number("hd-100001").id == make(1).id
    assert stores.tickets.find(make(2).id) is None and stores.tickets.by_number("HD-999999") is None


def test_update_is_optimistic(stores):
    stores.tickets.create(make(1))
    current = stores.tickets.find(make(1).id)
    saved = stores.tickets.update(replace(current, subject="changed"))
    assert saved.version == current.version + 1
    with pytest.raises(TicketChanged):
        stores.tickets.update(replace(current, subject="stale"))
    assert stores.tickets.find(make(1).id).subject == "changed"


def test_a_round_trip_keeps_every_field(stores):
    ticket = make(
        1,
        tags=("a", "b"),
        participants=("x@y.test",),
        assignee="ann",
        last_assignee="ann",
        status=TicketStatus.CLOSED,
        closed_at=T0,
        linked_ticket_id="l",
        merged_ids=("m",),
    )
    stores.tickets.create(ticket)
    assert stores.tickets.find(ticket.id) == replace(ticket, version=1)


@pytest.mark.parametrize(
    "query, expected",
    [
        (TicketQuery(), [5, 4, 3, 2, 1]),
        (TicketQuery(status=TicketStatus.OPEN), [4, 2]),
        (TicketQuery(assignee="ann"), [5, 3, 1]),
        (TicketQuery(mailbox="sales"), [2, 1]),
        (TicketQuery(customer_id="c2"), [4]),
        (TicketQuery(tag="vip"), [5, 2]),
        (TicketQuery(tag="vip", assignee="ann"), [5]),
    ],
)
def test_lists_filter_newest_activity_first(stores, query, expected):
    specs = {
        1: dict(assignee="ann", mailbox="sales"),
        2: dict(status=TicketStatus.OPEN, mailbox="sales", tags=("vip",)),
        3: dict(assignee="ann"),
        4: dict(status=TicketStatus.OPEN, customer_id="c2"),
        5: dict(assignee="ann", tags=("vip",)),
    }
    for n, fields in specs.items():
        stores.tickets.create(make(n, **fields))
    assert [int(t.id) for t in stores.tickets.list(query, 10).items] == expected


def test_lists_follow_updates_of_activity_status_and_tags(stores):
    for n in (1, 2):
        stores.tickets.create(make(n, tags=("old",)))
    first = stores.tickets.find(make(1).id)
    stores.tickets.update(
        replace(first, last_activity_at=T0 + timedelta(hours=1), status=TicketStatus.OPEN, tags=("new",))
    )
    assert [int(t.id) for t in stores.tickets.list(TicketQuery(), 10).items] == [1, 2]
    assert [int(t.id) for t in stores.tickets.list(TicketQuery(tag="old"), 10).items] == [2]
    assert [int(t.id) for t in stores.tickets.list(TicketQuery(tag="new"), 10).items] == [1]
    assert stores.tickets.list(TicketQuery(status=TicketStatus.NEW), 10).items[0].id == make(2).id


def test_cursor_pagination_visits_every_ticket_once(stores):
    for n in range(1, 8):
        stores.tickets.create(make(n))
    seen, cursor = [], None
    for _ in range(10):
        page = stores.tickets.list(TicketQuery(customer_id="c1"), 3, cursor)
        seen += [int(t.id) for t in page.items]
        cursor = page.cursor
        if cursor is None:
            break
    assert seen == [7, 6, 5, 4, 3, 2, 1]


def test_lists_by_organisation_follow_a_move_to_another_organisation(stores):
    for n, org in ((1, "org-a"), (2, "org-b"), (3, "org-a"), (4, None)):
        stores.tickets.create(make(n, organisation_id=org))
    assert [t.id for t in stores.tickets.list(TicketQuery(organisation_id="org-a"), 10).items] == [
        make(3).id,
        make(1).id,
    ]
    moved = stores.tickets.update(replace(stores.tickets.find(make(1).id), organisation_id="org-b"))
    assert [t.id for t in stores.tickets.list(TicketQuery(organisation_id="org-a"), 10).items] == [make(3).id]
    assert [t.id for t in stores.tickets.list(TicketQuery(organisation_id="org-b"), 10).items] == [
        make(2).id,
        moved.id,
    ]
