"""Tell a license's holder what staff changed, why, and the new key where it changed (once per change)."""

from __future__ import annotations

import logging

from helpdesk.licensing.model.change_mail import change_mail
from helpdesk.licensing.model.history import LicenseEvent
from helpdesk.licensing.model.license import License
from helpdesk.licensing.ports import OnceClaims, ProductNames
from helpdesk.licensing.services.licensing import LicensingService
from helpdesk.notices.public import Mailer, OutgoingMail
from helpdesk.tickets.public import Customer, CustomerRepository

log = logging.getLogger(__name__)
FORMER_HOLDER = "transferred_away"


class LicenseChangeNotices:
    def __init__(
        self,
        customers: CustomerRepository,
        mailer: Mailer,
        once: OnceClaims,
        keys: LicensingService,
        names: ProductNames,
    ) -> None:
        self._customers, self._mailer, self._once, self._keys, self._names = (
            customers,
            mailer,
            once,
            keys,
            names,
        )

    def changed(self, before: License, after: License) -> list[str]:
        """Mail the holder and every contact of the license's organisation about `after`'s latest history
        entry, each in their own language; returns the addresses mailed. A failed send is logged, not
        raised: the change is saved and staff must not retry it."""
        if after.version == before.version or not after.history:
            return []
        event = after.history[-1]
        new_key = self._keys.key_for(after)
        key = new_key if new_key != self._keys.key_for(before) else ""
        told = self._people(after)
        sent = self._tell(after, told, event, key)
        if before.customer_id != after.customer_id:
            away = LicenseEvent(event.at, FORMER_HOLDER, event.actor, event.reason, event.detail)
            former = [c for c in self._people(before) if c.id not in {t.id for t in told}]
            sent += self._tell(before, former, away, "")  # no key for the former holder's side
        return sent

    def _people(self, license: License) -> list[Customer]:
        """The holder first, then the organisation's other contacts who can receive mail."""
        holder = self._customers.get(license.customer_id)
        org = license.organisation_id
        contacts = self._customers.in_organisation(org) if org else []
        people = [holder] if holder else []
        people += [c for c in contacts if c.id != license.customer_id]
        return [c for c in people if c.email and not c.undeliverable]

    def _tell(self, license: License, people: list[Customer], event: LicenseEvent, key: str) -> list[str]:
        holder = next((c for c in people if c.id == license.customer_id), None)
        language = holder.language if holder else ""
        sent: list[str] = []
        for person in people:
            is_holder = person.id == license.customer_id
            shown_key, key_holder = (key, "") if is_holder else ("", _who(holder) if key and holder else "")
            sent += self._mail(license, person, event, shown_key, key_holder, person.language or language)
        return sent

    def _mail(
        self,
        license: License,
        customer: Customer,
        event: LicenseEvent,
        key: str,
        key_holder: str,
        language: str,
    ) -> list[str]:
        once = f"license-change:{license.id}:{license.version}:{event.action}:{customer.id}"
        if not self._once.claim(once):
            return []
        title = self._names.title(license.product, license.edition)
        name = customer.name or customer.email
        mail = change_mail(event, title, license.domains, name, language, key, key_holder)
        try:
            self._mailer.send(OutgoingMail(customer.email, mail.subject, mail.text, once))
        except Exception:
            self._once.release(once)
            log.exception("license change mail not sent", extra={"license_id": license.id})
            return []
        return [customer.email]


def _who(customer: Customer) -> str:
    return f"{customer.name} <{customer.email}>" if customer.name else customer.email
