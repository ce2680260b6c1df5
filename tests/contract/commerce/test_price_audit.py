"""The price audit on the template's table and in memory: changes read back per product, oldest first."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.commerce.adapters.dynamo_price_audit import DynamoPriceAudit
from helpdesk.commerce.model.price_changes import PriceChange
from helpdesk.commerce.ports import PriceAudit
from moto import mock_aws

from tests.contract.helpdesk_table import create_helpdesk_table
from tests.fakes.commerce.memory_price_audit import InMemoryPriceAudit

pytestmark = pytest.mark.contract
AT = datetime(2026, 12, 7, 10, tzinfo=UTC)


@pytest.fixture(params=["dynamo", "memory"])
def audit(request: pytest.FixtureRequest) -> Iterator[PriceAudit]:
    if request.param == "memory":
        yield InMemoryPriceAudit()
        return
    with mock_aws():
        create_helpdesk_table()
        yield DynamoPriceAudit("helpdesk", "eu-central-1")


def change(product: str, new: int, at: datetime, currency: str = "EUR") -> PriceChange:
    return PriceChange(product, "pro", "yearly", currency, None, new, "anna@x.example", at)


def test_changes_read_back_per_product_oldest_first(audit: PriceAudit) -> None:
    later = [change("seo", 200, AT + timedelta(hours=1))]
    audit.record(later)
    audit.record([change("seo", 100, AT), change("seo", 90, AT, "USD"), change("backup", 5, AT)])
    assert audit.history("seo") == [change("seo", 100, AT), change("seo", 90, AT, "USD"), *later]
    assert audit.history("nothing") == []
