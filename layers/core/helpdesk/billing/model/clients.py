"""A client organisation's billing account: who documents are made out to, its rate and currency (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from helpdesk.commerce.public import Party
from helpdesk.kernel.errors import Invalid


@dataclass(frozen=True)
class ClientAccount:
    organisation_id: str
    email: str  # where quotes and invoices are mailed
    name: str = ""  # the contact person
    company: str = ""
    address: tuple[str, ...] = ()
    country: str = ""
    vat_id: str = ""
    currency: str = "EUR"  # what its time is invoiced in
    hourly_rate: int | None = None  # minor units of `currency`; None until agreed (a quote accepted, or set)

    def __post_init__(self) -> None:
        if self.hourly_rate is not None and self.hourly_rate < 0:
            raise Invalid("the hourly rate cannot be negative")

    @property
    def party(self) -> Party:
        return Party(self.name, self.company, self.country, self.vat_id, self.email, self.address)

    def agreed(self, currency: str, hourly_rate: int | None) -> ClientAccount:
        """The terms of an accepted quote become the client's: later time is billed the same way."""
        if hourly_rate is None:
            return self
        return ClientAccount(**{**self.__dict__, "currency": currency, "hourly_rate": hourly_rate})
