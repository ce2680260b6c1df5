"""Macros: variables (with the customer's license key), the customer's language, personal vs shared, and the
ticket changes one click applies."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpdesk.identity.model import Role, StaffMember
from helpdesk.identity.public import StaffRoster
from helpdesk.kernel.errors import Forbidden, Invalid, NotFound
from helpdesk.tickets.model.macro import MacroActions
from helpdesk.tickets.model.ticket import Priority, TicketStatus
from helpdesk.tickets.services.macros import MacroService

from tests.fakes.identity.staff_directory import MemoryStaffDirectory
from tests.fakes.tickets.memory_macros import MemoryMacros
from tests.support.tickets import STAFF_NAMES, MailSpec, wire

pytestmark = pytest.mark.unit


def desk(language: str = ""):
    w = wire()
    ticket_id = w.deliver(MailSpec(subject="Key lost")).ticket_id
    ticket = w.stores.tickets.find(ticket_id)
    customer = w.stores.customers.get(ticket.customer_id)
    w.stores.customers.save(replace(customer, name="Alice Smith", language=language))
    keys = {customer.id: "PP-1234-KEY"}
    staff = StaffRoster(
        MemoryStaffDirectory([StaffMember(n, n.title(), (Role.MANAGER,)) for n in STAFF_NAMES])
    )
    macros = MacroService(
        MemoryMacros(), w.services.tickets, w.stores.customers, lambda c: keys.get(c, ""), staff
    )
    return w, ticket, macros


def test_variables_are_filled_in_the_customers_language_where_a_translation_exists():
    w, ticket, macros = desk(language="ru")
    text = "Hi {{customer.name}}, your key is {{ customer.license_key }} ({{ticket.number}}). {{agent.name}}"
    macro = macros.create(
        "anna@hd.test", "Key", text, MacroActions(), translations={"RU": "Привет, {{customer.name}}"}
    )
    assert macros.apply(ticket.id, macro.id, "anna@hd.test", "Anna").text == "Привет, Alice Smith"
    w2, ticket2, macros2 = desk(language="de")  # no German text: the default one
    macro2 = macros2.create("anna@hd.test", "Key", text, MacroActions(), translations={"ru": "Привет"})
    assert macros2.apply(ticket2.id, macro2.id, "anna@hd.test", "Anna").text == (
        f"Hi Alice Smith, your key is PP-1234-KEY ({ticket2.number}). Anna"
    )


def test_an_unknown_variable_is_refused_when_the_macro_is_saved():
    _, _, macros = desk()
    with pytest.raises(Invalid, match="customer.nmae"):
        macros.create("anna@hd.test", "Typo", "Hi {{customer.nmae}}", MacroActions())


def test_a_macro_sets_status_priority_tags_and_assignee_in_one_click():
    w, ticket, macros = desk()
    actions = MacroActions(TicketStatus.PENDING, Priority.HIGH, ("licensing",), " BOB ")
    macro = macros.create("anna@hd.test", "Waiting", "We wait for you.", actions)
    assert macro.actions.assignee == "bob"  # as the staff list spells it
    applied = macros.apply(ticket.id, macro.id, "anna@hd.test", "Anna")
    stored = w.stores.tickets.find(ticket.id)
    assert applied.ticket == stored
    assert (stored.status, stored.priority, "licensing" in stored.tags, stored.assignee) == (
        TicketStatus.PENDING,
        Priority.HIGH,
        True,
        "bob",
    )


def test_a_macro_assigning_to_someone_not_on_the_staff_is_refused_when_saved():
    _, _, macros = desk()
    with pytest.raises(Invalid, match="not a staff user"):
        macros.create("anna@hd.test", "Hand over", "x", MacroActions(assignee="alice@acme.example"))
    assert macros.usable_by("anna@hd.test") == []


def test_a_personal_macro_is_only_its_owners_and_a_stranger_cannot_tell_it_exists():
    _, ticket, macros = desk()
    mine = macros.create("anna@hd.test", "Mine", "Anna's words", MacroActions(), shared=False)
    shared = macros.create("anna@hd.test", "Team", "Our words", MacroActions())
    assert [m.name for m in macros.usable_by("ANNA@hd.test")] == ["Mine", "Team"]
    assert [m.id for m in macros.usable_by("boris@hd.test")] == [shared.id]
    for macro_id in (mine.id, "no-such-macro"):
        with pytest.raises(NotFound) as refused:
            macros.apply(ticket.id, macro_id, "boris@hd.test", "Boris")
        assert str(refused.value) == macro_id


def test_a_shared_macro_is_changed_by_its_author_or_a_manager_and_a_personal_one_by_its_owner_only():
    _, ticket, macros = desk()
    team = macros.create("anna@hd.test", "Team", "Our words", MacroActions())
    mine = macros.create("anna@hd.test", "Mine", "Anna's words", MacroActions(), shared=False)
    with pytest.raises(Forbidden):
        macros.update(team.id, "boris@hd.test", False, "Team", "Boris's words", MacroActions())
    with pytest.raises(Forbidden):
        macros.delete(team.id, "boris@hd.test", False)
    for stranger_sees_nothing in (mine.id, "no-such-macro"):
        with pytest.raises(NotFound):
            macros.update(stranger_sees_nothing, "boris@hd.test", True, "X", "x", MacroActions())
        with pytest.raises(NotFound):
            macros.delete(stranger_sees_nothing, "boris@hd.test", True)

    edited = macros.update(
        team.id, "ANNA@hd.test", False, "Team", "Hi {{customer.name}}", MacroActions(assignee="ann")
    )
    assert (edited.id, edited.owner, edited.actions.assignee) == (team.id, None, "ann")
    assert macros.apply(ticket.id, team.id, "bob@hd.test", "Bob").text == "Hi Alice Smith"
    with pytest.raises(Invalid):
        macros.update(team.id, "anna@hd.test", False, "Team", "{{customer.nmae}}", MacroActions())
    assert macros.update(team.id, "boris@hd.test", True, "Team v2", "Ours", MacroActions()).name == "Team v2"
    macros.delete(team.id, "boris@hd.test", True)
    macros.delete(mine.id, "anna@hd.test", False)
    assert macros.usable_by("anna@hd.test") == []
