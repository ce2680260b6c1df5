"""PynamoDB items of the licensing context in the single `helpdesk` table (see docs/licensing.md)."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.models import Model

from helpdesk.kernel.adapters.dynamo_items import _Gsi1, _Gsi2, _Gsi3, _Item, bind_model


class LicenseItem(_Item):
    """pk LICENSE#<id>, sk LICENSE; gsi1 by customer, gsi2 by organisation, gsi3 by order."""

    gsi1pk = UnicodeAttribute()
    gsi1sk = UnicodeAttribute()
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)
    gsi3pk = UnicodeAttribute(null=True)
    gsi3sk = UnicodeAttribute(null=True)
    by_customer = _Gsi1()
    by_organisation = _Gsi2()
    by_order = _Gsi3()

    product = UnicodeAttribute()
    edition = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    organisation_id = UnicodeAttribute(null=True)
    order_id = UnicodeAttribute(null=True)
    domains = ListAttribute(of=UnicodeAttribute)
    issued = UTCDateTimeAttribute()
    expires = UTCDateTimeAttribute(null=True)
    updates_until = UTCDateTimeAttribute(null=True)
    max_activations = NumberAttribute()
    serial = NumberAttribute()
    suspended = BooleanAttribute(default=False)
    revoked_at = UTCDateTimeAttribute(null=True)
    reason = UnicodeAttribute(default="")
    history = ListAttribute(of=UnicodeAttribute, default=list)
    version = NumberAttribute()
    grace_until = UTCDateTimeAttribute(null=True)
    plan = UnicodeAttribute(null=True)
    currency = UnicodeAttribute(null=True)
    renewal_cancelled = BooleanAttribute(null=True)
    scheduled_change = UnicodeAttribute(null=True)  # JSON {edition, plan, max_activations}: a downgrade


class ActivationSlotsItem(_Item):
    """pk LICENSE#<id>, sk SLOTS: the count of activations, kept beside them for conditional writes."""

    used = NumberAttribute(null=True)


class ActivationItem(_Item):
    """pk LICENSE#<id>, sk ACTIVATION#<host>."""

    host = UnicodeAttribute()
    activated_at = UTCDateTimeAttribute()


MODELS: tuple[type[Model], ...] = (LicenseItem, ActivationSlotsItem, ActivationItem)


def bind(table_name: str, region: str, host: str | None) -> None:
    models: tuple[type[Model], ...] = (_Item, *MODELS)
    for model in models:
        bind_model(model, table_name, region, host)
