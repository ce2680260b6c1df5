"""Checkout store on the single DynamoDB table: conditional puts make each order, effect and event unique."""

from __future__ import annotations

from dataclasses import replace

from pynamodb.exceptions import DeleteError, DoesNotExist, PutError

from helpdesk.commerce.adapters.dynamo_checkout_items import CheckoutTableItem as Item
from helpdesk.commerce.adapters.dynamo_checkout_items import bind
from helpdesk.commerce.adapters.order_json import checkout_json, order_json, read_checkout, read_order
from helpdesk.commerce.model.orders import Checkout, CheckoutNotFound, Order

FIRST_ORDER_NUMBER = 1000  # the first order reads "ORD-2026-001001": a number, not a count of orders


def _put_new(item: Item) -> bool:
    try:
        item.save(condition=Item.pk.does_not_exist())
    except PutError as exc:
        if exc.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def _get(pk: str, sk: str) -> Item | None:
    try:
        return Item.get(pk, sk, consistent_read=True)
    except DoesNotExist:
        return None


class DynamoCheckoutStore:
    def __init__(self, table_name: str, region: str, endpoint_url: str | None = None) -> None:
        bind(table_name, region, endpoint_url)

    def add_checkout(self, checkout: Checkout) -> None:
        Item(f"CHECKOUT#{checkout.id}", "CHECKOUT", entity="Checkout", body=checkout_json(checkout)).save()

    def get_checkout(self, checkout_id: str) -> Checkout:
        item = _get(f"CHECKOUT#{checkout_id}", "CHECKOUT")
        if item is None or item.body is None:
            raise CheckoutNotFound(f"checkout {checkout_id} not found")
        return read_checkout(item.body)

    def add_order(self, order: Order) -> Order:
        if not order.number and (stored := self.get_order(order.id)) is not None:
            return stored  # a retried webhook: keep the number it got
        order = replace(order, number=order.number or self._next_order_number())
        item = Item(
            f"ORDER#{order.id}",
            "ORDER",
            entity="Order",
            body=order_json(order),
            gsi1pk=f"CUSTOMER#{order.customer_id}",
            gsi1sk=f"ORDER#{order.paid_at.isoformat()}#{order.id}",
        )
        if order.organisation_id:
            item.gsi2pk, item.gsi2sk = f"ORG#{order.organisation_id}", item.gsi1sk
        if _put_new(item):
            return order
        stored = self.get_order(order.id)
        assert stored is not None  # a conditional put failed because it exists
        return stored

    def _next_order_number(self) -> int:
        """Atomic and short; a number lost to a lost race leaves a gap, which is fine for people."""
        counter = Item("COUNTER#orders", "COUNTER", entity="counter")
        counter.update(actions=[Item.tally.add(1), Item.entity.set("counter")])
        return FIRST_ORDER_NUMBER + int(counter.tally or 0)

    def get_order(self, order_id: str) -> Order | None:
        item = _get(f"ORDER#{order_id}", "ORDER")
        return read_order(item.body) if item and item.body else None

    def orders_for_organisation(self, organisation_id: str) -> list[Order]:
        """Newest first."""
        items = Item.by_organisation.query(
            f"ORG#{organisation_id}", Item.gsi2sk.startswith("ORDER#"), scan_index_forward=False
        )
        return [read_order(item.body) for item in items if item.body]

    def orders_for_customer(self, customer_id: str) -> list[Order]:
        """Newest first."""
        items = Item.by_customer.query(
            f"CUSTOMER#{customer_id}", Item.gsi1sk.startswith("ORDER#"), scan_index_forward=False
        )
        return [read_order(item.body) for item in items if item.body]

    def link_payment(self, payment_ref: str, order_id: str) -> None:
        Item(f"PAYMENT#{payment_ref}", "ORDER", entity="PaymentLink", order_id=order_id).save()

    def order_for_payment(self, payment_ref: str) -> str | None:
        item = _get(f"PAYMENT#{payment_ref}", "ORDER")
        return item.order_id if item else None

    def record_refund(self, payment_ref: str) -> None:
        Item(f"PAYMENT#{payment_ref}", "REFUND", entity="RefundSeen").save()

    def refund_recorded(self, payment_ref: str) -> bool:
        return _get(f"PAYMENT#{payment_ref}", "REFUND") is not None

    def claim_effect(self, order_id: str, effect: str) -> bool:
        return _put_new(Item(f"ORDER#{order_id}", f"EFFECT#{effect}", entity="OrderEffect"))

    def release_effect(self, order_id: str, effect: str) -> None:
        try:
            Item(f"ORDER#{order_id}", f"EFFECT#{effect}").delete()
        except DeleteError:
            pass  # nothing to give back

    def event_processed(self, event_id: str) -> bool:
        return _get(f"EVENT#{event_id}", "EVENT") is not None

    def mark_event_processed(self, event_id: str, expires_at: int) -> bool:
        return _put_new(Item(f"EVENT#{event_id}", "EVENT", entity="WebhookEvent", expires_at=expires_at))
