"""Outbound CRM calls from the integrations queue: a paid order becomes a won deal on the customer's
person/organisation (found by e-mail or domain, else created); a customer's new ticket links to their open
deal. A vendor's 429 puts the request back on the queue, delayed as the vendor asked."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from helpdesk.integrations.model.connectors import Connector
from helpdesk.integrations.model.crm import CrmParty, CrmProfile, WonDeal, deal_title
from helpdesk.integrations.ports import (
    Credentials,
    CrmClient,
    CrmClients,
    IntegrationStore,
    RequestQueue,
    Sources,
    VendorRateLimited,
)
from helpdesk.integrations.services.crm_changes import CrmChange, CrmChanges
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.money import exponent
from helpdesk.tickets.public import organisation_domain

MAX_RATE_LIMITED = 10  # then the request fails like any other and ends in the DLQ


class CrmSync:
    def __init__(
        self,
        store: IntegrationStore,
        credentials: Credentials,
        clients: CrmClients,
        sources: Sources,
        queue: RequestQueue,
        clock: Clock,
        changes: CrmChanges,
    ) -> None:
        self._store, self._credentials, self._clients = store, credentials, clients
        self._sources, self._queue, self._clock, self._changes = sources, queue, clock, changes

    def handle(self, connector: Connector, kind: str, ref: str, attempt: int = 0) -> str:
        """One queued request: "done", "skipped" (not configured, nothing to do) or "delayed" (429)."""
        settings = self._store.settings(connector)
        if not settings.ready:
            return "skipped"
        health = self._store.health(connector)
        try:
            crm = self._clients.client(settings, self._credentials.read(settings.secret_name))
            act = {"order_paid": self._order_paid, "ticket_opened": self._ticket}.get(
                kind, self._deal_changed
            )
            done = act(connector, crm, ref)
        except VendorRateLimited as limited:
            if attempt >= MAX_RATE_LIMITED:
                self._store.save_health(health.failed(self._clock.now(), "rate limited too often"))
                raise
            self._queue.request(connector, kind, ref, limited.retry_after, attempt + 1)
            self._store.save_health(health.rate_limited())
            return "delayed"
        except Exception as error:
            self._store.save_health(health.failed(self._clock.now(), f"{type(error).__name__}: {error}"))
            raise
        self._store.save_health(health.succeeded(self._clock.now()))
        return "done" if done else "skipped"

    def _order_paid(self, connector: Connector, crm: CrmClient, order_id: str) -> bool:
        if self._store.order_deal(connector, order_id):
            return False  # a redelivery: the deal exists
        order = self._sources.paid_order(order_id)
        if order is None:
            return False
        party = self._party(connector, crm, order.customer_id, order.email, order.name)
        value = Decimal(order.amount_minor).scaleb(-exponent(order.currency))
        title = deal_title(order.label, order.name or order.email)
        deal = WonDeal(title, value, order.currency, order.paid_at, party, order.order_id)
        deal_id = crm.add_won_deal(deal)
        self._store.link_order_deal(connector, order_id, deal_id)
        return True

    def _deal_changed(self, connector: Connector, crm: CrmClient, ref: str) -> bool:
        """An event named a deal (ref `<deal id>:<event time>`): read it and apply it once."""
        deal_id = ref.partition(":")[0]
        deal, person_id = crm.deal(deal_id)
        return self._changes.apply(connector, CrmChange(ref, "deal", deal_id, deal=deal, person_id=person_id))

    def _ticket(self, connector: Connector, crm: CrmClient, ticket_id: str) -> bool:
        if self._store.ticket_deal(connector, ticket_id):
            return False
        who = self._sources.ticket_party(ticket_id)
        if who is None:
            return False
        party = crm.find_person(who.email)
        deal = crm.open_deal(party) if party else None
        if party is None or deal is None:
            return False
        self._remember(connector, who.customer_id, party)
        self._store.link_ticket_deal(connector, ticket_id, deal)
        profile = self._store.profile(connector, who.customer_id)
        if profile is not None:
            self._store.save_profile(profile.with_deal(deal, self._clock.now()))
        return True

    def _party(
        self, connector: Connector, crm: CrmClient, customer_id: str, email: str, name: str
    ) -> CrmParty:
        """The person with this address; else a new one, in the organisation of a colleague at the same
        company domain (or a new organisation named after the domain; none for free-mail)."""
        party = crm.find_person(email)
        if party is None:
            domain = organisation_domain(email)
            org_id = (crm.find_org_by_domain(domain) or crm.create_org(domain)) if domain else None
            person_id = crm.create_person(name or email, email, org_id)
            party = CrmParty(person_id, org_id, name or email)
        self._remember(connector, customer_id, party)
        return party

    def _remember(self, connector: Connector, customer_id: str, party: CrmParty) -> None:
        known = self._store.profile(connector, customer_id)
        if known is None or known.person_id != party.person_id:
            base = known or CrmProfile(connector.value, customer_id)
            org_id, name = party.org_id or "", party.name or base.name
            now = self._clock.now()
            self._store.save_profile(
                replace(base, person_id=party.person_id, org_id=org_id, name=name, updated_at=now)
            )
