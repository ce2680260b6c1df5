"""Notes with @mentions and files: only real, active staff are told, each once; files stay staff-only."""

from __future__ import annotations

import pytest
from helpdesk.identity.public import StaffMember
from helpdesk.tickets.model.mentions import mentioned
from helpdesk.tickets.model.mime import OutboundFile

from tests.support.tickets import MailSpec, wire

pytestmark = pytest.mark.unit
ANNA = StaffMember("anna@helpdesk.test", "Anna Petrova")
BORIS = StaffMember("boris@helpdesk.test", "Boris Ivanov")
GONE = StaffMember("gone@helpdesk.test", "Gone", active=False)
TWIN = StaffMember("anna@partner.test", "Anna Other")


def test_a_handle_or_a_whole_address_names_active_staff_in_order_once() -> None:
    text = "@boris and @Anna@helpdesk.test, see this. Again @boris. Cc @gone, @mallory, mail@anna.example"
    assert mentioned(text, [ANNA, BORIS, GONE]) == ("boris@helpdesk.test", "anna@helpdesk.test")


def test_a_shared_handle_names_nobody_and_the_author_is_never_told() -> None:
    assert mentioned("@anna look", [ANNA, TWIN]) == ()
    assert mentioned("@anna@partner.test look", [ANNA, TWIN]) == ("anna@partner.test",)
    assert mentioned("note to self @anna.", [ANNA], author="ANNA@helpdesk.test") == ()
    assert mentioned("@anna.", [ANNA]) == ("anna@helpdesk.test",)  # a full stop ends the sentence


def test_a_note_tells_the_mentioned_colleagues_and_keeps_its_files() -> None:
    told: list[tuple[str, tuple[str, ...]]] = []
    w = wire(on_mention=lambda ticket, note, people: told.append((note.text, people)))
    ticket_id = w.deliver(MailSpec()).ticket_id
    log = OutboundFile("trace.log", "text/plain", b"stack")
    note = w.services.tickets.add_note(ticket_id, "ann", "@bob see the log @eve @ann", "Ann", [log])
    assert told == [(note.text, ("bob",))]  # the wired directory's staff are known as "ann" and "bob"
    [ref] = note.attachments
    assert (ref.filename, w.stores.attachments.get(ref.key)) == ("trace.log", b"stack")
    assert w.services.tickets.attachment_url(ticket_id, ref.key)
    w.services.tickets.add_note(ticket_id, "ann", "no one here", "Ann")
    assert len(told) == 1
