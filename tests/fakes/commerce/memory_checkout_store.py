"""In-memory checkout store, held to the same contract tests as the DynamoDB one."""

from __future__ import annotations

import threading
from dataclasses import replace

from helpdesk.commerce.model.orders import Checkout, CheckoutNotFound, Order


class InMemoryCheckoutStore:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._checkouts: dict[str, Checkout] = {}
        self._orders: dict[str, Order] = {}
        self._numbered = 0
        self._payments: dict[str, str] = {}
        self._refunds: set[str] = set()
        self._effects: set[tuple[str, str]] = set()
        self._events: dict[str, int] = {}

    def add_checkout(self, checkout: Checkout) -> None:
        self._checkouts[checkout.id] = checkout

    def get_checkout(self, checkout_id: str) -> Checkout:
        try:
            return self._checkouts[checkout_id]
        except KeyError:
            raise CheckoutNotFound(f"checkout {checkout_id} not found") from None

    def add_order(self, order: Order) -> Order:
        with self._lock:
            if order.id not in self._orders:
                self._numbered += 1
                self._orders[order.id] = replace(order, number=order.number or 1000 + self._numbered)
            return self._orders[order.id]

    def get_order(self, order_id: str) -> Order | None:
        return self._orders.get(order_id)

    def orders_for_organisation(self, organisation_id: str) -> list[Order]:
        mine = [o for o in self._orders.values() if o.organisation_id == organisation_id]
        return sorted(mine, key=lambda o: (o.paid_at, o.id), reverse=True)

    def orders_for_customer(self, customer_id: str) -> list[Order]:
        mine = [o for o in self._orders.values() if o.customer_id == customer_id]
        return sorted(mine, key=lambda o: (o.paid_at, o.id), reverse=True)

    def link_payment(self, payment_ref: str, order_id: str) -> None:
        self._payments[payment_ref] = order_id

    def order_for_payment(self, payment_ref: str) -> str | None:
        return self._payments.get(payment_ref)

    def record_refund(self, payment_ref: str) -> None:
        self._refunds.add(payment_ref)

    def refund_recorded(self, payment_ref: str) -> bool:
        return payment_ref in self._refunds

    def claim_effect(self, order_id: str, effect: str) -> bool:
        with self._lock:
            if (order_id, effect) in self._effects:
                return False
            self._effects.add((order_id, effect))
            return True

    def release_effect(self, order_id: str, effect: str) -> None:
        self._effects.discard((order_id, effect))

    def event_processed(self, event_id: str) -> bool:
        return event_id in self._events

    def mark_event_processed(self, event_id: str, expires_at: int) -> bool:
        with self._lock:
            if event_id in self._events:
                return False
            self._events[event_id] = expires_at
            return True
