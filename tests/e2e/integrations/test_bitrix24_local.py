"""Issue 19's Bitrix24 round trip on the local stack: the demo connects the connector to the stand-in's
incoming webhook (which checks every call against the recorded method descriptions); its ONCRMDEALUPDATE
events come back through the local gateway, verified by application_token."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.e2e.integrations.test_pipedrive_local import buy, ticket_of
from tests.e2e.tickets.test_mail_to_ticket import send
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e]


def standin(local: LocalProcess, method: str, path: str, body: Any = None) -> Any:
    status, answer = local.json("bitrix24", method, f"/__standin{path}", body)
    assert status == 200, answer
    return answer


def test_ticket_links_to_the_open_deal_and_deal_updates_come_back(local: LocalProcess) -> None:
    anna = local.token("anna@helpdesk.localhost")
    email = f"egor-{uuid.uuid4().hex[:6]}@initech.example"
    contact = standin(local, "POST", "/contacts", {"name": "Egor", "email": email})["id"]
    deal = standin(
        local, "POST", "/deals", {"title": "Annual support", "contact_id": contact, "opportunity": 1200}
    )["id"]
    standin(local, "POST", "/rate-limit", {"calls": 1})  # QUERY_LIMIT_EXCEEDED first: retried via the queue

    subject = f"Support plan question {uuid.uuid4().hex[:6]}"
    send(local, email, subject, "Hello, what does the annual plan include?")
    ticket = local.wait_for(lambda: ticket_of(local, anna, subject), timeout=30)

    def linked() -> list[dict[str, Any]]:
        links = local.api("console", "GET", f"/integrations/tickets/{ticket['id']}", anna)[1]
        return [link for link in links if link["connector"] == "bitrix24"]

    [link] = local.wait_for(linked, timeout=30)
    assert (link["deal"]["deal_id"], link["deal"]["status"]) == (str(deal), "open")
    assert any(c["status"] == 503 for c in standin(local, "GET", "/calls"))

    assert standin(local, "POST", f"/deals/{deal}", {"STAGE_ID": "WON", "CLOSED": "Y"})["event_status"] == 200

    def won() -> dict[str, Any] | None:
        profiles = local.api("console", "GET", f"/integrations/customers/{ticket['customer_id']}", anna)[1]
        mine = [p for p in profiles if p["connector"] == "bitrix24"]
        return mine[0] if mine and mine[0]["deals"] and mine[0]["deals"][0]["status"] == "won" else None

    profile = local.wait_for(won, timeout=30)
    assert profile["person_id"] == str(contact)

    forged = urlencode(
        {"event": "ONCRMDEALUPDATE", "data[FIELDS][ID]": str(deal), "auth[application_token]": "x"}
    )
    status, _, _ = local.request(
        "api",
        "POST",
        "/public/webhooks/bitrix24",
        forged.encode(),
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 401


def test_a_paid_order_becomes_a_won_deal_in_bitrix24(local: LocalProcess) -> None:
    """Both CRMs are enabled on the local stack: the order reaches Bitrix24 as well."""

    order_id = buy(local, local.token("alice@acme.example"))

    def won() -> dict[str, Any] | None:
        state = standin(local, "GET", "/state")
        return next((d for d in state["deals"] if d.get("ORIGIN_ID") == order_id), None)

    deal = local.wait_for(won, timeout=30)
    assert deal["TITLE"].startswith("ORD-") and (deal["STAGE_ID"], deal["CLOSED"], deal["CURRENCY_ID"]) == (
        "WON",
        "Y",
        "EUR",
    )
    contact = next(c for c in standin(local, "GET", "/state")["contacts"] if c["ID"] == deal["CONTACT_ID"])
    assert [e["VALUE"] for e in contact["EMAIL"]] == ["alice@acme.example"]
