"""CRM webhooks in: a person or deal changed in the CRM updates the customer's record here, once per
delivery."""

from __future__ import annotations

from dataclasses import dataclass, replace

from helpdesk.integrations.model.connectors import Connector
from helpdesk.integrations.model.crm import CrmDeal, CrmProfile
from helpdesk.integrations.ports import IntegrationStore, Sources
from helpdesk.kernel.clock import Clock


@dataclass(frozen=True)
class CrmChange:
    """One verified webhook delivery, in the connectors' common terms."""

    delivery_id: str
    entity: str  # person | deal
    entity_id: str
    emails: tuple[str, ...] = ()
    name: str = ""
    phones: tuple[str, ...] = ()
    deal: CrmDeal | None = None
    person_id: str = ""  # the person a deal belongs to


class CrmChanges:
    def __init__(self, store: IntegrationStore, sources: Sources, clock: Clock) -> None:
        self._store, self._sources, self._clock = store, sources, clock

    def apply(self, connector: Connector, change: CrmChange) -> bool:
        """False for a redelivery or for something that is none of our customers'."""
        key = f"{connector.value}-delivery#{change.delivery_id}"
        if not self._store.claim(key):
            return False
        try:
            if change.entity == "person":
                return self._person(connector, change)
            if change.entity == "deal" and change.deal is not None:
                return self._deal(connector, change, change.deal)
            return False
        except Exception:
            self._store.release(key)
            raise

    def _person(self, connector: Connector, change: CrmChange) -> bool:
        customer_id = self._store.customer_for_person(connector, change.entity_id) or next(
            (c for c in map(self._sources.customer_id_for, change.emails) if c), None
        )
        if customer_id is None:
            return False
        if change.name:
            self._sources.rename_customer(customer_id, change.name)
        profile = self._store.profile(connector, customer_id) or CrmProfile(connector.value, customer_id)
        phones = change.phones or profile.phones
        name = change.name or profile.name
        now = self._clock.now()
        self._store.save_profile(
            replace(profile, person_id=change.entity_id, name=name, phones=phones, updated_at=now)
        )
        return True

    def _deal(self, connector: Connector, change: CrmChange, deal: CrmDeal) -> bool:
        customer_id = self._store.customer_for_deal(connector, deal.deal_id)
        if customer_id is None and change.person_id:
            customer_id = self._store.customer_for_person(connector, change.person_id)
        profile = self._store.profile(connector, customer_id) if customer_id else None
        if profile is None:
            return False
        self._store.save_profile(profile.with_deal(deal, self._clock.now()))
        return True
