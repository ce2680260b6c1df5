from __future__ import annotations

from datetime import timedelta

import pytest
from helpdesk.tickets.ports import MailStep, OutboxEntry, OutboxStatus

from tests.support.tickets import T0

pytestmark = pytest.mark.contract


def test_counters_increase_by_one_per_name(stores):
    assert [stores.counter.next("a") for _ in range(3)] == [1, 2, 3]
    assert stores.counter.next("b") == 1


def test_rate_limit_per_key_and_window(stores):
    allowed = [stores.limiter.allow("k", 2, 60, T0) for _ in range(3)]
    assert allowed == [True, True, False]
    assert stores.limiter.allow("other", 2, 60, T0)
    assert stores.limiter.allow("k", 2, 60, T0 + timedelta(seconds=121))


def test_a_burst_straddling_a_window_boundary_gets_the_limit_once(stores):
    boundary = T0.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    burst = [boundary - timedelta(seconds=1)] * 5 + [boundary] * 5
    assert [stores.limiter.allow("k", 3, 3600, at) for at in burst].count(True) == 3
    assert not stores.limiter.allow("k", 3, 3600, boundary + timedelta(minutes=10))
    assert stores.limiter.allow("k", 3, 3600, boundary + timedelta(minutes=21))


def test_the_ledger_keeps_the_first_start_and_the_first_plan(stores):
    record = stores.ledger.begin("m", T0)
    again = stores.ledger.begin("m", T0 + timedelta(hours=1))
    assert again.started_at == record.started_at == T0 and again.plan == {}
    assert stores.ledger.save_plan("m", {"a": "1"}) == {"a": "1"}
    assert stores.ledger.save_plan("m", {"a": "2"}) == {"a": "1"}
    stores.ledger.mark("m", MailStep.DONE)
    stores.ledger.mark("m", MailStep.DONE)
    record = stores.ledger.begin("m", T0)
    assert record.did(MailStep.DONE) and not record.did(MailStep.QUARANTINED) and record.plan == {"a": "1"}
    stores.ledger.reset("m")
    assert stores.ledger.begin("m", T0 + timedelta(days=1)).steps == frozenset()


def test_a_record_created_with_its_plan_keeps_the_first_writers_start_and_plan(stores):
    assert stores.ledger.find("p") is None
    first = stores.ledger.begin_planned("p", T0, {"a": "1"})
    second = stores.ledger.begin_planned("p", T0 + timedelta(seconds=5), {"a": "2"})
    assert first.started_at == second.started_at == T0 and first.plan == second.plan == {"a": "1"}
    found = stores.ledger.find("p")
    assert found is not None and found.started_at == T0 and found.plan == {"a": "1"}
    assert stores.ledger.save_plan("p", {"a": "3"}) == {"a": "1"}
    stores.ledger.mark("p", MailStep.DONE)
    found = stores.ledger.find("p")
    assert found is not None and found.did(MailStep.DONE)
    waited = stores.ledger.begin("w", T0)  # an attempt that waited: a record without a plan
    assert stores.ledger.begin_planned("w", T0 + timedelta(minutes=1), {"a": "1"}) == waited


def test_an_outbox_entry_is_claimed_at_most_once(stores):
    entry = OutboxEntry("e1", "t1", "sort", ("a@b.test",), T0)
    assert stores.outbox.add(entry) and not stores.outbox.add(entry)
    assert [e.id for e in stores.outbox.pending(10)] == ["e1"]
    claimed = stores.outbox.claim("e1")
    assert claimed.status is OutboxStatus.SENDING and claimed.recipients == ("a@b.test",)
    assert stores.outbox.claim("e1") is None and stores.outbox.claim("missing") is None
    assert stores.outbox.pending(10) == []
    stores.outbox.mark_sent("e1", "provider-1")
    stored = stores.outbox.get("e1")
    assert stored.status is OutboxStatus.SENT and stored.provider_id == "provider-1"


def test_attachments_round_trip_and_download_as_attachment(stores):
    stores.attachments.put("tickets/t/m/0", b"%PDF", "application/pdf")
    assert stores.attachments.get("tickets/t/m/0") == b"%PDF"
    url = stores.attachments.download_url("tickets/t/m/0", 'in"voice\r\n.pdf', 300)
    assert "attachment" in url and "\r" not in url and "\n" not in url
    assert "application%2Foctet-stream" in url  # the default answer type
    served = stores.attachments.download_url("tickets/t/m/0", "invoice.pdf", 300, "application/pdf")
    assert "application%2Fpdf" in served
    from helpdesk.kernel.errors import NotFound

    with pytest.raises(NotFound):
        stores.attachments.get("missing")
    with pytest.raises(NotFound):
        stores.attachments.download_url("missing", "x", 60)
