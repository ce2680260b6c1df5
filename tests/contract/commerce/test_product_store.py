"""The catalogue store on the template's table: products read back equal, listed in catalogue order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from helpdesk.commerce.adapters.dynamo_catalogue import DynamoProductStore
from helpdesk.commerce.model.catalogue import ProductNotFound
from helpdesk.commerce.model.orders import CartInvalid
from helpdesk.commerce.services.catalogue import CatalogueService
from helpdesk_local.demo_catalogue import DEMO_PRODUCTS
from moto import mock_aws

from tests.contract.helpdesk_table import create_helpdesk_table

pytestmark = pytest.mark.contract


@pytest.fixture
def catalogue() -> Iterator[CatalogueService]:
    with mock_aws():
        create_helpdesk_table()
        yield CatalogueService(DynamoProductStore("helpdesk", "eu-central-1"))


def test_published_products_read_back_equal_in_order_and_publishing_again_changes_nothing(
    catalogue: CatalogueService,
) -> None:
    catalogue.publish(list(reversed(DEMO_PRODUCTS)))
    catalogue.publish(DEMO_PRODUCTS)
    assert catalogue.products() == DEMO_PRODUCTS
    assert catalogue.product("backup") == DEMO_PRODUCTS[1]
    with pytest.raises(ProductNotFound):
        catalogue.product("nope")


def test_offers_default_to_lifetime_in_euros_and_refuse_what_is_not_sold(catalogue: CatalogueService) -> None:
    catalogue.publish([replace(DEMO_PRODUCTS[0], position=7)])
    assert catalogue.offer("seo-pro", "pro").price.currency == "EUR"
    assert catalogue.offer("seo-pro", "pro", "USD", "monthly").term is not None
    with pytest.raises(CartInvalid):
        catalogue.offer("seo-pro", "pro", plan="weekly")
    with pytest.raises(CartInvalid):
        catalogue.offer("backup", "basic")
