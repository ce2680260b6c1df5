"""PynamoDB items of checkout and fulfilment in the single `helpdesk` table (see docs/licensing.md)."""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.models import Model

from helpdesk.kernel.adapters.dynamo_items import _Gsi1, _Gsi2, bind_model


class CheckoutTableItem(Model):
    """Every checkout item: pk/sk plus a JSON body; the kinds are told apart by `entity`.

    CHECKOUT#<id> / CHECKOUT            the priced cart (entity Checkout)
    ORDER#<id>    / ORDER               the order; gsi1 CUSTOMER#<customer> / ORDER#<paid_at>#<id>,
                                        gsi2 ORG#<organisation> / same (orders with an organisation)
    ORDER#<id>    / EFFECT#<name>       a performed side effect (receipt, ticket)
    PAYMENT#<ref> / ORDER | REFUND      payment -> order link, refund seen
    EVENT#<id>    / EVENT               a handled webhook event, removed by TTL (expires_at)
    """

    class Meta:
        table_name = "helpdesk"

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    entity = UnicodeAttribute()
    body = UnicodeAttribute(null=True)
    order_id = UnicodeAttribute(null=True)
    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    by_customer = _Gsi1()
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)
    by_organisation = _Gsi2()
    expires_at = NumberAttribute(null=True)
    tally = NumberAttribute(null=True)  # counters (order numbers), added to atomically


def bind(table_name: str, region: str, host: str | None) -> None:
    bind_model(CheckoutTableItem, table_name, region, host)
