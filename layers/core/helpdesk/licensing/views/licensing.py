"""Bodies of the public licensing API: POST /licenses/validate and /licenses/activate."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

if TYPE_CHECKING:  # contracts do not depend on services at run time
    from helpdesk.licensing.model.answer import LicenseAnswer


class LicenseCheckRequest(BaseModel):
    key: str = Field(min_length=1, max_length=4096)
    product: str = Field(min_length=1, max_length=100)
    domain: str = Field(min_length=1, max_length=253)
    nonce: str | None = Field(default=None, min_length=1, max_length=64)


class LicenseAnswerView(BaseModel):
    """The answer in plain fields for humans and logs; modules trust only the signed `token`."""

    result: str
    reason: str
    state: str
    license_id: str
    domain: str
    expires: datetime | None
    updates_until: datetime | None
    timestamp: datetime
    nonce: str
    token: str

    @classmethod
    def of(cls, answer: LicenseAnswer) -> LicenseAnswerView:
        return cls(**answer.__dict__)


class LicenseView(BaseModel):
    """A license as the cabinet (its owner) and the console (staff) show it."""

    id: str
    product: str
    edition: str
    title: str  # what people read: "Payments Plus — Standard" (the catalogue's names)
    state: str
    domains: list[str]
    issued: datetime
    expires: datetime | None
    updates_until: datetime | None
    max_activations: int
    activations: list[str]  # hosts
    key: str
    order_id: str | None
    customer_id: str
    renewal_cancelled: bool = False  # ends at the period's end, not charged again
