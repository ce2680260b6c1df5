"""Bodies and answers of the macro routes (issue 17's acceptance contract: {name, text, set?}) and of
presence on a ticket."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from helpdesk.tickets.model.macro import VARIABLES, Macro, MacroActions
from helpdesk.tickets.model.presence import Presence, PresenceState
from helpdesk.tickets.model.ticket import Priority, TicketStatus
from helpdesk.tickets.views.tickets import TicketView


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class MacroSet(_Body):
    status: TicketStatus | None = None
    priority: Priority | None = None
    tags: list[str] | None = Field(default=None, max_length=30)
    assignee: str | None = Field(default=None, max_length=200)

    def actions(self) -> MacroActions:
        tags = tuple(self.tags) if self.tags is not None else None
        return MacroActions(self.status, self.priority, tags, self.assignee)

    @classmethod
    def of(cls, a: MacroActions) -> MacroSet:
        tags = list(a.tags) if a.tags is not None else None
        return cls(status=a.status, priority=a.priority, tags=tags, assignee=a.assignee)


class MacroRequest(_Body):
    name: str = Field(min_length=1, max_length=100)
    text: str = Field("", max_length=20_000)
    set: MacroSet = Field(default_factory=MacroSet)
    translations: dict[str, str] = Field(default_factory=dict, max_length=20)
    shared: bool = True


class ApplyMacroRequest(_Body):
    macro_id: str = Field(min_length=1, max_length=40)


class MacroView(BaseModel):
    id: str
    name: str
    text: str
    set: MacroSet
    translations: dict[str, str]
    shared: bool
    editable: bool = True  # whether the caller may change or delete it (the console shows Edit and Delete)

    @classmethod
    def of(cls, m: Macro, editable: bool = True) -> MacroView:
        return cls(
            id=m.id,
            name=m.name,
            text=m.text,
            set=MacroSet.of(m.actions),
            translations=dict(m.translations),
            shared=m.owner is None,
            editable=editable,
        )


class MacroListView(BaseModel):
    items: list[MacroView]
    variables: list[str] = list(VARIABLES)

    @classmethod
    def of(cls, macros: list[Macro], editable: Callable[[Macro], bool]) -> MacroListView:
        return cls(items=[MacroView.of(m, editable(m)) for m in macros])


class AppliedMacroView(BaseModel):
    text: str
    ticket: TicketView


class PresenceRequest(_Body):
    state: PresenceState = PresenceState.VIEWING


class PresenceView(BaseModel):
    email: str
    name: str
    state: PresenceState
    at: datetime


class PresenceListView(BaseModel):
    """The colleagues on the ticket now (never the caller)."""

    others: list[PresenceView]

    @classmethod
    def of(cls, beats: list[Presence]) -> PresenceListView:
        return cls(others=[PresenceView(email=p.email, name=p.name, state=p.state, at=p.at) for p in beats])
