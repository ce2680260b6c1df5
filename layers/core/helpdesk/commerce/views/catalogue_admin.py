"""Bodies and views of catalogue management (staff): a product is sent in the shape the storefront reads."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from helpdesk.commerce.model.catalogue import (
    CURRENCIES,
    Edition,
    Plan,
    Price,
    Product,
    ProductText,
    Screenshot,
)
from helpdesk.commerce.model.price_changes import PriceChange
from helpdesk.commerce.views.commerce import ProductView

SLUG = r"^[a-z0-9][a-z0-9-]{0,62}$"


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PriceBody(_Body):
    plan: Plan
    currency: str = Field(pattern=f"^({'|'.join(CURRENCIES)})$")
    amount: int = Field(gt=0, le=100_000_000)


class EditionBody(_Body):
    id: str = Field(pattern=SLUG)
    name: str = Field(min_length=1, max_length=100)
    max_activations: int = Field(5, ge=1, le=1000)
    update_months: int = Field(12, ge=1, le=120)
    features: list[str] = Field(default_factory=list, max_length=30)
    prices: list[PriceBody] = Field(min_length=1, max_length=30)


class TextBody(_Body):
    name: str = Field(min_length=1, max_length=200)
    summary: str = Field("", max_length=500)
    description: str = Field("", max_length=20_000)


class ScreenshotBody(_Body):
    title: str = Field(min_length=1, max_length=200)
    layout: str = Field("dashboard", pattern="^(dashboard|table|settings)$")


class ProductRequest(_Body):
    """`POST /products` and `PUT /products/{slug}`: the public product view's fields, plus what staff set."""

    slug: str = Field(pattern=SLUG)
    name: str = Field(min_length=1, max_length=200)
    summary: str = Field("", max_length=500)
    description: str = Field("", max_length=20_000)
    accent: str | None = Field(None, pattern="^#[0-9a-fA-F]{6}$")
    platforms: list[str] = Field(default_factory=list, max_length=10)
    platform_versions: list[str] = Field(default_factory=list, max_length=30)
    screenshots: list[ScreenshotBody] = Field(default_factory=list, max_length=20)
    editions: list[EditionBody] = Field(min_length=1, max_length=10)
    translations: dict[str, TextBody] = Field(default_factory=dict, max_length=5)  # {"ru": {...}}
    published: bool = True
    manager: str | None = Field(None, max_length=200)  # who gets the "New order" tickets; default the author

    def product(self) -> Product:
        editions = tuple(
            Edition(
                e.id,
                e.name,
                tuple(Price(p.plan, p.currency, p.amount) for p in e.prices),
                e.max_activations,
                tuple(e.features),
                e.update_months,
            )
            for e in self.editions
        )
        texts = tuple(
            ProductText(k, t.name, t.summary, t.description) for k, t in sorted(self.translations.items())
        )
        return Product(
            slug=self.slug,
            name=self.name,
            summary=self.summary,
            description=self.description,
            manager=self.manager or "",
            platform_versions=tuple(self.platform_versions),
            editions=editions,
            screenshots=tuple(Screenshot(s.title, s.layout) for s in self.screenshots),
            accent=self.accent,
            published=self.published,
            platforms=tuple(self.platforms),
            translations=texts,
        )


class ProductCreatedView(BaseModel):
    slug: str


class StaffProductView(ProductView):
    published: bool
    manager: str


class StaffProductListView(BaseModel):
    items: list[StaffProductView]


def staff_product(p: Product) -> StaffProductView:
    return StaffProductView(**ProductView.of(p).model_dump(), published=p.published, manager=p.manager)


class PriceChangeView(BaseModel):
    edition: str
    plan: str
    currency: str
    old: int | None
    new: int | None
    changed_by: str
    changed_at: datetime

    @classmethod
    def of(cls, c: PriceChange) -> PriceChangeView:
        return cls(**{k: getattr(c, k) for k in cls.model_fields})


class PriceHistoryView(BaseModel):
    items: list[PriceChangeView]
