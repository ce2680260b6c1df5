"""Tell a license's holder what staff changed, why, and the new key where it changed (once per change)."""

from __future__ import annotations

import logging

from helpdesk.licensing.model.change_mail import change_mail
from helpdesk.licensing.model.history import LicenseEvent
from helpdesk.licensing.model.license import License
from helpdesk.licensing.ports import OnceClaims, ProductNames
from helpdesk.licensing.services.licensing import LicensingService
from helpdesk.notices.public import Mailer, OutgoingMail
from helpdesk.tickets.public import CustomerRepository

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
        """Mail the holder about `after`'s latest history entry; returns the addresses mailed.
        A failed send is logged, not raised: the change is saved and staff must not retry it."""
        if after.version == before.version or not after.history:
            return []
        event = after.history[-1]
        new_key = self._keys.key_for(after)
        key = new_key if new_key != self._keys.key_for(before) else ""
        sent = self._mail(after, after.customer_id, event, key)
        if before.customer_id != after.customer_id:
            away = LicenseEvent(event.at, FORMER_HOLDER, event.actor, event.reason, event.detail)
            sent += self._mail(before, before.customer_id, away, "")  # no key for the former holder
        return sent

    def _mail(self, license: License, customer_id: str, event: LicenseEvent, key: str) -> list[str]:
        customer = self._customers.get(customer_id)
        if customer is None or not customer.email or customer.undeliverable:
            return []
        once = f"license-change:{license.id}:{license.version}:{event.action}:{customer.id}"
        if not self._once.claim(once):
            return []
        title = self._names.title(license.product, license.edition)
        mail = change_mail(
            event, title, license.domains, customer.name or customer.email, customer.language, key
        )
        try:
            self._mailer.send(OutgoingMail(customer.email, mail.subject, mail.text, once))
        except Exception:
            self._once.release(once)
            log.exception("license change mail not sent", extra={"license_id": license.id})
            return []
        return [customer.email]
