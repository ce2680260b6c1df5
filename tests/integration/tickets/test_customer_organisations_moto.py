"""Mail tickets land in the organisation customers sign in with, so colleagues see them in the cabinet (real
DynamoDB adapters under moto, the real mail parser)."""

from __future__ import annotations

import boto3
import pytest
from helpdesk.cabinet.services.cabinet import CabinetService
from helpdesk.identity.model import Principal, Role
from helpdesk.tickets.model.customer import stable_id
from helpdesk.tickets.services.customer_registry import CustomerRegistry, backfill_organisation_lists

from tests.support.tickets import SUPPORT

pytestmark = pytest.mark.integration


def customer(email: str, organisation: str) -> Principal:
    return Principal(f"sub-{email}", email, frozenset({Role.CUSTOMER}), organisation)


def mail(sender: str, subject: str) -> bytes:
    return f"From: {sender}\r\nTo: {SUPPORT}\r\nSubject: {subject}\r\n\r\nHello\r\n".encode()


def cabinet(stack) -> CabinetService:  # type: ignore[no-untyped-def]
    unused = None  # the ticket routes need none of orders, licenses, notices, renewals
    return CabinetService(stack.stores, unused, unused, unused, stack.clock, unused)  # type: ignore[arg-type]


def listed(stack, caller: Principal) -> set[str]:  # type: ignore[no-untyped-def]
    return {t.subject for t in cabinet(stack).tickets(caller).items}


def test_colleagues_see_the_organisations_mail_tickets_and_other_organisations_do_not(stack) -> None:  # type: ignore[no-untyped-def]
    CustomerRegistry(stack.stores).register("alice@acme.example", "Alice", "org-acme")
    stack.receive(mail("alice@acme.example", "From Alice"), "k1")
    stack.receive(mail("dave@acme.example", "From Dave"), "k2")  # unknown, same domain
    stack.receive(mail("bob@globex.example", "From Bob"), "k3")
    carol, bob = customer("carol@acme.example", "org-acme"), customer("bob@globex.example", "org-globex")
    assert listed(stack, carol) == {"From Alice", "From Dave"}
    assert listed(stack, bob) == {"From Bob"}  # Bob's first visit registers him and re-homes his ticket


def test_mail_before_registration_moves_into_the_organisation_at_the_first_cabinet_visit(stack) -> None:  # type: ignore[no-untyped-def]
    ticket_id = stack.receive(mail("erin@initech.example", "Before signing up"), "k1").ticket_id
    assert stack.stores.tickets.find(ticket_id).organisation_id == stable_id("org", "initech.example")
    erin = customer("erin@initech.example", "org-initech")
    assert listed(stack, erin) == {"Before signing up"}
    assert stack.stores.tickets.find(ticket_id).organisation_id == "org-initech"
    assert listed(stack, customer("frank@initech.example", "org-initech")) == {"Before signing up"}
    assert stack.stores.customers.by_email("erin@initech.example").registered


def test_the_backfill_puts_tickets_from_before_the_organisation_lists_into_them(stack) -> None:  # type: ignore[no-untyped-def]
    CustomerRegistry(stack.stores).register("alice@acme.example", "Alice", "org-acme")
    ticket_id = stack.receive(mail("alice@acme.example", "Old ticket"), "k1").ticket_id
    key = {"pk": {"S": f"TICKET#{ticket_id}"}, "sk": {"S": "FACET#ORG"}}
    boto3.client("dynamodb", region_name="eu-central-1").delete_item(TableName="helpdesk", Key=key)
    carol = customer("carol@acme.example", "org-acme")
    assert listed(stack, carol) == set()  # as stored before the organisation lists existed
    assert backfill_organisation_lists(stack.stores.tickets) == 1
    assert listed(stack, carol) == {"Old ticket"}


def test_a_notes_file_is_staff_only_the_cabinet_answers_it_as_unknown(stack) -> None:  # type: ignore[no-untyped-def]
    from helpdesk.tickets.model.mime import OutboundFile
    from helpdesk.tickets.ports import TicketNotFound

    ticket_id = stack.receive(mail("erin@initech.example", "Crash"), "k9").ticket_id
    log = OutboundFile("internal.log", "text/plain", b"db password hint")
    note = stack.services.tickets.add_note(ticket_id, "anna@helpdesk.test", "our side", "Anna", [log])
    [ref] = note.attachments
    assert stack.services.tickets.attachment_url(ticket_id, ref.key)  # staff download it
    erin = customer("erin@initech.example", "org-initech")
    shown = cabinet(stack).ticket(erin, ticket_id)
    assert "our side" not in [m.text for m in shown.messages] and len(shown.messages) == 2  # mail, ack
    with pytest.raises(TicketNotFound):
        cabinet(stack).attachment_url(erin, ticket_id, ref.key)
