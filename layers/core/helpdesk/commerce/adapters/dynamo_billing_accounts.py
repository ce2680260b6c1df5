"""BillingAccounts on the single table: `CUSTOMER#<id>` / `BILLING`, written by one UpdateItem."""

from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute
from pynamodb.exceptions import DoesNotExist
from pynamodb.expressions.update import Action
from pynamodb.models import Model

from helpdesk.commerce.ports import BillingAccount
from helpdesk.kernel.adapters.dynamo_items import bind_model

SK = "BILLING"


class BillingAccountItem(Model):
    """pk CUSTOMER#<customer id>, sk BILLING: the Stripe customer and saved card of one customer."""

    class Meta:
        table_name = "helpdesk"

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    entity = UnicodeAttribute(null=True)
    provider_customer = UnicodeAttribute(null=True)
    payment_method = UnicodeAttribute(null=True)


class DynamoBillingAccounts:
    def __init__(self, table_name: str, region: str, endpoint_url: str | None = None) -> None:
        bind_model(BillingAccountItem, table_name, region, endpoint_url)

    def get(self, customer_id: str) -> BillingAccount | None:
        try:
            item = BillingAccountItem.get(f"CUSTOMER#{customer_id}", SK, consistent_read=True)
        except DoesNotExist:
            return None
        return BillingAccount(customer_id, item.provider_customer or "", item.payment_method or "")

    def remember(self, customer_id: str, provider_customer: str, payment_method: str = "") -> None:
        item = BillingAccountItem(f"CUSTOMER#{customer_id}", SK)
        actions: list[Action] = [
            BillingAccountItem.entity.set("BillingAccount"),
            BillingAccountItem.provider_customer.set(provider_customer),
        ]
        if payment_method:  # one update: an event without a card never erases the one another event named
            actions.append(BillingAccountItem.payment_method.set(payment_method))
        item.update(actions=actions)
