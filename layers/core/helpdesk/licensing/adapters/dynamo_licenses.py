"""License repository on the single DynamoDB table via PynamoDB; activation slots by conditional writes."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from datetime import datetime

from pynamodb.connection import Connection, TableConnection
from pynamodb.exceptions import DoesNotExist, PutError, TransactWriteError
from pynamodb.transactions import TransactWrite

from helpdesk.kernel.errors import Conflict, Invalid
from helpdesk.licensing.adapters.dynamo_items import ActivationItem, ActivationSlotsItem, LicenseItem, bind
from helpdesk.licensing.model.history import LicenseEvent
from helpdesk.licensing.model.license import ActivationLimitReached, License, LicenseNotFound, PlanChoice
from helpdesk.licensing.ports import Activation, LicenseScan

SLOTS = "SLOTS"
CONDITION_FAILED = "ConditionalCheckFailed"

OURS = "LICENSE#"


def _pk(license_id: str) -> str:
    return f"LICENSE#{license_id}"


class DynamoLicenseRepository:
    def __init__(self, table_name: str, region: str, endpoint_url: str | None = None) -> None:
        bind(table_name, region, endpoint_url)

    @property
    def _connection(self) -> Connection:
        # Transactions share the models' connection, so the process holds one botocore client.
        return LicenseItem._get_connection().connection

    def add(self, license: License) -> bool:
        try:
            _to_item(replace(license, version=1)).save(condition=LicenseItem.pk.does_not_exist())
        except PutError as exc:
            if exc.cause_response_code == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def get(self, license_id: str) -> License:
        try:
            return _from_item(LicenseItem.get(_pk(license_id), "LICENSE", consistent_read=True))
        except DoesNotExist:
            raise LicenseNotFound(f"license {license_id} not found") from None

    def save(self, license: License) -> License:
        saved = replace(license, version=license.version + 1)
        try:
            _to_item(saved).save(condition=LicenseItem.version == license.version)
        except PutError as exc:
            if exc.cause_response_code == "ConditionalCheckFailedException":
                raise Conflict(f"license {license.id} changed meanwhile") from None
            raise
        return saved

    # Orders and ticket facets share these index keys (CUSTOMER#, ORG#): only LICENSE# sort keys are ours.
    def list_for_customer(self, customer_id: str) -> list[License]:
        ours = LicenseItem.gsi1sk.startswith(OURS)
        return [_from_item(i) for i in LicenseItem.by_customer.query(f"CUSTOMER#{customer_id}", ours)]

    def list_for_organisation(self, organisation_id: str) -> list[License]:
        ours = LicenseItem.gsi2sk.startswith(OURS)
        return [_from_item(i) for i in LicenseItem.by_organisation.query(f"ORG#{organisation_id}", ours)]

    def list_for_order(self, order_id: str) -> list[License]:
        ours = LicenseItem.gsi3sk.startswith(OURS)
        return [_from_item(i) for i in LicenseItem.by_order.query(f"ORDER#{order_id}", ours)]

    def scan(self, start: str | None, size: int) -> LicenseScan:
        # One Scan call per step: the caller bounds how much of the shared table one request reads.
        answer = self._table.scan(
            filter_condition=(LicenseItem.sk == "LICENSE") & LicenseItem.pk.startswith(OURS),
            limit=size,
            # PynamoDB takes a full key map here (its LastEvaluatedKey path), though its hint says str.
            exclusive_start_key=_key(start) if start else None,  # type: ignore[arg-type]
        )
        items = [LicenseItem.from_raw_data(raw) for raw in answer.get("Items", [])]
        last = answer.get("LastEvaluatedKey")
        return LicenseScan(
            found=[(_from_item(i), _position(i.pk, i.sk)) for i in items],
            end=_position(last["pk"]["S"], last["sk"]["S"]) if last else None,
        )

    @property
    def _table(self) -> TableConnection:
        return LicenseItem._get_connection()

    def activate(self, license_id: str, host: str, at: datetime, limit: int) -> Activation:
        pk = _pk(license_id)
        activation = ActivationItem(pk, f"ACTIVATION#{host}", entity="Activation", host=host, activated_at=at)
        try:
            with TransactWrite(connection=self._connection) as tx:
                tx.condition_check(LicenseItem, pk, "LICENSE", condition=LicenseItem.pk.exists())
                tx.update(
                    ActivationSlotsItem(pk, SLOTS),
                    actions=[
                        ActivationSlotsItem.used.add(1),
                        ActivationSlotsItem.entity.set("ActivationSlots"),
                    ],
                    condition=ActivationSlotsItem.used.does_not_exist() | (ActivationSlotsItem.used < limit),
                )
                tx.save(activation, condition=ActivationItem.pk.does_not_exist())
        except TransactWriteError as exc:
            # PynamoDB sends condition checks first, then puts, then updates, whatever the call order.
            failed = [bool(r and r.code == CONDITION_FAILED) for r in exc.cancellation_reasons or []]
            license_missing, host_taken, slots_full = (failed + [False] * 3)[:3]
            if license_missing:
                raise LicenseNotFound(f"license {license_id} not found") from None
            if host_taken:
                return _activation(ActivationItem.get(pk, f"ACTIVATION#{host}", consistent_read=True))
            if slots_full:
                raise ActivationLimitReached(
                    f"license {license_id} has all {limit} activations in use"
                ) from None
            raise
        return Activation(license_id, host, at)

    def deactivate(self, license_id: str, host: str) -> bool:
        pk = _pk(license_id)
        try:
            with TransactWrite(connection=self._connection) as tx:
                tx.delete(ActivationItem(pk, f"ACTIVATION#{host}"), condition=ActivationItem.pk.exists())
                tx.update(ActivationSlotsItem(pk, SLOTS), actions=[ActivationSlotsItem.used.add(-1)])
        except TransactWriteError as exc:
            if any(r and r.code == CONDITION_FAILED for r in exc.cancellation_reasons or []):
                return False
            raise
        return True

    def activations(self, license_id: str) -> list[Activation]:
        items = ActivationItem.query(_pk(license_id), ActivationItem.sk.startswith("ACTIVATION#"))
        return [_activation(i) for i in items]


def _position(pk: str, sk: str) -> str:
    return f"{pk}|{sk}"


def _key(position: str) -> dict[str, dict[str, str]]:
    pk, _, sk = position.partition("|")
    if not pk or not sk:
        raise Invalid(f"not a license scan position: {position!r}")
    return {"pk": {"S": pk}, "sk": {"S": sk}}


def _activation(item: ActivationItem) -> Activation:
    return Activation(item.pk.removeprefix("LICENSE#"), item.host, item.activated_at)


def _to_item(lic: License) -> LicenseItem:
    listed = f"LICENSE#{lic.issued.isoformat()}#{lic.id}"
    return LicenseItem(
        _pk(lic.id),
        "LICENSE",
        entity="License",
        gsi1pk=f"CUSTOMER#{lic.customer_id}",
        gsi1sk=listed,
        gsi2pk=f"ORG#{lic.organisation_id}" if lic.organisation_id else None,
        gsi2sk=listed if lic.organisation_id else None,
        gsi3pk=f"ORDER#{lic.order_id}" if lic.order_id else None,
        gsi3sk=listed if lic.order_id else None,
        product=lic.product,
        edition=lic.edition,
        customer_id=lic.customer_id,
        organisation_id=lic.organisation_id,
        order_id=lic.order_id,
        domains=list(lic.domains),
        issued=lic.issued,
        expires=lic.expires,
        updates_until=lic.updates_until,
        max_activations=lic.max_activations,
        serial=lic.serial,
        suspended=lic.suspended,
        revoked_at=lic.revoked_at,
        reason=lic.reason,
        history=[event.stored() for event in lic.history],
        version=lic.version,
        grace_until=lic.grace_until,
        plan=lic.plan or None,
        currency=lic.currency or None,
        renewal_cancelled=lic.renewal_cancelled or None,
        scheduled_change=json.dumps(asdict(lic.scheduled_change)) if lic.scheduled_change else None,
    )


def _from_item(item: LicenseItem) -> License:
    return License(
        id=item.pk.removeprefix("LICENSE#"),
        product=item.product,
        edition=item.edition,
        customer_id=item.customer_id,
        domains=tuple(str(d) for d in item.domains),
        issued=item.issued,
        expires=item.expires,
        updates_until=item.updates_until,
        max_activations=int(item.max_activations),
        organisation_id=item.organisation_id,
        order_id=item.order_id,
        serial=int(item.serial),
        suspended=bool(item.suspended),
        revoked_at=item.revoked_at,
        reason=item.reason,
        history=tuple(LicenseEvent.parse(str(h)) for h in item.history or ()),
        version=int(item.version),
        grace_until=item.grace_until,
        plan=item.plan or "",
        currency=item.currency or "",
        renewal_cancelled=bool(item.renewal_cancelled),
        scheduled_change=PlanChoice(**json.loads(item.scheduled_change)) if item.scheduled_change else None,
    )
