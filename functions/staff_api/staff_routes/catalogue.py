"""Catalogue management: managers add, edit, publish and withdraw products; price changes are audited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpdesk.api.access import Access, Principal, Role, route
from helpdesk.api.errors import created
from helpdesk.bootstrap import container

if TYPE_CHECKING:
    from helpdesk.commerce.views.catalogue_admin import (
        PriceHistoryView,
        StaffProductListView,
        StaffProductView,
    )


from .common import app, body, verifier

CATALOGUE = Access.staff(Role.ADMIN, Role.MANAGER)


@route(app, "/products", access=CATALOGUE, verifier=verifier)
def list_catalogue(caller: Principal) -> StaffProductListView:
    from helpdesk.commerce.views.catalogue_admin import StaffProductListView, staff_product

    return StaffProductListView(items=[staff_product(p) for p in container().catalogue_admin.products()])


@route(app, "/products", access=CATALOGUE, verifier=verifier, methods=["POST"])
def create_product(caller: Principal) -> object:
    from helpdesk.commerce.views.catalogue_admin import ProductCreatedView, ProductRequest

    product = ProductRequest.model_validate(body()).product()
    made = container().catalogue_admin.create(product, caller.email or caller.shown_as)
    return created(ProductCreatedView(slug=made.slug))


@route(app, "/products/{slug}", access=CATALOGUE, verifier=verifier)
def get_catalogue_product(caller: Principal, slug: str) -> StaffProductView:
    from helpdesk.commerce.views.catalogue_admin import staff_product

    return staff_product(container().catalogue_admin.product(slug))


@route(app, "/products/{slug}", access=CATALOGUE, verifier=verifier, methods=["PUT"])
def update_product(caller: Principal, slug: str) -> StaffProductView:
    from helpdesk.commerce.views.catalogue_admin import ProductRequest, staff_product

    product = ProductRequest.model_validate(body()).product()
    return staff_product(container().catalogue_admin.update(slug, product, caller.email or caller.shown_as))


@route(app, "/products/{slug}/publish", access=CATALOGUE, verifier=verifier, methods=["POST"])
def publish_product(caller: Principal, slug: str) -> StaffProductView:
    from helpdesk.commerce.views.catalogue_admin import staff_product

    return staff_product(container().catalogue_admin.set_published(slug, True))


@route(app, "/products/{slug}/unpublish", access=CATALOGUE, verifier=verifier, methods=["POST"])
def unpublish_product(caller: Principal, slug: str) -> StaffProductView:
    from helpdesk.commerce.views.catalogue_admin import staff_product

    return staff_product(container().catalogue_admin.set_published(slug, False))


@route(app, "/products/{slug}/prices", access=CATALOGUE, verifier=verifier)
def price_history(caller: Principal, slug: str) -> PriceHistoryView:
    from helpdesk.commerce.views.catalogue_admin import PriceChangeView, PriceHistoryView

    changes = container().catalogue_admin.price_history(slug)
    return PriceHistoryView(items=[PriceChangeView.of(c) for c in changes])
