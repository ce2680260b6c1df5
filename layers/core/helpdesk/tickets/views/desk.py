"""Bodies and answers of the desk's staff routes: the live inbox, bulk work, spam list, views, time."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from helpdesk.kernel.errors import Invalid
from helpdesk.tickets.model.conversation import TicketChange
from helpdesk.tickets.model.desk import SORTS, SavedView, SpamSender, TimeEntry, TimeFacet, TimeTotals
from helpdesk.tickets.model.ticket import Priority, Ticket, TicketStatus
from helpdesk.tickets.ports import Page
from helpdesk.tickets.views.tickets import TicketListView, TicketView

VIEW_FILTERS = ("status", "assignee", "mailbox", "tag", "customer_id", "done")


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class InboxPageView(TicketListView):
    """A page of the inbox for one agent; with `updated_since`, only what changed (and `left`: ids that moved
    out of the view), and `since` for the next poll."""

    unread: list[str] = []
    left: list[str] = []
    since: datetime | None = None

    @classmethod
    def of_page(cls, page: Page[Ticket], unread: list[str], since: datetime) -> InboxPageView:
        return cls(
            items=[TicketView.of(t) for t in page.items], cursor=page.cursor, unread=unread, since=since
        )

    @classmethod
    def of_changes(
        cls, items: list[Ticket], left: list[str], since: datetime, unread: list[str]
    ) -> InboxPageView:
        return cls(
            items=[TicketView.of(t) for t in items], cursor=None, unread=unread, left=left, since=since
        )


class BulkSet(_Body):
    status: TicketStatus | None = None
    priority: Priority | None = None
    assignee: str | None = Field(None, max_length=200)
    unassign: bool = False
    tags: list[str] | None = Field(None, max_length=30)


class BulkRequest(_Body):
    ids: list[str] = Field(min_length=1, max_length=100)
    set: BulkSet | None = None
    add_tags: list[str] = Field(default_factory=list, max_length=30)
    merge_into: str | None = Field(None, max_length=40)
    spam: bool = False

    def change(self) -> TicketChange:
        s = self.set or BulkSet.model_validate({})
        tags = tuple(s.tags) if s.tags is not None else None
        return TicketChange(s.status, s.priority, s.assignee, s.unassign, tags)


class BulkResultView(BaseModel):
    id: str
    ok: bool
    error: str = ""
    ticket: TicketView | None = None


class BulkAnswerView(BaseModel):
    results: list[BulkResultView]
    changed: int
    failed: int

    @classmethod
    def of(cls, outcomes: list[tuple[str, Ticket | None, str]]) -> BulkAnswerView:
        results = [
            BulkResultView(id=i, ok=not e, error=e, ticket=TicketView.of(t) if t else None)
            for i, t, e in outcomes
        ]
        ok = sum(r.ok for r in results)
        return cls(results=results, changed=ok, failed=len(results) - ok)


class SpamSenderView(BaseModel):
    address: str
    blocked_by: str
    blocked_at: datetime
    ticket_id: str | None

    @classmethod
    def of(cls, s: SpamSender) -> SpamSenderView:
        return cls(address=s.address, blocked_by=s.blocked_by, blocked_at=s.blocked_at, ticket_id=s.ticket_id)


class SpamListView(BaseModel):
    items: list[SpamSenderView]


class UnblockRequest(_Body):
    address: str = Field(min_length=3, max_length=320)


class SavedViewRequest(_Body):
    name: str = Field(min_length=1, max_length=80)
    filters: dict[str, str] = Field(default_factory=dict)
    sort: str = Field("activity", pattern="^(" + "|".join(SORTS) + ")$")
    shared: bool = False

    def checked_filters(self) -> dict[str, str]:
        unknown = set(self.filters) - set(VIEW_FILTERS)
        if unknown:
            raise Invalid(f"unknown filters: {sorted(unknown)}")
        return {k: v[:200] for k, v in self.filters.items() if v}


class SavedViewView(BaseModel):
    id: str
    name: str
    filters: dict[str, str]
    sort: str
    shared: bool
    created_by: str

    @classmethod
    def of(cls, v: SavedView) -> SavedViewView:
        return cls(
            id=v.id, name=v.name, filters=v.filters, sort=v.sort, shared=v.shared, created_by=v.created_by
        )


class SavedViewListView(BaseModel):
    items: list[SavedViewView]


class TimeRequest(_Body):
    minutes: int = Field(ge=1, le=24 * 60)
    billable: bool = False
    note: str = Field("", max_length=500)
    client_token: str | None = Field(None, max_length=100)


class TimeQuery(_Body):
    """Query string of GET /time: the totals of one customer or one agent."""

    customer_id: str | None = Field(None, max_length=40)
    agent: str | None = Field(None, max_length=200)

    def facet(self) -> tuple[TimeFacet, str]:
        if bool(self.customer_id) == bool(self.agent):
            raise Invalid("give customer_id or agent")
        return (
            (TimeFacet.CUSTOMER, self.customer_id)
            if self.customer_id
            else (TimeFacet.AGENT, self.agent or "")
        )


class TimeEntryView(BaseModel):
    id: str
    ticket_id: str
    agent: str
    minutes: int
    billable: bool
    logged_at: datetime
    note: str

    @classmethod
    def of(cls, e: TimeEntry) -> TimeEntryView:
        return cls(
            id=e.id,
            ticket_id=e.ticket_id,
            agent=e.agent,
            minutes=e.minutes,
            billable=e.billable,
            logged_at=e.logged_at,
            note=e.note,
        )


class TimeTotalsView(BaseModel):
    minutes: int
    billable_minutes: int
    by_agent: dict[str, int]


class TimeSheetView(BaseModel):
    entries: list[TimeEntryView]
    totals: TimeTotalsView

    @classmethod
    def of(cls, entries: list[TimeEntry], totals: TimeTotals) -> TimeSheetView:
        return cls(
            entries=[TimeEntryView.of(e) for e in entries],
            totals=TimeTotalsView(
                minutes=totals.minutes, billable_minutes=totals.billable_minutes, by_agent=totals.by_agent
            ),
        )
