"""The macro store, against the fake and DynamoDB under moto: what is saved comes back whole, and a deleted
macro is gone."""

from __future__ import annotations

import pytest
from helpdesk.kernel.adapters.dynamo_table import item_model
from helpdesk.tickets.adapters.dynamo_macros import DynamoMacros
from helpdesk.tickets.model.macro import Macro, MacroActions
from helpdesk.tickets.model.ticket import Priority, TicketStatus

from tests.contract.tickets.conftest import REGION
from tests.fakes.tickets.memory_macros import MemoryMacros

pytestmark = pytest.mark.contract


@pytest.fixture(params=["memory", "dynamo"])
def macros(request: pytest.FixtureRequest):
    if request.param == "memory":
        return MemoryMacros()
    request.getfixturevalue("aws")
    return DynamoMacros(item_model("helpdesk", REGION, None))


def test_a_macro_comes_back_whole_and_is_gone_once_deleted(macros) -> None:
    actions = MacroActions(TicketStatus.PENDING, Priority.HIGH, ("keys",), "ann@hd.test")
    full = Macro(
        "m-1", "Keys", "Hi {{customer.name}}", actions, {"ru": "Привет"}, "anna@hd.test", "anna@hd.test"
    )
    bare = Macro("m-2", "Thanks", "Thank you")
    macros.save(full)
    macros.save(bare)
    assert macros.get("m-1") == full and macros.get("m-2") == bare
    macros.delete("m-1")
    macros.delete("no-such-macro")  # nothing to remove is no error
    assert macros.get("m-1") is None
    assert macros.all() == [bare]
