"""Bodies and views of the public API (storefront, checkout) and the cabinet's orders."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from helpdesk.commerce.model.catalogue import Product
from helpdesk.commerce.model.orders import CartItem, Order
from helpdesk.commerce.model.parties import BillingDetails, checked_email


class PriceView(BaseModel):
    plan: str
    currency: str
    amount: int


class EditionView(BaseModel):
    id: str
    name: str
    features: list[str]
    max_activations: int
    prices: list[PriceView]
    update_months: int = 12


class ScreenshotView(BaseModel):
    title: str
    layout: str


class TextView(BaseModel):
    name: str
    summary: str
    description: str


class ProductView(BaseModel):
    slug: str
    name: str
    summary: str
    description: str
    accent: str | None
    platform_versions: list[str]
    screenshots: list[ScreenshotView]
    editions: list[EditionView]
    platforms: list[str] = []
    translations: dict[str, TextView] = {}  # "ru" -> the product's words in Russian

    @classmethod
    def of(cls, p: Product) -> ProductView:
        editions = [
            EditionView(
                id=e.id,
                name=e.name,
                features=list(e.features),
                max_activations=e.max_activations,
                prices=[PriceView(plan=x.plan.value, currency=x.currency, amount=x.amount) for x in e.prices],
                update_months=e.update_months,
            )
            for e in p.editions
        ]
        shots = [ScreenshotView(title=s.title, layout=s.layout) for s in p.screenshots]
        return cls(
            slug=p.slug,
            name=p.name,
            summary=p.summary,
            description=p.description,
            accent=p.accent,
            platform_versions=list(p.platform_versions),
            screenshots=shots,
            editions=editions,
            platforms=list(p.platforms),
            translations={
                t.locale: TextView(name=t.name, summary=t.summary, description=t.description)
                for t in p.translations
            },
        )


class ProductListView(BaseModel):
    items: list[ProductView]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class CartLine(_Body):
    product: str = Field(min_length=1, max_length=100)
    edition: str = Field(min_length=1, max_length=100)
    plan: str = Field("lifetime", pattern="^(lifetime|monthly|yearly)$")
    domains: list[str] = Field(default_factory=list, max_length=50)  # one each when quantity > 1
    upgrade_of: str | None = Field(None, max_length=100)
    quantity: int = Field(1, ge=1, le=50)


class CheckoutRequest(_Body):
    items: list[CartLine] = Field(min_length=1, max_length=20)
    currency: str = Field("EUR", pattern="^[A-Za-z]{3}$")
    email: str | None = Field(
        None, max_length=320, description="only for guests; signed-in customers use theirs"
    )
    name: str = Field("", max_length=200)
    company: str = Field("", max_length=200, description="for the invoice")
    country: str = Field("", pattern="^([A-Za-z]{2})?$", description="ISO 3166 alpha-2; decides the VAT")
    vat_id: str = Field("", max_length=20, description="EU VAT id of a business buyer: reverse charge")
    address: list[str] = Field(default_factory=list, max_length=5)

    def billing(self) -> BillingDetails | None:
        """None when the buyer gave nothing, not even a name (the invoice then names the e-mail address);
        BillingDetailsInvalid for a malformed VAT id."""
        if not (self.name or self.company or self.country or self.vat_id or self.address):
            return None
        address = tuple(a[:200] for a in self.address if a)
        return BillingDetails(self.name, self.company, self.country, self.vat_id, address).checked()

    def cart(self) -> list[CartItem]:
        currency = self.currency.upper()
        return [
            CartItem(i.product, i.edition, tuple(i.domains), i.upgrade_of, currency, i.plan, i.quantity)
            for i in self.items
        ]


class CheckoutView(BaseModel):
    checkout_url: str
    session_id: str


class OrderItemView(BaseModel):
    product: str
    name: str
    edition: str
    plan: str
    domains: list[str]
    amount: int  # the line's: unit price times quantity
    quantity: int = 1
    renews: str | None = None  # the license whose next period this line paid
    renew_until: datetime | None = None


class OrderView(BaseModel):
    id: str
    number: str  # "1042"; "" for an order from before numbers
    label: str  # what people read: "ORD-2026-001042" (never the id)
    created_at: datetime
    total: int
    currency: str
    status: str
    items: list[OrderItemView]
    license_ids: list[str]

    @classmethod
    def of(cls, o: Order) -> OrderView:
        items = [
            OrderItemView(
                product=line.offer.product,
                name=line.offer.name,
                edition=line.offer.edition,
                plan=line.offer.plan,
                domains=list(line.domains),
                amount=line.amount,
                quantity=line.quantity,
                renews=line.renews,
                renew_until=line.renew_until,
            )
            for line in o.lines
        ]
        return cls(
            id=o.id,
            number=str(o.number) if o.number else "",
            label=o.label,
            created_at=o.paid_at,
            total=o.total.amount,
            currency=o.total.currency,
            status="paid",
            items=items,
            license_ids=list(o.license_ids),
        )


class PublicKeysView(BaseModel):
    """The keys module authors ship; `current` signs new keys and answers, the others still verify."""

    current: str
    keys: dict[str, str]  # key id -> base64 of the raw 32-byte Ed25519 public key
    algorithm: str = "Ed25519"


def buyer(
    request: CheckoutRequest, caller_email: str | None, caller_organisation: str | None
) -> tuple[str, str | None]:
    """Who buys: a signed-in customer buys as themselves for their organisation; a guest names an address
    (BuyerEmailInvalid without a well-formed one), which later finds the purchase in their cabinet."""
    if caller_email:
        return caller_email.lower(), caller_organisation
    return checked_email(request.email or ""), None
