"""Issue 19's Pipedrive round trip on the local stack: the demo connects the connector to the stand-in (which
checks every call against Pipedrive's OpenAPI v2 document); the stack's stream consumer and queue worker
carry the calls; the stand-in posts webhooks v2 with basic auth through the local gateway."""

from __future__ import annotations

import base64
import uuid
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.commerce.test_commerce_local import api, pay
from tests.e2e.tickets.test_mail_to_ticket import send
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e]
TOKEN = {"x-api-token": "local-pipedrive-token"}


def standin(local: LocalProcess, method: str, path: str, body: Any = None) -> Any:
    status, answer = local.json("pipedrive", method, f"/__standin{path}", body)
    assert status == 200, answer
    return answer


def pipedrive_api(local: LocalProcess, method: str, path: str, body: Any = None) -> Any:
    status, answer = local.json("pipedrive", method, f"/api/v2{path}", body, **TOKEN)
    assert status == 200, answer
    return answer["data"]


def ticket_of(local: LocalProcess, token: str, subject: str) -> dict[str, Any] | None:
    status, page = local.api("console", "GET", "/tickets?limit=100", token)
    assert status == 200, page
    return next((t for t in page["items"] if t["subject"] == subject), None)


def buy(local: LocalProcess, token: str) -> str:
    """A yearly SEO Pro for a fresh domain, paid on the local payment page: the order's id."""
    cart = {"items": [{"product": "seo-pro", "edition": "pro", "plan": "yearly",
                       "domains": [f"{uuid.uuid4().hex[:6]}.acme.example"]}], "currency": "EUR"}  # fmt: skip
    status, started = api(local, "shop", "POST", "/checkout", token, cart)
    assert status == 200, started
    pay(local, started["checkout_url"])
    return parse_qs(urlsplit(started["checkout_url"]).query)["checkout"][0]


def test_admins_see_the_connector_configured_and_never_its_credentials(local: LocalProcess) -> None:
    admin = local.token("admin@helpdesk.localhost")
    status, _, raw = local.request(
        "console", "GET", "/api/integrations", None, {"Authorization": f"Bearer {admin}"}
    )
    assert status == 200
    [pipedrive] = [c for c in __import__("json").loads(raw) if c["connector"] == "pipedrive"]
    assert pipedrive["enabled"] and pipedrive["has_credentials"] and "/api/v2" in pipedrive["base_url"]
    assert b"local-pipedrive-token" not in raw and b"local-pipedrive-webhook-password" not in raw
    manager = local.token("anna@helpdesk.localhost")
    assert local.api("console", "GET", "/integrations", manager)[0] == 403


def test_a_paid_order_becomes_a_won_deal_on_the_customers_person(local: LocalProcess) -> None:
    alice = local.token("alice@acme.example")
    checkout_id = buy(local, alice)

    def won_deal() -> dict[str, Any] | None:
        state = standin(local, "GET", "/state")
        persons = {p["id"]: p for p in state["persons"]}
        return next(
            (d for d in state["deals"] if d["status"] == "won"
             and any(e["value"] == "alice@acme.example" for e in persons[d["person_id"]]["emails"])),
            None,
        )  # fmt: skip

    deal = local.wait_for(won_deal, timeout=30)
    assert deal["title"].startswith("ORD-") and deal["currency"] == "EUR" and deal["value"] > 0
    org = next(o for o in standin(local, "GET", "/state")["organizations"] if o["id"] == deal["org_id"])
    assert org["name"] == "acme.example"
    status, orders = api(local, "cabinet", "GET", "/orders", alice)
    assert checkout_id in [o["id"] for o in orders["items"]]


def test_a_ticket_links_to_the_open_deal_and_webhooks_update_the_customer(local: LocalProcess) -> None:
    anna = local.token("anna@helpdesk.localhost")
    email = f"dora-{uuid.uuid4().hex[:6]}@initech.example"
    person = standin(local, "POST", "/persons", {"name": "Dora", "email": email})["id"]
    deal = pipedrive_api(
        local, "POST", "/deals", {"title": "Upgrade to Pro", "person_id": person, "value": 900}
    )
    standin(local, "POST", "/rate-limit", {"calls": 1, "retry_after": 1})  # the first call meets a 429

    subject = f"Question about the upgrade {uuid.uuid4().hex[:6]}"
    send(local, email, subject, "Hello, how do I move to Pro?")
    ticket = local.wait_for(lambda: ticket_of(local, anna, subject), timeout=30)

    def linked() -> list[dict[str, Any]]:
        status, links = local.api("console", "GET", f"/integrations/tickets/{ticket['id']}", anna)
        assert status == 200, links
        return links

    [link] = local.wait_for(linked, timeout=30)
    assert (link["connector"], link["deal"]["deal_id"], link["deal"]["status"]) == (
        "pipedrive",
        str(deal["id"]),
        "open",
    )
    assert any(c["status"] == 429 for c in standin(local, "GET", "/calls"))  # honoured, then retried

    assert standin(local, "POST", f"/persons/{person}", {"name": "Dora Explorer"})["webhook_status"] == 200
    assert standin(local, "POST", f"/deals/{deal['id']}", {"status": "won"})["webhook_status"] == 200
    assert standin(local, "POST", "/redeliver")["webhook_status"] == 200  # the same event: changes nothing
    status, [profile] = local.api("console", "GET", f"/integrations/customers/{ticket['customer_id']}", anna)
    assert (profile["name"], profile["person_id"]) == ("Dora Explorer", str(person))
    assert [(d["deal_id"], d["status"]) for d in profile["deals"]] == [(str(deal["id"]), "won")]

    wrong = "Basic " + base64.b64encode(b"pipedrive-webhook:guess").decode()
    body = {"meta": {"id": "x", "action": "change", "entity": "person", "entity_id": str(person)}, "data": {}}
    status, _ = local.json("api", "POST", "/public/webhooks/pipedrive", body, Authorization=wrong)
    assert status == 401


def test_the_operations_page_data_shows_connector_health_and_queue_depth(local: LocalProcess) -> None:
    ops = local.token("ops@helpdesk.localhost")
    status, health = local.api("console", "GET", "/integrations/health", ops)
    assert status == 200, health
    [pipedrive] = [c for c in health["connectors"] if c["connector"] == "pipedrive"]
    assert pipedrive["enabled"] and pipedrive["last_success_at"]
    assert health["dlq_depth"] == 0 and health["queue_depth"] >= 0
