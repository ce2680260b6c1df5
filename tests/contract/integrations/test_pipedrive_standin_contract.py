"""The Pipedrive stand-in holds to Pipedrive's published OpenAPI document both ways, and the real Pipedrive
adapter talks to it: requests that violate the document are refused, answers that would violate it fail."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from helpdesk.integrations.adapters.pipedrive_http import HttpPipedrive
from helpdesk.integrations.model.crm import CrmParty, WonDeal
from helpdesk.integrations.ports import VendorRateLimited
from helpdesk_local.pipedrive_standin import PipedriveStandin, pipedrive_openapi
from werkzeug.serving import make_server
from werkzeug.test import Client

pytestmark = pytest.mark.contract
TOKEN = "pd-token-1"


@pytest.fixture
def standin() -> PipedriveStandin:
    return PipedriveStandin(TOKEN)


@pytest.fixture
def served(standin: PipedriveStandin) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, standin, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/api/v2"
    server.shutdown()


def test_the_vendored_document_is_pipedrives_api_v2() -> None:
    spec = pipedrive_openapi().spec
    assert spec["info"]["title"] == "Pipedrive API v2"
    assert {"/deals", "/persons/search", "/organizations"} <= set(spec["paths"].keys())


def test_the_adapter_finds_creates_and_wins_within_the_document(standin, served) -> None:
    crm = HttpPipedrive(served, TOKEN)
    assert crm.find_person("ann@acme.example") is None
    assert crm.find_org_by_domain("acme.example") is None
    org = crm.create_org("acme.example")
    person = crm.create_person("Ann", "ann@acme.example", org)
    assert crm.find_person("ANN@acme.example") == CrmParty(person, org, "Ann")
    assert crm.find_org_by_domain("acme.example") == org  # through the colleague's organisation
    party = CrmParty(person, org)
    won = WonDeal("Order 7 - Ann", Decimal("49.90"), "EUR", datetime(2026, 12, 7, tzinfo=UTC), party, "o-7")
    deal = crm.add_won_deal(won)
    stored = standin.deals[int(deal)]
    assert (stored["status"], stored["value"]) == ("won", 49.9)
    assert (stored["person_id"], stored["org_id"]) == (int(person), int(org))
    assert crm.open_deal(party) is None  # won is not open
    standin.deals[999] = {**stored, "id": 999, "status": "open", "title": "Renewal talk"}
    assert crm.open_deal(party).deal_id == "999"
    assert all(status == 200 for _, _, status in standin.calls)


def test_a_request_outside_the_document_is_refused_with_400(standin) -> None:
    client = Client(standin)
    answer = client.get("/api/v2/persons/search", headers={"x-api-token": TOKEN})  # `term` is required
    assert answer.status_code == 400
    assert client.get("/api/v2/deals", headers={"x-api-token": "wrong"}).status_code == 401


def test_429_raises_rate_limited_with_the_reset_the_headers_give(standin, served) -> None:
    standin.rate_limit(1, 7)
    with pytest.raises(VendorRateLimited) as limited:
        HttpPipedrive(served, TOKEN).find_person("ann@acme.example")
    assert limited.value.retry_after == 7
