"""The desk's store and the live inbox's change feed, against the fakes and DynamoDB under moto."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from helpdesk.kernel.adapters.dynamo_table import item_model
from helpdesk.tickets.adapters.dynamo_desk import DynamoDesk
from helpdesk.tickets.model.desk import SHARED_OWNER, SavedView, SpamSender, TimeEntry, TimeFacet
from helpdesk.tickets.model.ticket import TicketStatus

from tests.contract.tickets.conftest import REGION
from tests.contract.tickets.test_ticket_repository import make
from tests.fakes.tickets.memory_desk import MemoryDesk
from tests.support.tickets import T0

pytestmark = pytest.mark.contract


@pytest.fixture(params=["memory", "dynamo"])
def desk(request: pytest.FixtureRequest):
    if request.param == "memory":
        return MemoryDesk()
    request.getfixturevalue("aws")
    return DynamoDesk(item_model("helpdesk", REGION, None))


def test_changed_since_follows_staff_edits_that_are_no_activity(stores):
    for n in (1, 2, 3):
        stores.tickets.create(make(n))
    assert [t.id for t in stores.tickets.changed_since(T0 + timedelta(minutes=2), 10)] == [
        make(2).id,
        make(3).id,
    ]
    edited = replace(stores.tickets.find(make(1).id), assignee="ann", updated_at=T0 + timedelta(hours=1))
    stores.tickets.update(edited)
    changed = stores.tickets.changed_since(T0 + timedelta(minutes=30), 10)
    assert [(t.id, t.assignee) for t in changed] == [(make(1).id, "ann")]
    reopened = replace(stores.tickets.find(make(2).id), status=TicketStatus.OPEN)
    stores.tickets.update(replace(reopened, last_activity_at=T0 + timedelta(hours=2)))
    assert [t.id for t in stores.tickets.changed_since(T0 + timedelta(minutes=30), 1)] == [make(1).id]


def test_seen_is_per_agent(desk):
    desk.mark_seen("Ann@x.example", "t1", T0)
    desk.mark_seen("ann@x.example", "t2", T0 + timedelta(minutes=1))
    assert desk.seen("ann@x.example", ["t1", "t2", "t3"]) == {"t1": T0, "t2": T0 + timedelta(minutes=1)}
    assert desk.seen("bob@x.example", ["t1"]) == {}


def test_views_are_the_owners_and_the_shared_ones(desk):
    desk.save_view(SavedView("v1", "ann", "Mine", {"status": "open"}, "priority", "ann"))
    desk.save_view(SavedView("v2", SHARED_OWNER, "Team", {"tag": "vip"}, created_by="bob"))
    desk.save_view(SavedView("v3", "bob", "Bob's"))
    assert sorted(v.name for v in desk.views("ann")) == ["Mine", "Team"]
    assert [v.filters for v in desk.views("ann") if v.id == "v1"] == [{"status": "open"}]
    desk.delete_view(SHARED_OWNER, "v2")
    assert [v.name for v in desk.views("ann")] == ["Mine"]


def test_time_is_stored_once_per_id_and_listed_per_ticket_customer_agent(desk):
    entries = [
        TimeEntry("e1", "t1", "ann@x.example", 30, True, T0, "c1"),
        TimeEntry("e2", "t2", "bob@x.example", 10, False, T0 + timedelta(minutes=5), "c1"),
        TimeEntry("e3", "t1", "bob@x.example", 5, True, T0 + timedelta(minutes=9), None),
    ]
    assert all(desk.add_time(e) for e in entries)
    assert not desk.add_time(replace(entries[0], logged_at=T0 + timedelta(hours=1)))
    ids = lambda facet, key: sorted(e.id for e in desk.time_for(facet, key))  # noqa: E731
    assert ids(TimeFacet.TICKET, "t1") == ["e1", "e3"]
    assert ids(TimeFacet.CUSTOMER, "c1") == ["e1", "e2"]
    assert ids(TimeFacet.AGENT, "Bob@x.example") == ["e2", "e3"]


def test_the_spam_list_blocks_and_unblocks(desk):
    desk.block(SpamSender("promo@spam.example", "ann", T0, "t1"))
    assert [s.address for s in desk.blocked()] == ["promo@spam.example"]
    desk.unblock("Promo@Spam.example")
    assert desk.blocked() == []
