"""Renewal records (`LICENSE#<id>` / `RENEWAL`) on the single table; gsi1 holds the state's index entry."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import DoesNotExist, PutError

from helpdesk.kernel.adapters.dynamo_items import _Gsi1, _Item, bind_model
from helpdesk.licensing.model.license import Money
from helpdesk.licensing.model.lifecycle import (
    LicenseRenewal,
    RenewalState,
    month_bucket,
    months_between,
    sortable,
)


class LicenseRenewalItem(_Item):
    gsi1pk = UnicodeAttribute()
    gsi1sk = UnicodeAttribute()
    by_state = _Gsi1()

    license_id = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    product = UnicodeAttribute()
    edition = UnicodeAttribute()
    manager = UnicodeAttribute()
    period_end = UTCDateTimeAttribute()  # the state machine's conditions compare it as stored
    grace_until = UTCDateTimeAttribute()
    amount = NumberAttribute()
    currency = UnicodeAttribute()
    subscription = BooleanAttribute()
    state = UnicodeAttribute()


class DynamoRenewalStore:
    def __init__(self, table_name: str, region: str, endpoint_url: str | None = None) -> None:
        bind_model(_Item, table_name, region, endpoint_url)
        bind_model(LicenseRenewalItem, table_name, region, endpoint_url)

    def put(self, renewal: LicenseRenewal) -> bool:
        item = _to_item(renewal)
        try:
            item.save(
                condition=LicenseRenewalItem.pk.does_not_exist()
                | (LicenseRenewalItem.period_end < renewal.period_end)
            )
        except PutError as exc:
            if exc.cause_response_code == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def get(self, license_id: str) -> LicenseRenewal | None:
        try:
            return _from_item(
                LicenseRenewalItem.get(f"LICENSE#{license_id}", "RENEWAL", consistent_read=True)
            )
        except DoesNotExist:
            return None

    def ending_between(self, start: datetime, end: datetime) -> list[LicenseRenewal]:
        return self._months("RENEWAL", start, end, lambda r: start <= r.period_end < end)

    def in_grace(self) -> list[LicenseRenewal]:
        return [_from_item(i) for i in LicenseRenewalItem.by_state.query("RENEWAL#GRACE")]

    def lost_between(self, start: datetime, end: datetime) -> list[LicenseRenewal]:
        lost = self._months("RENEWAL#LOST", start, end, lambda r: start <= r.grace_until < end)
        return lost[::-1]

    def _months(self, prefix: str, start: datetime, end: datetime, keep: object) -> list[LicenseRenewal]:
        found: list[LicenseRenewal] = []
        for month in months_between(start, end):
            items: Iterable[LicenseRenewalItem] = LicenseRenewalItem.by_state.query(
                month_bucket(prefix, month),
                LicenseRenewalItem.gsi1sk.between(sortable(start), f"{sortable(end)}~"),
            )
            found.extend(r for r in map(_from_item, items) if keep(r))  # type: ignore[operator]
        return found


def _to_item(r: LicenseRenewal) -> LicenseRenewalItem:
    gsi1pk, gsi1sk = r.index_key()
    return LicenseRenewalItem(
        f"LICENSE#{r.license_id}",
        "RENEWAL",
        entity="LicenseRenewal",
        gsi1pk=gsi1pk,
        gsi1sk=gsi1sk,
        license_id=r.license_id,
        customer_id=r.customer_id,
        product=r.product,
        edition=r.edition,
        manager=r.manager,
        period_end=r.period_end,
        grace_until=r.grace_until,
        amount=r.price.amount,
        currency=r.price.currency,
        subscription=r.subscription,
        state=r.state.value,
    )


def _from_item(i: LicenseRenewalItem) -> LicenseRenewal:
    return LicenseRenewal(
        i.license_id,
        i.customer_id,
        i.product,
        i.edition,
        i.manager,
        i.period_end,
        i.grace_until,
        Money(int(i.amount), i.currency),
        bool(i.subscription),
        RenewalState(i.state),
    )
