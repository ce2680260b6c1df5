"""A customer's mail that reopens a pending ticket is saved in the ingest's one transaction, the SLA's history
event with it: the clock inputs kept for the inbox count that reopening, as the ticket page does."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpdesk.bootstrap import container
from helpdesk.kernel.clock import FixedClock
from helpdesk.tickets.services.ingest import IngestOutcome, MailSource

from tests.integration.commerce.conftest import shop  # noqa: F401 - the fixture
from tests.integration.sla.test_inbox_sla_api import rows, ticket_page_sla
from tests.integration.sla.test_sla_staff_api import desk, staff  # noqa: F401 - the fixture

pytestmark = pytest.mark.integration


def test_a_reply_by_mail_restarts_the_paused_clocks_in_the_inbox_row(desk: FixedClock) -> None:  # noqa: F811
    staff("PATCH", "/tickets/{ticket_id}", "anna", {"status": "pending"}, ticket_id="t-sla")
    desk.current += timedelta(hours=2)
    assert rows()["t-sla"]["first_response"]["state"] == "paused"
    raw = (
        b"From: boris@customer.example\r\nTo: support@support.localhost\r\n"
        b"Subject: Re: [#HD-100007] Invoice wrong\r\nMessage-ID: <reopen1@customer.example>\r\n\r\n"
        b"It is still wrong.\r\n"
    )
    done = container().tickets.mail_ingest.ingest_mail(MailSource("raw", "inbound/reopen1", "e1"), raw)
    assert done.outcome is IngestOutcome.TICKETED and done.ticket_id == "t-sla"
    desk.current += timedelta(minutes=10)
    row = rows()["t-sla"]
    assert row["first_response"]["state"] == "running"
    assert row == ticket_page_sla("t-sla")
