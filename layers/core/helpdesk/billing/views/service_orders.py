"""A service order with its tasks and their tickets: staff see who works on each and the estimate, the client
sees progress and logged time only (never assignees, priorities, internal comments or anything of another
organisation)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

from helpdesk.billing.model.quotes import Quote
from helpdesk.billing.model.service_orders import OrderTask, OrderTicket, service_order_name
from helpdesk.billing.views.quotes import QuoteLineView, QuoteView


class CabinetOrderTaskView(BaseModel):
    key: str
    title: str
    status: str
    done: bool
    due: date | None
    logged_minutes: int

    @classmethod
    def of(cls, t: OrderTask) -> CabinetOrderTaskView:
        return cls(key=t.key, title=t.title, status=t.status, done=t.done, due=t.due,
                   logged_minutes=t.logged_minutes)  # fmt: skip


class OrderTaskView(CabinetOrderTaskView):
    id: str
    assignee: str | None
    estimate_minutes: int | None

    @classmethod
    def of(cls, t: OrderTask) -> OrderTaskView:
        return cls(**CabinetOrderTaskView.of(t).model_dump(), id=t.id, assignee=t.assignee,
                   estimate_minutes=t.estimate_minutes)  # fmt: skip


class CabinetOrderTicketView(BaseModel):
    id: str  # opens the cabinet's ticket page
    number: str
    subject: str
    status: str
    last_activity_at: datetime
    task_keys: list[str]

    @classmethod
    def of(cls, t: OrderTicket) -> CabinetOrderTicketView:
        return cls(id=t.id, number=t.number, subject=t.subject, status=t.status,
                   last_activity_at=t.last_activity_at, task_keys=list(t.task_keys))  # fmt: skip


class OrderTicketView(CabinetOrderTicketView):
    assignee: str | None
    priority: str
    organisation_id: str | None

    @classmethod
    def of(cls, t: OrderTicket) -> OrderTicketView:
        return cls(**CabinetOrderTicketView.of(t).model_dump(), assignee=t.assignee, priority=t.priority,
                   organisation_id=t.organisation_id)  # fmt: skip


class CabinetServiceOrderView(BaseModel):
    id: str
    label: str
    quote_id: str
    status: str  # accepted or paid
    currency: str
    total: int  # minor units, VAT excluded
    ordered_at: datetime | None
    lines: list[QuoteLineView]
    logged_minutes: int  # on all its tasks
    tasks: list[CabinetOrderTaskView]
    tickets: list[CabinetOrderTicketView]  # those its tasks came from that the client may open

    @classmethod
    def of(
        cls, quote: Quote, tasks: list[OrderTask], tickets: list[OrderTicket] | None = None
    ) -> CabinetServiceOrderView:
        return cls(**_order(quote, tasks), tasks=[CabinetOrderTaskView.of(t) for t in tasks],
                   tickets=[CabinetOrderTicketView.of(t) for t in tickets or []])  # fmt: skip


class ServiceOrderView(CabinetServiceOrderView):
    organisation_id: str
    tasks: list[OrderTaskView]  # type: ignore[assignment]
    tickets: list[OrderTicketView]  # type: ignore[assignment]

    @classmethod
    def of(
        cls, quote: Quote, tasks: list[OrderTask], tickets: list[OrderTicket] | None = None
    ) -> ServiceOrderView:
        return cls(**_order(quote, tasks), organisation_id=quote.organisation_id,
                   tasks=[OrderTaskView.of(t) for t in tasks],
                   tickets=[OrderTicketView.of(t) for t in tickets or []])  # fmt: skip


def _order(quote: Quote, tasks: list[OrderTask]) -> dict[str, Any]:
    order_id = quote.order_id or ""
    return {"id": order_id, "label": service_order_name(order_id), "quote_id": quote.id,
            "status": quote.status.value, "currency": quote.currency, "total": quote.total,
            "ordered_at": quote.accepted_at, "lines": QuoteView.of(quote).lines,
            "logged_minutes": sum(t.logged_minutes for t in tasks)}  # fmt: skip
