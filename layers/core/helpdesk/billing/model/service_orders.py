"""Service orders: an accepted or card-paid quote is the client's order for services (`so_...`); the tasks
made from it report their progress and logged time, and name the tickets they came from (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from helpdesk.kernel.errors import NotFound

PREFIX = "so_"


class ServiceOrderNotFound(NotFound):
    """No service order with this id that the caller may see (a foreign one answers the same)."""


def quote_id_of(order_id: str) -> str | None:
    """The quote a service order was made from; None for ids that are not service orders."""
    known = order_id.startswith(PREFIX) and len(order_id) > len(PREFIX)
    return "qt_" + order_id.removeprefix(PREFIX) if known else None


def service_order_name(order_id: str) -> str:
    return f"Service order {order_id.removeprefix(PREFIX)[:8].upper()}"


@dataclass(frozen=True)
class OrderTask:
    """A task made from a service order; `assignee` and `estimate_minutes` are for staff only."""

    id: str
    key: str
    title: str
    status: str
    done: bool
    due: date | None
    logged_minutes: int
    assignee: str | None = None
    estimate_minutes: int | None = None
    ticket_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class OrderTicket:
    """A ticket the order's tasks came from; `assignee`, `priority` and `organisation_id` are staff's."""

    id: str
    number: str
    subject: str
    status: str
    last_activity_at: datetime
    task_keys: tuple[str, ...]  # the order's tasks made from it
    assignee: str | None = None
    priority: str = ""
    organisation_id: str | None = None
