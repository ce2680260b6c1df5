"""Macros (canned replies): a text with `{{customer.name}}`-style variables, translations by language, and
changes to the ticket applied in the same click. Personal (owner set) or shared (owner None)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from helpdesk.kernel.errors import Forbidden, Invalid, NotFound
from helpdesk.tickets.model.ticket import Priority, TicketStatus

VARIABLES = (
    "customer.name",
    "customer.email",
    "customer.license_key",
    "ticket.number",
    "ticket.subject",
    "agent.name",
)
_VARIABLE = re.compile(r"\{\{\s*([a-z_]+(?:\.[a-z_]+)*)\s*\}\}")


class MacroNotFound(NotFound):
    """No such macro, or another agent's personal one: the two answer the same."""


class MacroVariableUnknown(Invalid):
    pass


class MacroEditForbidden(Forbidden):
    """A shared macro is changed by its author or a manager; the rest of the team only applies it."""


@dataclass(frozen=True)
class MacroActions:
    status: TicketStatus | None = None
    priority: Priority | None = None
    tags: tuple[str, ...] | None = None  # added to the ticket's tags
    assignee: str | None = None


@dataclass(frozen=True)
class Macro:
    id: str
    name: str
    text: str
    actions: MacroActions = MacroActions()
    translations: dict[str, str] = field(default_factory=dict)  # language (ISO 639-1) -> text
    owner: str | None = None  # the agent's email for a personal macro; None when shared
    author: str = ""  # who saved it first ("" for macros saved before authors were kept)

    def __post_init__(self) -> None:
        for text in (self.text, *self.translations.values()):
            unknown = sorted(set(_VARIABLE.findall(text)) - set(VARIABLES))
            if unknown:
                raise MacroVariableUnknown(f"unknown variable {unknown[0]!r}; known: {', '.join(VARIABLES)}")

    def visible_to(self, email: str) -> bool:
        return self.owner is None or self.owner.lower() == email.lower()

    def editable_by(self, email: str, manages: bool) -> bool:
        """Personal: its owner only. Shared: its author, or a manager for the team."""
        if not self.visible_to(email):
            return False
        return self.owner is not None or manages or (bool(self.author) and self.author == email.lower())

    def text_in(self, language: str) -> str:
        return self.translations.get(language.lower(), self.text) if language else self.text


def render(text: str, values: dict[str, str]) -> str:
    """Fill the variables; one without a value (no license, no name) becomes empty, never the raw braces."""
    return _VARIABLE.sub(lambda m: values.get(m.group(1), ""), text)
