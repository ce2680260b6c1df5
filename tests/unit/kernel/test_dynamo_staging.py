"""Staged writes: one per item, a second Put or Delete of an item folded into the first (its condition is
about the item as stored), an Update never folded; scopes per context, the outermost one owning the commit."""

from __future__ import annotations

import threading

import pytest
from helpdesk.kernel.adapters.dynamo_staging import Staging, staging, staging_scope

pytestmark = pytest.mark.unit


def put(sk: str, value: str, condition: str | None = None) -> dict[str, object]:
    request: dict[str, object] = {
        "TableName": "helpdesk",
        "Item": {"pk": {"S": "TICKET#1"}, "sk": {"S": sk}, "v": {"S": value}},
    }
    if condition:
        request["ConditionExpression"] = condition
    return request


def test_a_second_put_of_an_item_replaces_the_first_and_keeps_its_condition() -> None:
    staged = Staging()
    staged.stage("Put", put("TICKET", "1", "attribute_not_exists(pk)"))
    staged.stage("Put", put("FACET#ALL", "1"))
    staged.stage("Put", put("TICKET", "2", "#v = :v"))
    items = staged.transact_items()
    assert [next(iter(i.values()))["Item"]["sk"]["S"] for i in items] == ["TICKET", "FACET#ALL"]
    first = items[0]["Put"]
    assert first["Item"]["v"] == {"S": "2"} and first["ConditionExpression"] == "attribute_not_exists(pk)"


def test_an_update_is_never_folded_into_another_write_of_its_item() -> None:
    staged = Staging()
    staged.stage("Put", put("MAIL", "1"))
    update = {"TableName": "helpdesk", "Key": put("MAIL", "1")["Item"], "UpdateExpression": "ADD steps :d"}
    with pytest.raises(ValueError, match="two writes of one item"):
        staged.stage("Update", update)
    with pytest.raises(ValueError, match="not a transaction action"):
        staged.stage("Upsert", put("OTHER", "1"))


def test_an_inner_scope_joins_the_outer_one_and_threads_never_share_one() -> None:
    assert staging() is None
    with staging_scope() as (outer, owner):
        assert owner and staging() is outer
        with staging_scope() as (inner, inner_owner):
            assert inner is outer and not inner_owner
        elsewhere: list[object] = []
        thread = threading.Thread(target=lambda: elsewhere.append(staging()))
        thread.start()
        thread.join()
        assert elsewhere == [None]
    assert staging() is None
