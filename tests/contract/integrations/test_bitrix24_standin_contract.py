"""The Bitrix24 stand-in holds to the method descriptions recorded from Bitrix24's documentation, and the
real Bitrix24 adapter talks to it within them."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from helpdesk.integrations.adapters.bitrix24_http import Bitrix24Refused, HttpBitrix24
from helpdesk.integrations.model.crm import CrmParty, WonDeal
from helpdesk.integrations.ports import VendorRateLimited
from helpdesk_local.bitrix24_standin import Bitrix24Standin, documented, refusal
from werkzeug.serving import make_server

pytestmark = pytest.mark.contract


@pytest.fixture
def standin() -> Bitrix24Standin:
    return Bitrix24Standin("1", "hookcode", "app-token")


@pytest.fixture
def served(standin: Bitrix24Standin) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, standin, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/rest/1/hookcode"
    server.shutdown()


def test_every_recorded_example_answer_names_only_documented_fields() -> None:
    for method, doc in documented().items():
        result = doc["example_answer"]["result"]
        items = result if isinstance(result, list) else [result] if isinstance(result, dict) else []
        for item in items:
            assert set(item) <= set(doc["fields"]) | {"ID", "EMAIL"}, method


def test_the_adapter_finds_creates_and_wins_within_the_documentation(standin, served) -> None:
    crm = HttpBitrix24(served)
    assert crm.find_person("ann@acme.example") is None and crm.find_org_by_domain("acme.example") is None
    company = crm.create_org("acme.example")
    contact = crm.create_person("Ann", "ann@acme.example", company)
    assert crm.find_person("ann@acme.example") == CrmParty(contact, company, "Ann")
    assert crm.find_org_by_domain("acme.example") == company
    party = CrmParty(contact, company)
    won = WonDeal("Order 7 - Ann", Decimal("49.90"), "EUR", datetime(2026, 12, 7, tzinfo=UTC), party, "o-7")
    deal = standin.deals[int(crm.add_won_deal(won))]
    assert (deal["STAGE_ID"], deal["CLOSED"], deal["OPPORTUNITY"], deal["ORIGIN_ID"]) == (
        "WON",
        "Y",
        "49.90",
        "o-7",
    )
    assert crm.open_deal(party) is None
    open_id = standin._add(
        standin.deals, {"TITLE": "Renewal", "CONTACT_ID": contact, "STAGE_ID": "NEW", "CLOSED": "N"}
    )
    assert crm.open_deal(party).deal_id == str(open_id)
    assert crm.deal(str(open_id))[0].status == "open"
    assert all(status == 200 for _, status in standin.calls)


def test_undocumented_names_are_refused() -> None:
    assert refusal("crm.deal.add", {"fields": {"TITLE": "x", "AMOUNT": 1}}) is not None
    assert refusal("crm.deal.add", {"fields": {"OPPORTUNITY": 1}}) is not None  # TITLE is required
    assert refusal("crm.deal.remove", {}) == "ERROR_METHOD_NOT_FOUND"
    assert refusal("crm.contact.list", {"filter": {"%EMAIL": "@a.example"}, "select": ["ID"]}) is None


def test_query_limit_raises_rate_limited_and_wrong_webhook_is_refused(standin, served) -> None:
    standin._limited = 1
    with pytest.raises(VendorRateLimited):
        HttpBitrix24(served).find_person("ann@acme.example")
    with pytest.raises(Bitrix24Refused):
        HttpBitrix24(served.replace("hookcode", "guess")).find_person("ann@acme.example")
