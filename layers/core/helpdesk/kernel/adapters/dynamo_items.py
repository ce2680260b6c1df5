"""The PynamoDB base of typed items in the single `helpdesk` table, with its three indexes."""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model


def _index(name: str) -> type[GlobalSecondaryIndex]:
    class Index(GlobalSecondaryIndex):  # type: ignore[type-arg]
        class Meta:
            index_name = name
            projection = AllProjection()

    Index.__name__ = f"{name.capitalize()}Index"
    return Index


class _Gsi1(_index("gsi1")):  # type: ignore[misc]
    gsi1pk = UnicodeAttribute(hash_key=True)
    gsi1sk = UnicodeAttribute(range_key=True)


class _Gsi2(_index("gsi2")):  # type: ignore[misc]
    gsi2pk = UnicodeAttribute(hash_key=True)
    gsi2sk = UnicodeAttribute(range_key=True)


class _Gsi3(_index("gsi3")):  # type: ignore[misc]
    gsi3pk = UnicodeAttribute(hash_key=True)
    gsi3sk = UnicodeAttribute(range_key=True)


class _Item(Model):
    class Meta:
        table_name = "helpdesk"

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    entity = UnicodeAttribute()


def bind_model(model: type[Model], table_name: str, region: str, host: str | None) -> None:
    """Point a model at the configured table (PynamoDB keeps this on the class)."""
    meta: Any = model.Meta
    wanted = (table_name, region, host)
    if tuple(getattr(meta, name, None) for name in ("table_name", "region", "host")) == wanted:
        return  # keep the connection, and its botocore client, of an unchanged binding
    meta.table_name, meta.region, meta.host = wanted
    model._connection = None
