"""Stripe's webhook events, typed at the edge: the envelope, and the objects of the event types we act on
(only the fields we read; Stripe adds fields freely, so the rest is ignored)."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from helpdesk.commerce.model.orders import WebhookBodyMalformed


class _Stripe(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True)


class Expanded(_Stripe):
    """An object Stripe sent expanded instead of as its id."""

    id: str = ""
    payment_method: str | Expanded | None = None


Reference = str | Expanded | None  # an id, the object expanded, or nothing


def id_of(value: Reference) -> str:
    return value.id if isinstance(value, Expanded) else (value or "")


class CustomerDetails(_Stripe):
    email: str | None = None
    name: str | None = None


class CheckoutSessionObject(_Stripe):
    id: str = Field(min_length=1)
    mode: str | None = None  # payment | setup (a card saved without a charge) | subscription
    client_reference_id: str | None = None
    metadata: dict[str, str] = Field(default_factory=dict)
    payment_status: str | None = None
    payment_intent: Reference = None
    customer: Reference = None
    customer_email: str | None = None
    customer_details: CustomerDetails | None = None
    amount_total: int | None = None
    currency: str | None = None


class PaymentIntentObject(_Stripe):
    id: str = ""
    metadata: dict[str, str] = Field(default_factory=dict)
    customer: Reference = None
    payment_method: Reference = None
    setup_future_usage: str | None = None


class SetupIntentObject(_Stripe):
    id: str = ""
    metadata: dict[str, str] = Field(default_factory=dict)
    customer: Reference = None
    payment_method: Reference = None


class RefundObject(_Stripe):
    id: str = Field(min_length=1)
    amount: int
    currency: str = Field(min_length=3, max_length=3)
    status: str | None = None
    payment_intent: str | None = None


class RefundList(_Stripe):
    data: list[RefundObject] = Field(default_factory=list)


class ChargeObject(_Stripe):
    refunded: bool = False  # the whole charge
    payment_intent: str | None = None
    refunds: RefundList | None = None  # listed by API versions before 2022-11-15 only


T = TypeVar("T", bound=_Stripe)


class EventData(_Stripe):
    object: dict[str, Any]


class StripeEvent(_Stripe):
    id: str = Field(min_length=1)
    kind: str = Field(min_length=1, alias="type")
    data: EventData

    @classmethod
    def parse(cls, raw: bytes | str | dict[str, Any]) -> StripeEvent:
        """The event of a signed body; WebhookBodyMalformed when it is not JSON or not an event."""
        try:
            if isinstance(raw, dict):
                return cls.model_validate(raw)
            return cls.model_validate_json(raw)
        except ValidationError as exc:
            raise WebhookBodyMalformed(f"not a stripe event: {_problems(exc)}") from None

    def object_as(self, kind: type[T]) -> T:
        try:
            return kind.model_validate(self.data.object)
        except ValidationError as exc:
            raise WebhookBodyMalformed(f"not a stripe event of type {self.kind}: {_problems(exc)}") from None


def _problems(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in exc.errors()[:3])
