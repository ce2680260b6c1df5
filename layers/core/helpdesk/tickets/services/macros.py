"""Macros: create, list the ones an agent may use, apply one to a ticket (its text for the composer, its
changes saved at once)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from helpdesk.identity.public import StaffRoster
from helpdesk.tickets.model.conversation import TicketChange
from helpdesk.tickets.model.customer import stable_id
from helpdesk.tickets.model.macro import Macro, MacroActions, MacroEditForbidden, MacroNotFound, render
from helpdesk.tickets.model.ticket import Ticket
from helpdesk.tickets.ports import CustomerRepository, MacroRepository
from helpdesk.tickets.services.tickets import TicketService


@dataclass(frozen=True)
class AppliedMacro:
    text: str
    ticket: Ticket


class MacroService:
    def __init__(
        self,
        macros: MacroRepository,
        tickets: TicketService,
        customers: CustomerRepository,
        license_key: Callable[[str], str],
        staff: StaffRoster,
    ) -> None:
        """`license_key(customer_id)` is the customer's current key or "" (from the licensing context)."""
        self._macros, self._tickets, self._customers = macros, tickets, customers
        self._license_key, self._staff = license_key, staff

    def create(
        self,
        author: str,
        name: str,
        text: str,
        actions: MacroActions,
        shared: bool = True,
        translations: dict[str, str] | None = None,
    ) -> Macro:
        """NotStaff (422) for an assignee who is not active staff: refused when saved, not at every click."""
        macro = Macro(
            id=stable_id("macro", author.lower(), name, text),
            name=name,
            text=text,
            actions=self._checked(actions),
            translations={k.lower(): v for k, v in (translations or {}).items()},
            owner=None if shared else author.lower(),
            author=author.lower(),
        )
        self._macros.save(macro)
        return macro

    def update(
        self,
        macro_id: str,
        editor: str,
        manages: bool,
        name: str,
        text: str,
        actions: MacroActions,
        shared: bool = True,
        translations: dict[str, str] | None = None,
    ) -> Macro:
        """Replaces a macro the editor may change (Macro.editable_by); its id stays, so pickers keep it."""
        macro = self._editable(macro_id, editor, manages)
        changed = replace(
            macro,
            name=name,
            text=text,
            actions=self._checked(actions),
            translations={k.lower(): v for k, v in (translations or {}).items()},
            owner=None if shared else (macro.owner or editor.lower()),
        )
        self._macros.save(changed)
        return changed

    def delete(self, macro_id: str, editor: str, manages: bool) -> None:
        self._macros.delete(self._editable(macro_id, editor, manages).id)

    def _editable(self, macro_id: str, editor: str, manages: bool) -> Macro:
        """MacroNotFound for unknown and others' personal macros alike; MacroEditForbidden for a shared one
        the editor may apply but not change."""
        macro = self._macros.get(macro_id)
        if macro is None or not macro.visible_to(editor):
            raise MacroNotFound(macro_id)
        if not macro.editable_by(editor, manages):
            raise MacroEditForbidden("a shared macro is changed by its author or a manager")
        return macro

    def _checked(self, actions: MacroActions) -> MacroActions:
        if actions.assignee is None:
            return actions
        return replace(actions, assignee=self._staff.assignee_email(actions.assignee))

    def usable_by(self, email: str) -> list[Macro]:
        return sorted((m for m in self._macros.all() if m.visible_to(email)), key=lambda m: m.name.lower())

    def apply(self, ticket_id: str, macro_id: str, agent_email: str, agent_name: str) -> AppliedMacro:
        macro = self._macros.get(macro_id)
        if macro is None or not macro.visible_to(agent_email):
            raise MacroNotFound(macro_id)
        ticket = self._tickets.get_ticket(ticket_id).ticket
        customer = self._customers.get(ticket.customer_id) if ticket.customer_id else None
        values = {
            "customer.name": (customer.name if customer else "") or "",
            "customer.email": customer.email if customer else (ticket.participants or ("",))[0],
            "customer.license_key": self._license_key(customer.id) if customer else "",
            "ticket.number": ticket.number,
            "ticket.subject": ticket.subject,
            "agent.name": agent_name or agent_email,
        }
        text = render(macro.text_in(customer.language if customer else ""), values)
        a = macro.actions
        if any(v is not None for v in (a.status, a.priority, a.tags, a.assignee)):
            tags = tuple(dict.fromkeys([*ticket.tags, *a.tags])) if a.tags is not None else None
            ticket = self._tickets.change(
                ticket.id, TicketChange(a.status, a.priority, a.assignee, False, tags)
            )
        return AppliedMacro(text, ticket)
