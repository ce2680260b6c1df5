"""The agent's desk through the staff API in-process under moto (issue 17): the live inbox's
`updated_since` contract and unread state, bulk actions and the spam list, saved views, time tracking."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

import pytest
from helpdesk.bootstrap import container
from helpdesk.tickets.model.customer import Customer, Organisation
from helpdesk.tickets.model.ingest import MailSource
from helpdesk.tickets.model.ticket import Ticket, TicketStatus

from tests.integration.commerce.conftest import shop  # noqa: F401 - the fixture
from tests.integration.edges.test_staff_console_api import staff, staff_pool  # noqa: F401 - the fixture

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("staff_pool")]

LONG_AGO = datetime(2026, 11, 1, tzinfo=UTC)


def ticket(ticket_id: str, number: int, status: TicketStatus = TicketStatus.OPEN, **more: object) -> Ticket:
    t = Ticket(
        ticket_id, f"HD-{number}", f"Subject {ticket_id}", "support", LONG_AGO, LONG_AGO, status, **more
    )
    assert container().ticket_repository.create(t)
    return t


def test_updated_since_answers_only_what_changed_and_what_left_the_view() -> None:
    ticket("t-2", 100002)
    ticket("t-3", 100003, TicketStatus.PENDING)
    first = staff("GET", "/tickets", "mia", query={"status": "open"})
    since = datetime.fromisoformat(first.body["since"])  # where the first poll starts
    assert {t["id"] for t in first.body["items"]} == {"t-2"}

    before = datetime.now(UTC) - timedelta(seconds=1)
    # A staff edit that is no activity (the assignee) and one that moves a ticket out of "open".
    assert (
        staff(
            "PATCH", "/tickets/{ticket_id}", "mia", {"assignee": "dev@helpdesk.example"}, ticket_id="t-3"
        ).status
        == 200
    )
    assert staff("PATCH", "/tickets/{ticket_id}", "mia", {"status": "solved"}, ticket_id="t-2").status == 200
    changed = staff(
        "GET", "/tickets", "mia", query={"status": "pending", "updated_since": before.isoformat()}
    )
    assert changed.status == 200, changed.body
    assert [t["id"] for t in changed.body["items"]] == ["t-3"]
    assert changed.body["items"][0]["assignee"] == "dev@helpdesk.example"
    assert changed.body["left"] == ["t-2"]  # solved: the pending view drops it
    assert since <= before and datetime.fromisoformat(changed.body["since"]) >= before

    later = datetime.now(UTC) + timedelta(seconds=10)
    quiet = staff("GET", "/tickets", "mia", query={"updated_since": later.isoformat()})
    assert quiet.body["items"] == [] and quiet.body["left"] == []


def test_unread_is_per_agent_and_cleared_by_opening_the_ticket() -> None:
    ticket("t-2", 100002)
    assert "t-2" in staff("GET", "/tickets", "mia").body["unread"]
    assert staff("GET", "/tickets/{ticket_id}", "mia", ticket_id="t-2").status == 200
    assert "t-2" not in staff("GET", "/tickets", "mia").body["unread"]
    assert "t-2" in staff("GET", "/tickets", "dev").body["unread"]  # another agent has not read it


def test_bulk_changes_each_ticket_and_reports_unknown_ids() -> None:
    ticket("t-2", 100002, tags=("billing",))
    ticket("t-3", 100003)
    answer = staff(
        "POST",
        "/tickets/bulk",
        "mia",
        {
            "ids": ["t-2", "t-3", "nope"],
            "set": {"status": "pending", "assignee": "dev@helpdesk.example"},
            "add_tags": ["vip"],
        },
    )
    assert answer.status == 200, answer.body
    assert (answer.body["changed"], answer.body["failed"]) == (2, 1)
    assert [r["error"] for r in answer.body["results"]] == ["", "", "not_found"]
    stored = {i: container().ticket_repository.find(i) for i in ("t-2", "t-3")}
    assert {(t.status, t.assignee, t.tags) for t in stored.values() if t} == {
        (TicketStatus.PENDING, "dev@helpdesk.example", ("billing", "vip")),
        (TicketStatus.PENDING, "dev@helpdesk.example", ("vip",)),
    }

    refused = staff(
        "POST", "/tickets/bulk", "mia", {"ids": ["t-2"], "set": {"assignee": "boris@customer.example"}}
    )
    assert refused.status == 422
    assert container().ticket_repository.find("t-2").assignee == "dev@helpdesk.example"  # type: ignore[union-attr]

    retagged = staff("POST", "/tickets/bulk", "mia", {"ids": ["t-2", "t-3"], "set": {"tags": ["renewal"]}})
    assert [r["ticket"]["tags"] for r in retagged.body["results"]] == [
        ["renewal"],
        ["renewal"],
    ]  # set replaces

    merged = staff("POST", "/tickets/bulk", "mia", {"ids": ["t-3"], "merge_into": "t-2"})
    assert merged.body["changed"] == 1
    assert container().ticket_repository.find("t-3").merged_into == "t-2"  # type: ignore[union-attr]


def _mail(sender: str, subject: str) -> bytes:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = sender, "support@helpdesk.localhost", subject
    mail["Message-ID"] = f"<{subject.replace(' ', '-')}@spam.example>"
    mail.set_content("Cheap watches")
    return bytes(mail)


def test_spam_closes_the_ticket_and_holds_the_senders_next_mail_for_review() -> None:
    customer = Customer.for_email("promo@spam.example")
    container().ticket_stores.customers.save(customer)
    ticket("t-2", 100002, customer_id=customer.id, participants=("promo@spam.example",))
    answer = staff("POST", "/tickets/bulk", "mia", {"ids": ["t-2"], "spam": True})
    assert answer.body["changed"] == 1
    stored = container().ticket_repository.find("t-2")
    assert stored is not None and stored.status is TicketStatus.CLOSED and "spam" in stored.tags
    listed = staff("GET", "/spam", "mia").body["items"]
    assert [(s["address"], s["ticket_id"]) for s in listed] == [("promo@spam.example", "t-2")]

    for _ in range(5):  # the numbers the fixtures' tickets took by hand
        container().ticket_stores.counter.next("ticket-number")
    ingest = container().tickets.mail_ingest
    held = ingest.ingest_mail(MailSource("raw", "inbound/spam-1"), _mail("promo@spam.example", "Buy now"))
    assert held.outcome.value == "quarantined" and held.reason.startswith("blocked_sender")
    quarantined = staff("GET", "/quarantine", "mia").body["items"]
    assert [q["sender"] for q in quarantined] == ["promo@spam.example"]  # reviewable, not deleted

    assert staff("POST", "/spam/unblock", "mia", {"address": "promo@spam.example"}).body["items"] == []
    again = ingest.ingest_mail(
        MailSource("raw", "inbound/spam-2"), _mail("promo@spam.example", "Real question")
    )
    assert again.outcome.value == "ticketed"


def test_time_is_logged_once_per_token_and_totalled_per_ticket_customer_and_agent() -> None:
    ticket("t-2", 100002, customer_id="c-1")
    ticket("t-3", 100003, customer_id="c-1")
    for who, tid, minutes, billable in (
        ("mia", "t-2", 30, True),
        ("dev", "t-2", 15, False),
        ("mia", "t-3", 5, True),
    ):
        logged = staff(
            "POST",
            "/tickets/{ticket_id}/time",
            who,
            {"minutes": minutes, "billable": billable},
            ticket_id=tid,
        )
        assert logged.status == 200, logged.body
    body = {"minutes": 10, "billable": True, "client_token": "tok-1"}
    for _ in range(2):  # a retried request logs once
        staff("POST", "/tickets/{ticket_id}/time", "mia", body, ticket_id="t-3")
    sheet = staff("GET", "/tickets/{ticket_id}/time", "mia", ticket_id="t-2").body
    assert sheet["totals"] == {
        "minutes": 45,
        "billable_minutes": 30,
        "by_agent": {"Mia@Helpdesk.example": 30, "dev@helpdesk.example": 15},
    }
    assert staff("GET", "/time", "mia", query={"customer_id": "c-1"}).body["totals"]["minutes"] == 60
    assert (
        staff("GET", "/time", "mia", query={"agent": "mia@helpdesk.example"}).body["totals"]["minutes"] == 45
    )
    assert staff("POST", "/tickets/{ticket_id}/time", "mia", {"minutes": 0}, ticket_id="t-2").status == 422
    unknown = staff("POST", "/tickets/{ticket_id}/time", "mia", {"minutes": 5}, ticket_id="nope")
    assert unknown.status == 404


def test_saved_views_are_personal_or_shared() -> None:
    mine = staff(
        "POST", "/views", "dev", {"name": "My urgent", "filters": {"status": "open"}, "sort": "priority"}
    )
    assert mine.status == 200, mine.body
    shared = staff(
        "POST", "/views", "dev", {"name": "Billing", "filters": {"tag": "billing"}, "shared": True}
    )
    assert [v["name"] for v in staff("GET", "/views", "dev").body["items"]] == ["My urgent", "Billing"]
    assert [v["name"] for v in staff("GET", "/views", "acc").body["items"]] == ["Billing"]
    gone = staff("DELETE", "/views/{view_id}", "acc", view_id=mine.body["id"])
    assert gone.status == 404  # someone else's personal view is unknown to them
    assert staff("DELETE", "/views/{view_id}", "acc", view_id=shared.body["id"]).status == 403
    assert staff("DELETE", "/views/{view_id}", "mia", view_id=shared.body["id"]).status == 200  # a manager
    bad = staff("POST", "/views", "dev", {"name": "x", "filters": {"password": "1"}})
    assert bad.status == 422


def test_all_hides_solved_and_closed_when_asked_and_unassigned_lists_unassigned() -> None:
    ticket("t-2", 100002, TicketStatus.SOLVED)
    ticket("t-3", 100003, assignee="dev@helpdesk.example")
    everything = {t["id"] for t in staff("GET", "/tickets", "mia").body["items"]}
    assert everything == {"t-1", "t-2", "t-3"}
    active = {t["id"] for t in staff("GET", "/tickets", "mia", query={"hide_done": "true"}).body["items"]}
    assert active == {"t-1", "t-3"}
    unassigned = staff("GET", "/tickets", "mia", query={"assignee": "unassigned"}).body["items"]
    assert {t["id"] for t in unassigned} == {"t-1", "t-2"}


def test_customer_and_organisation_pages_list_their_tickets_and_unknown_ids_are_404() -> None:
    customer = Customer.for_email("alice@acme.example", "Alice", organisation_id="org-acme")
    people = container().ticket_stores.customers
    people.save(customer)
    people.save(Customer.for_email("bob@acme.example", "Bob", organisation_id="org-acme"))  # never wrote
    people.save_organisation(Organisation("org-acme", "acme.example", "Acme GmbH"))
    ticket("t-2", 100002, customer_id=customer.id, organisation_id="org-acme")
    page = staff("GET", "/customers/{customer_id}", "dev", customer_id=customer.id)
    assert page.status == 200 and [t["id"] for t in page.body["tickets"]] == ["t-2"]
    assert page.body["organisation"] == {"id": "org-acme", "name": "Acme GmbH"}  # its name, not its id
    org = staff("GET", "/organisations/{organisation_id}", "dev", organisation_id="org-acme").body
    assert org["organisation"]["name"] == "Acme GmbH"
    assert sorted(p["email"] for p in org["people"]) == ["alice@acme.example", "bob@acme.example"]
    assert [t["id"] for t in org["tickets"]] == ["t-2"]
    assert staff("GET", "/customers/{customer_id}", "dev", customer_id="nobody").status == 404
    assert staff("GET", "/organisations/{organisation_id}", "dev", organisation_id="org-none").status == 404
    assert staff("GET", "/customers/{customer_id}", "olga", customer_id=customer.id).status == 403


def test_customer_pages_list_their_tickets_tasks_and_organisation_pages_their_projects_tasks() -> None:
    people = container().ticket_stores.customers
    alice = Customer.for_email("alice@acme.example", "Alice", organisation_id="org-acme")
    bob = Customer.for_email("bob@acme.example", "Bob", organisation_id="org-acme")
    carol = Customer.for_email("carol@initech.example", "Carol", organisation_id="org-initech")
    for customer in (alice, bob, carol):
        people.save(customer)
    ticket("t-2", 100002, customer_id=alice.id, organisation_id="org-acme")
    ticket("t-3", 100003, customer_id=carol.id, organisation_id="org-initech")
    ticket("t-4", 100004, customer_id=bob.id, organisation_id="org-acme")
    for key, organisation in (("ACME", "org-acme"), ("INIT", "org-initech")):
        project = {"key": key, "name": key, "organisation": organisation}
        assert staff("POST", "/projects", "mia", project).status == 201

    def task(project: str, title: str, **more: str) -> str:
        made = staff("POST", "/tasks", "mia", {"project": project, "title": title, **more})
        assert made.status == 201, made.body
        return str(made.body["key"])

    planned = task("ACME", "Plan the upgrade")
    alices = task("ACME", "Alice's export", ticket_id="t-2")
    bobs = task("ACME", "Bob's invoice address", ticket_id="t-4")
    carols = task("INIT", "Carol's invoice", ticket_id="t-3")

    def keys(resource: str, **ids: str) -> list[str]:
        page = staff("GET", resource, "acc", **ids)
        assert page.status == 200, page.body
        assert all(set(t) >= {"id", "key", "title", "status"} for t in page.body["tasks"])
        return [t["key"] for t in page.body["tasks"]]

    assert keys("/customers/{customer_id}", customer_id=alice.id) == [alices]  # not Bob's, of the same client
    assert keys("/customers/{customer_id}", customer_id=carol.id) == [carols]
    assert keys("/organisations/{organisation_id}", organisation_id="org-acme") == [planned, alices, bobs]
    assert keys("/organisations/{organisation_id}", organisation_id="org-initech") == [carols]
    project_only = {"key": "SOLO", "name": "Solo", "organisation": "org-solo"}
    assert staff("POST", "/projects", "mia", project_only).status == 201
    solo = task("SOLO", "Nothing but a task")
    assert keys("/organisations/{organisation_id}", organisation_id="org-solo") == [
        solo
    ]  # found by its tasks
    refused = staff("GET", "/organisations/{organisation_id}", "olga", organisation_id="org-acme")
    assert refused.status == 403  # staff who work tickets only
