"""The cabinet's access matrix: a customer sees their organisation's objects; anything else answers 404."""

from __future__ import annotations

import pytest
from helpdesk.bootstrap import container
from helpdesk.commerce.adapters.stripe_local import session_completed_event, signed_webhook
from helpdesk.identity.model import Principal, Role
from helpdesk.notices.services import deliver_notice
from helpdesk.notices.views import NotifyRequested
from helpdesk.tickets.ports import TicketQuery

from .conftest import TOKENS, cabinet, checkout_of, public

pytestmark = pytest.mark.integration
LISTS = ["/orders", "/licenses", "/invoices", "/notices", "/tickets"]


def buy(token: str, domain: str) -> str:
    cart = {"items": [{"product": "seo-pro", "edition": "standard", "domains": [domain]}]}
    session_id, checkout_id = checkout_of(public("POST", "/checkout", cart, token=token).body["checkout_url"])
    checkout = container().checkout_store.get_checkout(checkout_id)
    body, signature = signed_webhook(
        session_completed_event(checkout, session_id, f"pi_{session_id}"),
        container().settings.local_stripe_webhook_secret,
    )
    assert (
        public("POST", "/webhooks/stripe", body.decode(), headers={"Stripe-Signature": signature}).status
        == 200
    )
    return checkout_id


def test_each_customer_sees_only_their_organisations_objects(shop) -> None:  # type: ignore[no-untyped-def]
    alice_order, bob_order = buy("alice", "shop.acme.example"), buy("bob", "globex.example")
    deliver_notice(
        NotifyRequested(
            notice_id="notice-alice-1",
            audience="customer",
            recipient="alice@acme.example",
            subject="Your order is paid",
        ),
        container().notice_store,
        container().clock,
    )
    opened = cabinet(
        "POST",
        "/tickets",
        {
            "subject": "Help",
            "text": "It broke",
            "attachments": [{"filename": "a.txt", "content_base64": "aGk="}],
        },
        token="alice",
    )
    assert opened.status == 200 and opened.body["organisation_id"] == "org-acme"
    ticket_id = opened.body["id"]

    mine = {path[1:]: cabinet("GET", path, token="alice").body["items"] for path in LISTS}
    assert [o["id"] for o in mine["orders"]] == [alice_order] == [i["order_id"] for i in mine["invoices"]]
    assert [lic["order_id"] for lic in mine["licenses"]] == [alice_order]
    assert mine["licenses"][0]["key"].startswith("HDL1.")
    assert [n["title"] for n in mine["notices"]] == ["Your order is paid"]
    assert {t["id"] for t in mine["tickets"]} >= {ticket_id}

    theirs = {path[1:]: cabinet("GET", path, token="bob").body["items"] for path in LISTS}
    assert [o["id"] for o in theirs["orders"]] == [bob_order]
    assert [lic["order_id"] for lic in theirs["licenses"]] == [bob_order]
    assert theirs["notices"] == [] and ticket_id not in {t["id"] for t in theirs["tickets"]}

    assert cabinet("GET", "/tickets/{ticket_id}", token="bob", ticket_id=ticket_id).status == 404
    assert (
        cabinet(
            "POST", "/tickets/{ticket_id}/replies", {"text": "mine now"}, token="bob", ticket_id=ticket_id
        ).status
        == 404
    )
    assert cabinet("GET", "/tickets/{ticket_id}", token="alice", ticket_id="no-such-ticket").status == 404


def test_the_internal_new_order_ticket_never_reaches_the_cabinet(shop) -> None:  # type: ignore[no-untyped-def]
    buy("alice", "shop.acme.example")  # opens the staff's "New order" ticket, naming Alice
    [order_ticket] = container().ticket_stores.tickets.list(TicketQuery(tag="order"), 10).items
    assert order_ticket.internal and order_ticket.customer_id and order_ticket.organisation_id == "org-acme"
    for token in ("alice", "carol"):
        assert cabinet("GET", "/tickets", token=token).body["items"] == []
        assert cabinet("GET", "/tickets/{ticket_id}", token=token, ticket_id=order_ticket.id).status == 404
        reply = cabinet(
            "POST", "/tickets/{ticket_id}/replies", {"text": "hi"}, token=token, ticket_id=order_ticket.id
        )
        assert reply.status == 404  # the same answer as an unknown id
    assert len(container().ticket_stores.messages.for_ticket(order_ticket.id)) == 1  # the staff note only


def test_reply_shows_in_the_conversation_without_staff_notes(shop) -> None:  # type: ignore[no-untyped-def]
    ticket_id = cabinet("POST", "/tickets", {"subject": "Q", "text": "first"}, token="alice").body["id"]
    assert (
        cabinet(
            "POST", "/tickets/{ticket_id}/replies", {"text": "second"}, token="alice", ticket_id=ticket_id
        ).status
        == 200
    )
    conversation = cabinet("GET", "/tickets/{ticket_id}", token="alice", ticket_id=ticket_id).body
    assert [m["text"] for m in conversation["messages"]] == ["first", "second"]


def test_staff_and_anonymous_callers_are_refused(shop) -> None:  # type: ignore[no-untyped-def]
    for path in ["/me", *LISTS]:
        assert cabinet("GET", path).status == 401, path
        assert cabinet("GET", path, token="anna").status == 403, path
        assert cabinet("GET", path, token="forged").status == 401, path
    assert cabinet("GET", "/tickets", token="alice", query={"limit": "lots"}).status == 422
    assert cabinet("GET", "/tickets", token="alice", query={"limit": "2"}).status == 200
    me = cabinet("GET", "/me", token="alice").body
    assert me["email"] == "alice@acme.example" and me["organisation_id"] == "org-acme"


def test_a_purchase_registers_the_buyer_with_their_organisation_for_colleagues_to_see(shop) -> None:  # type: ignore[no-untyped-def]
    buy("alice", "shop.acme.example")
    alice = container().ticket_stores.customers.by_email("alice@acme.example")
    assert alice.organisation_id == "org-acme" and alice.registered
    mine = cabinet("POST", "/tickets", {"subject": "Setup help", "text": "How?"}, token="alice").body["id"]
    assert [t["id"] for t in cabinet("GET", "/tickets", token="carol").body["items"]] == [mine]
    assert cabinet("GET", "/tickets", token="bob").body["items"] == []


def test_the_cabinet_greets_a_customer_by_the_name_in_their_token(shop, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    zoe = Principal("sub-zoe", "zoe@acme.example", frozenset({Role.CUSTOMER}), "org-acme", name="Zoë Quinn")
    monkeypatch.setitem(TOKENS, "zoe", zoe)
    assert cabinet("GET", "/me", token="zoe").body["name"] == "Zoë Quinn"
    assert cabinet("GET", "/me", token="alice").body["name"] in (
        "",
        None,
    )  # no name given: the site shows the e-mail
