"""Billing's `OrderTasks` over the tasks context's public `TaskDesk`, and the orders tasks are made from (the
shop's and billing's service orders). Billing and tasks are siblings and may not import each other, so the
composition root, which sees both, joins them here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from helpdesk.billing.model.service_orders import OrderTask
from helpdesk.billing.services.service_orders import ServiceOrders
from helpdesk.commerce.public import Order
from helpdesk.tasks.public import TaskDesk
from helpdesk.tasks.views.tasks import TaskListQuery


class DeskOrderTasks:
    def __init__(self, desk: Callable[[], TaskDesk]) -> None:
        self._desk = desk

    def for_order(self, organisation_id: str, order_id: str) -> list[OrderTask]:
        """The organisation's tasks linked to the order (queries per project, no scan), with their time and
        the tickets they came from."""
        desk = self._desk()
        linked = [t for t in desk.cabinet_tasks(organisation_id).items if order_id in t.order_ids]
        summaries = {
            s.key: s
            for project in sorted({t.project for t in linked})
            for s in desk.list_tasks(TaskListQuery(project=project), "").items
        }
        found = []
        for t in linked:
            if (s := summaries.get(t.key)) is not None:
                found.append(OrderTask(s.id, t.key, t.title, t.status, t.done, t.due, s.logged_minutes,
                                       s.assignee, s.estimate_minutes, tuple(t.ticket_ids)))  # fmt: skip
        return found


class Orders(Protocol):
    def get_order(self, order_id: str) -> Order | None: ...


class ShopAndServiceOrders:
    """The tasks context's `OrderLookup`: a shop order, else a service order."""

    def __init__(self, shop: Orders, services: Callable[[], ServiceOrders]) -> None:
        self._shop, self._services = shop, services

    def get_order(self, order_id: str) -> Order | None:
        return self._shop.get_order(order_id) or self._services().as_order(order_id)
