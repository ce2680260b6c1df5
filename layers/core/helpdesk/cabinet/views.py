"""Bodies and views of the cabinet API that the tickets and commerce contracts do not already have."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from helpdesk.billing.views import InvoiceView
from helpdesk.commerce.views.commerce import OrderView
from helpdesk.licensing.views.licensing import LicenseView
from helpdesk.notices.public import Notice
from helpdesk.tasks.views.tasks import CabinetTaskView, TaskSummaryView
from helpdesk.tickets.public import Conversation, OutboundFile
from helpdesk.tickets.views.tickets import ConversationView, ReplyFile, TicketView


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class TicketPageQuery(_Body):
    """Query string of GET /tickets in the cabinet."""

    limit: int = Field(25, ge=1, le=100)
    cursor: str | None = Field(None, max_length=2000)


class NewTicketRequest(_Body):
    subject: str = Field(min_length=1, max_length=300)
    text: str = Field(min_length=1, max_length=100_000)
    attachments: list[ReplyFile] = Field(default_factory=list, max_length=10)

    def files(self) -> list[OutboundFile]:
        return [a.file() for a in self.attachments]


class CustomerReplyRequest(_Body):
    text: str = Field(min_length=1, max_length=100_000)
    attachments: list[ReplyFile] = Field(default_factory=list, max_length=10)

    def files(self) -> list[OutboundFile]:
        return [a.file() for a in self.attachments]


class MeView(BaseModel):
    id: str
    email: str
    name: str
    organisation_id: str


class CabinetMessageView(BaseModel):
    id: str
    ticket_id: str
    created_at: datetime


class NoticeView(BaseModel):
    id: str
    created_at: datetime
    title: str
    text: str
    link: str | None
    read: bool

    @classmethod
    def of(cls, n: Notice) -> NoticeView:
        return cls(
            id=n.notice_id, created_at=n.created_at, title=n.subject, text=n.text, link=n.link, read=n.read
        )


class OrderListView(BaseModel):
    items: list[OrderView]
    cursor: str | None = None


class CabinetLicenseView(LicenseView):
    """A license in the cabinet: also when it must be renewed, and whether to offer renewing now."""

    renews_on: datetime | None  # the period end; None: a lifetime license
    grace_until: datetime | None
    days_left: int | None  # whole days until the period end (0 once it has passed)
    automatic: bool  # a subscription charged on its own
    renewable: bool  # expiring or in grace: the cabinet shows "Renew"


class LicenseListView(BaseModel):
    items: list[CabinetLicenseView]
    cursor: str | None = None


class NoticeListView(BaseModel):
    items: list[NoticeView]
    cursor: str | None = None


class RenewalSessionView(BaseModel):
    """Where the customer pays a license's next period (Stripe Checkout, or the local payment page)."""

    url: str
    session_id: str


class OrganisationRef(BaseModel):
    id: str
    name: str


class CustomerPanelView(BaseModel):
    """The customer panel beside a ticket in the console: who wrote, their other tickets, orders, licenses."""

    id: str
    name: str
    email: str
    organisation: OrganisationRef | None
    tickets: list[TicketView]
    orders: list[OrderView]
    licenses: list[LicenseView]
    invoices: list[InvoiceView] = []


class TicketPageView(ConversationView):
    """A ticket in the console: its conversation and the customer panel (None: no known customer)."""

    customer: CustomerPanelView | None = None
    tasks: list[TaskSummaryView] = []

    @classmethod
    def with_panel(
        cls,
        conversation: Conversation,
        panel: CustomerPanelView | None,
        tasks: list[TaskSummaryView] | None = None,
    ) -> TicketPageView:
        view = ConversationView.of(conversation)
        return cls(ticket=view.ticket, messages=view.messages, customer=panel, tasks=tasks or [])


class CustomerPageView(CustomerPanelView):
    """A customer's page in the console: all their tickets, orders, licenses, invoices, and the tasks made
    from their tickets."""

    language: str = ""
    blocked: bool = False
    tasks: list[TaskSummaryView] = []


class OrganisationPageView(BaseModel):
    organisation: OrganisationRef
    people: list[dict[str, str]]  # the customers who wrote (id, name, email)
    tickets: list[TicketView]
    orders: list[OrderView]
    licenses: list[LicenseView]
    tasks: list[TaskSummaryView] = []  # of the organisation's projects


class OrderPageView(BaseModel):
    """One order with everything that came of it: its invoices, its licenses and the tasks made from it."""

    order: OrderView
    invoices: list[InvoiceView]
    licenses: list[CabinetLicenseView]
    tasks: list[CabinetTaskView]
