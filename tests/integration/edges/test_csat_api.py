"""The satisfaction survey through the APIs in-process under moto: a staff member solves a ticket, the survey
(in the conversation and the outbox) carries the signed link, the public cabinet route rates once, and the
staff report counts it per agent and mailbox."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from helpdesk.bootstrap import container
from helpdesk.tickets.model.customer import Customer
from helpdesk.tickets.model.ticket import Ticket

from tests.integration.commerce.conftest import ANNA, cabinet, call, shop  # noqa: F401 - the fixture
from tests.support.template_stack import TemplateStack

pytestmark = pytest.mark.integration


def staff(method: str, resource: str, body: object = None, **params: str) -> object:
    return call("StaffApiFunction", method, resource, body, token="anna", **params)


def test_solve_mails_a_survey_rated_once_through_the_cabinet_and_reported(shop: TemplateStack) -> None:  # noqa: F811
    staff("GET", "/me")  # Anna is a manager of the pool: she can be assigned
    customer = container().ticket_stores.customers.create_if_absent(Customer.for_email("alice@acme.example"))
    now = datetime.now(UTC)
    ticket = Ticket("t-7", "HD-100007", "Export stops", "support", now, now, customer_id=customer.id)
    container().ticket_repository.create(ticket)
    assert staff("PATCH", "/tickets/{ticket_id}", {"assignee": ANNA.email}, ticket_id="t-7").status == 200
    assert staff("PATCH", "/tickets/{ticket_id}", {"status": "solved"}, ticket_id="t-7").status == 200

    page = staff("GET", "/tickets/{ticket_id}", ticket_id="t-7").body
    assert page["csat"]["rating"] is None and page["csat"]["sent_at"]
    [survey] = [m for m in page["messages"] if "How did we do?" in m["text"]]
    assert survey["to"] == ["alice@acme.example"]
    token = re.search(r"rate\.html#t=([0-9a-f.]+)&r=good", survey["text"])[1]  # type: ignore[index]

    shown = cabinet("GET", "/csat", query={"t": token})
    assert shown.status == 200 and shown.body == {
        "number": "HD-100007",
        "rating": None,
        "comment": "",
        "can_comment": False,
    }
    rated = cabinet("POST", "/csat", {"token": token, "rating": "bad"})
    assert rated.status == 200 and rated.body["can_comment"] is True
    assert cabinet("POST", "/csat", {"token": token, "rating": "good"}).status == 409
    assert (
        cabinet("POST", "/csat", {"token": token, "comment": "Took a week."}).body["comment"]
        == "Took a week."
    )
    assert cabinet("POST", "/csat", {"token": token, "comment": "More"}).status == 409
    rating = staff("GET", "/tickets/{ticket_id}", ticket_id="t-7").body["csat"]  # the console's ticket page
    assert rating | {"sent_at": None, "rated_at": None} == {
        "sent_at": None,
        "rating": "bad",
        "rated_at": None,
        "comment": "Took a week.",
    }  # and never the survey's token
    assert rating["rated_at"] >= rating["sent_at"]
    forged = token[:-4] + ("0000" if not token.endswith("0000") else "1111")
    assert cabinet("GET", "/csat", query={"t": forged}).status == 404

    day = now.date().isoformat()
    report = call(
        "StaffApiFunction", "GET", "/reports/csat", token="anna", query={"from": day, "to": day}
    ).body
    assert report["agents"] == [{"key": ANNA.email, "good": 0, "bad": 1, "score": 0}]
    assert report["mailboxes"] == [{"key": "support", "good": 0, "bad": 1, "score": 0}]


def test_a_signed_in_customer_rates_a_solved_ticket_in_the_cabinet_another_organisation_cannot(
    shop: TemplateStack,  # noqa: F811
) -> None:
    staff("GET", "/me")
    customer = container().ticket_stores.customers.create_if_absent(
        Customer.for_email("alice@acme.example", organisation_id="org-acme")
    )
    now = datetime.now(UTC)
    ticket = Ticket(
        "t-8", "HD-100008", "Coupon", "support", now, now, customer_id=customer.id, organisation_id="org-acme"
    )
    container().ticket_repository.create(ticket)
    path = "/tickets/{ticket_id}/survey"
    assert cabinet("GET", path, token="alice", ticket_id="t-8").status == 404  # not solved yet: no survey
    staff("PATCH", "/tickets/{ticket_id}", {"status": "solved"}, ticket_id="t-8")

    prompt = cabinet("GET", path, token="alice", ticket_id="t-8")
    assert prompt.status == 200 and (prompt.body["number"], prompt.body["rating"]) == ("HD-100008", None)
    assert cabinet("GET", path, token="bob", ticket_id="t-8").status == 404  # another organisation's
    assert cabinet("GET", path, token="alice", ticket_id="t-unknown").status == 404

    rated = cabinet("POST", "/csat", {"token": prompt.body["token"], "rating": "good"}, token="alice")
    assert rated.status == 200
    again = cabinet("GET", path, token="alice", ticket_id="t-8").body
    assert again["rating"] == "good" and again["can_comment"] is True
