"""The one `helpdesk` table as a PynamoDB model. Item types share it, told apart by `entity` and key prefixes.

The table name comes from settings, so the model class is built per table name (once, cached).
"""

from __future__ import annotations

import base64
import json
from functools import cache
from typing import Any

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UnicodeSetAttribute
from pynamodb.exceptions import PynamoDBException
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model


class HelpdeskItem(Model):
    """Typing anchor; the concrete class comes from `item_model`."""

    class Meta:
        table_name = "helpdesk"
        region = "eu-central-1"
        host: str | None = None

    gsi1: GlobalSecondaryIndex
    gsi2: GlobalSecondaryIndex
    gsi3: GlobalSecondaryIndex

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    entity = UnicodeAttribute()
    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)
    gsi3pk = UnicodeAttribute(null=True)
    gsi3sk = UnicodeAttribute(null=True)
    data = UnicodeAttribute(null=True)
    ref = UnicodeAttribute(null=True)
    status = UnicodeAttribute(null=True)
    steps = UnicodeSetAttribute(null=True)
    version = NumberAttribute(null=True)
    tally = NumberAttribute(null=True)  # counters and rate windows (`count` would shadow Model.count)
    expires_at = NumberAttribute(null=True)


def _gsi(n: int) -> GlobalSecondaryIndex:
    meta = type("Meta", (), {"index_name": f"gsi{n}", "projection": AllProjection()})
    attrs = {
        "Meta": meta,
        f"gsi{n}pk": UnicodeAttribute(hash_key=True),
        f"gsi{n}sk": UnicodeAttribute(range_key=True),
    }
    return type(f"Gsi{n}", (GlobalSecondaryIndex,), attrs)()


@cache
def item_model(table_name: str, region: str, host: str | None = None) -> type[HelpdeskItem]:
    meta = type("Meta", (), {"table_name": table_name, "region": region, "host": host})
    attrs: dict[str, Any] = {"Meta": meta, "gsi1": _gsi(1), "gsi2": _gsi(2), "gsi3": _gsi(3)}
    return type("HelpdeskTableItem", (HelpdeskItem,), attrs)


def condition_failed(error: PynamoDBException) -> bool:
    codes = {error.cause_response_code}
    for reason in getattr(error, "cancellation_reasons", None) or []:
        if reason is not None:
            codes.add(reason.code)
    return bool(codes & {"ConditionalCheckFailedException", "ConditionalCheckFailed"})


def put_new(model: type[HelpdeskItem], item: HelpdeskItem) -> bool:
    """Put unless an item with this key exists; False if it did."""
    try:
        item.save(condition=model.pk.does_not_exist())
    except PynamoDBException as error:
        if condition_failed(error):
            return False
        raise
    return True


def encode_cursor(key: dict[str, str]) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode()


def decode_cursor(cursor: str, names: tuple[str, ...]) -> dict[str, dict[str, str]]:
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        return {name: {"S": str(key[name])} for name in names}
    except (ValueError, KeyError, TypeError) as error:
        from helpdesk.kernel.errors import Invalid

        raise Invalid("bad cursor") from error
