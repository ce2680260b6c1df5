"""Issue 17: conversations an agent starts, through the staff API handler under moto and the outbound queue's
worker: a new ticket by the agent's first mail, and a ticket's message forwarded to someone outside it."""

from __future__ import annotations

import pytest
from helpdesk.bootstrap import container

from tests.integration.commerce.conftest import Answer, call, sent_mail, shop  # noqa: F401 - the fixture
from tests.integration.tasks.test_task_done_mail import deliver_outbound
from tests.support.template_stack import TemplateStack

pytestmark = pytest.mark.integration
CUSTOMER = "olga@romashka.example"
HOSTING = "support@hoster.example"


def staff(method: str, resource: str, body: object = None, token: str = "anna", **params: str) -> Answer:
    return call("StaffApiFunction", method, resource, body, token=token, **params)


def test_an_agent_opens_a_ticket_by_writing_first_and_it_waits_for_the_customer(shop: TemplateStack) -> None:  # noqa: F811
    new = {"to": CUSTOMER, "subject": "Your server's PHP version", "text": "Hello Olga, we need PHP 8.2."}
    opened = staff("POST", "/tickets", {**new, "client_token": "c-1"})
    assert opened.status == 201, opened.body
    ticket = opened.body
    assert (ticket["status"], ticket["assignee"], ticket["participants"]) == (
        "pending",
        "anna@helpdesk.localhost",
        [CUSTOMER],
    )
    assert staff("POST", "/tickets", {**new, "client_token": "c-1"}).body["id"] == ticket["id"]  # a retry

    deliver_outbound(shop)
    [mail] = sent_mail(CUSTOMER)
    assert ticket["number"] in mail.subject and "we need PHP 8.2" in mail.body
    page = staff("GET", "/tickets/{ticket_id}", ticket_id=ticket["id"]).body
    assert [m["direction"] for m in page["messages"]] == ["outbound"]
    customer = container().ticket_stores.customers.by_email(CUSTOMER)
    assert customer is not None and page["ticket"]["customer_id"] == customer.id


def test_an_unusable_address_or_empty_subject_is_refused_and_nothing_is_sent(shop: TemplateStack) -> None:  # noqa: F811
    for bad in (
        {"to": "not an address", "subject": "x", "text": "y"},
        {"to": CUSTOMER, "subject": " ", "text": "y"},
    ):
        assert staff("POST", "/tickets", bad).status == 422
    assert (
        staff("POST", "/tickets", {"to": CUSTOMER, "subject": "x", "text": "y"}, token="alice").status == 403
    )
    deliver_outbound(shop)
    assert sent_mail(CUSTOMER) == []


def test_a_forward_reaches_the_third_party_with_the_customers_message_and_stays_staff_only(
    shop: TemplateStack,  # noqa: F811
) -> None:
    alice = "alice@acme.example"  # a cabinet user: her view of the ticket must not show the forward
    opened = staff("POST", "/tickets", {"to": alice, "subject": "Site down", "text": "We are looking."}).body
    forwarded = staff(
        "POST",
        "/tickets/{ticket_id}/forward",
        {"to": HOSTING, "text": "Could you check the firewall?"},
        ticket_id=opened["id"],
    )
    assert forwarded.status == 201, forwarded.body
    assert forwarded.body["direction"] == "note" and forwarded.body["to"] == [HOSTING]

    deliver_outbound(shop)
    [mail] = sent_mail(HOSTING)
    assert mail.subject.startswith("Fwd: Site down") and opened["number"] in mail.subject
    assert "Could you check the firewall?" in mail.body and "We are looking." in mail.body
    assert "Forwarded message" in mail.body
    assert len(sent_mail(alice)) == 1  # the customer got the first mail only

    cabinet = call("CabinetApiFunction", "GET", "/tickets/{ticket_id}", token="alice", ticket_id=opened["id"])
    assert cabinet.status == 200 and "We are looking." in str(cabinet.body)
    assert "firewall" not in str(cabinet.body) and HOSTING not in str(cabinet.body)
    missing = staff("POST", "/tickets/{ticket_id}/forward", {"to": HOSTING}, ticket_id="no-such-ticket")
    assert missing.status == 404
