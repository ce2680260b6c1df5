"""What a fulfilled order tells people: the customer's receipt and the manager's "New order" ticket."""

from __future__ import annotations

from helpdesk.commerce.model.orders import Order, receipt_text
from helpdesk.commerce.ports import NewOrderTicket
from helpdesk.notices.public import OutgoingMail


def receipt_mail(order: Order, keys: list[str], shop_url: str = "") -> OutgoingMail:
    """`keys`: each line's license key, in line order; `shop_url`: where the download links point."""
    text = receipt_text(order, keys, shop_url)
    subject = f"Your {order.in_sentence}"
    return OutgoingMail(order.customer_email, subject, text, f"receipt:{order.id}")


def new_order_ticket(order: Order) -> NewOrderTicket:
    products = ", ".join(f"{line.offer.name} ({line.offer.edition})" for line in order.lines)
    total = f"{order.total.amount / 100:.2f} {order.total.currency}"
    verb = "renewed" if order.renewals() and len(order.renewals()) == len(order.lines) else "bought"
    return NewOrderTicket(
        order.id,
        order.customer_id,
        order.customer_email,
        order.lines[0].offer.manager,
        f"New {order.in_sentence}: {products}",
        f"{order.customer_email} {verb} {products} for {total}.",
        f"new-order:{order.id}",
        order.organisation_id,
    )
