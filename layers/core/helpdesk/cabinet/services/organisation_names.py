"""What people read for an organisation: its name (or its mail domain), never its id."""

from __future__ import annotations

from helpdesk.cabinet.views import OrganisationRef
from helpdesk.tickets.public import Customer, CustomerRepository


def organisation_named(
    customers: CustomerRepository, organisation_id: str, people: list[Customer]
) -> OrganisationRef:
    """`people`: some of its contacts; the organisation is stored under their mail domain."""
    domains = [c.email.rpartition("@")[2] for c in people if "@" in c.email]
    for domain in dict.fromkeys(domains):
        found = customers.organisation_by_domain(domain)
        if found is not None and found.id == organisation_id:
            return OrganisationRef(id=organisation_id, name=found.name or domain)
    return OrganisationRef(id=organisation_id, name=domains[0] if domains else "Organisation")


def organisation_ref(
    customers: CustomerRepository, organisation_id: str | None, people: list[Customer]
) -> OrganisationRef | None:
    return organisation_named(customers, organisation_id, people) if organisation_id else None
