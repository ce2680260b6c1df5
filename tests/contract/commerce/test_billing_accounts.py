"""One contract for saved payment methods, run against the in-memory fake and PynamoDB under moto."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpdesk.commerce.adapters.dynamo_billing_accounts import DynamoBillingAccounts
from helpdesk.commerce.ports import BillingAccount, BillingAccounts
from moto import mock_aws

from tests.contract.helpdesk_table import create_helpdesk_table, serialised_moto
from tests.fakes.commerce.memory_billing_accounts import InMemoryBillingAccounts

pytestmark = pytest.mark.contract


@pytest.fixture(params=["memory", "dynamodb"])
def accounts(request: pytest.FixtureRequest) -> Iterator[BillingAccounts]:
    if request.param == "memory":
        yield InMemoryBillingAccounts()
        return
    with mock_aws(), serialised_moto():
        create_helpdesk_table()
        yield DynamoBillingAccounts("helpdesk", "eu-central-1")


def test_an_unknown_customer_has_no_account(accounts: BillingAccounts) -> None:
    assert accounts.get("cus-1") is None


def test_the_card_named_by_either_webhook_survives_the_other_in_any_order(accounts: BillingAccounts) -> None:
    accounts.remember("cus-1", "cus_S1", "pm_1")  # payment_intent.succeeded first
    accounts.remember("cus-1", "cus_S1")  # then checkout.session.completed, which names no card
    assert accounts.get("cus-1") == BillingAccount("cus-1", "cus_S1", "pm_1")

    accounts.remember("cus-2", "cus_S2")
    assert accounts.get("cus-2") == BillingAccount("cus-2", "cus_S2", "")
    accounts.remember("cus-2", "cus_S2", "pm_2")
    assert accounts.get("cus-2") == BillingAccount("cus-2", "cus_S2", "pm_2")


def test_a_newer_card_replaces_the_old_one_and_customers_stay_apart(accounts: BillingAccounts) -> None:
    accounts.remember("cus-1", "cus_S1", "pm_old")
    accounts.remember("cus-1", "cus_S1", "pm_new")
    accounts.remember("cus-2", "cus_S2", "pm_other")
    assert accounts.get("cus-1") == BillingAccount("cus-1", "cus_S1", "pm_new")
    assert accounts.get("cus-2") == BillingAccount("cus-2", "cus_S2", "pm_other")
