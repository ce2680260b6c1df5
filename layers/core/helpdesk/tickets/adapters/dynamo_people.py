"""Customers, organisations, mailboxes and quarantined mail in the `helpdesk` table."""

from __future__ import annotations

from helpdesk.kernel.adapters.dynamo_codec import dumps, loads
from helpdesk.kernel.adapters.dynamo_staging import staging
from helpdesk.kernel.adapters.dynamo_table import HelpdeskItem, decode_cursor, encode_cursor, put_new
from helpdesk.tickets.adapters.dynamo_reads import DynamoReads
from helpdesk.tickets.model.assignment import Mailbox
from helpdesk.tickets.model.customer import Customer, Organisation, customer_id_for
from helpdesk.tickets.model.quarantine import QuarantinedMail, QuarantineStatus
from helpdesk.tickets.ports import Page


def _get(model: type[HelpdeskItem], pk: str, sk: str) -> HelpdeskItem | None:
    try:
        return model.get(pk, sk, consistent_read=True)
    except model.DoesNotExist:
        return None


class DynamoCustomers:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model
        self._reads = DynamoReads(model)

    def get(self, customer_id: str) -> Customer | None:
        item = self._reads.get(f"CUSTOMER#{customer_id}", "CUSTOMER")
        return loads(Customer, item.data or "{}") if item else None

    def by_email(self, email: str) -> Customer | None:
        return self.get(customer_id_for(email))

    def create_if_absent(self, customer: Customer) -> Customer:
        item = self._item(customer)
        if self._staged(item, new=True):
            return customer
        if put_new(self._m, item):
            self._reads.wrote(item)
            return customer
        self._reads.forget(item.pk, item.sk)
        return self.get(customer.id) or customer

    def save(self, customer: Customer) -> None:
        item = self._item(customer)
        if not self._staged(item, new=False):
            item.save()
            self._reads.wrote(item)

    def _staged(self, item: HelpdeskItem, new: bool) -> bool:
        """In a unit of work (mail ingest) the write is staged: a customer or organisation that exists
        after all refuses the unit."""
        staged = staging()
        if staged is None:
            return False
        condition = self._m.pk.does_not_exist() if new else None
        staged.stage("Put", item.get_save_kwargs_from_instance(condition=condition))
        self._reads.wrote(item)
        return True

    def in_organisation(self, organisation_id: str) -> list[Customer]:
        items = self._m.gsi1.query(f"ORGPEOPLE#{organisation_id}")
        return [loads(Customer, i.data or "{}") for i in items]

    def organisation_by_domain(self, domain: str) -> Organisation | None:
        item = self._reads.get(f"ORG#{domain.lower()}", "ORG")
        return loads(Organisation, item.data or "{}") if item else None

    def create_organisation_if_absent(self, organisation: Organisation) -> Organisation:
        # Read first: a domain's organisation is written once and read on every mail from it.
        existing = self.organisation_by_domain(organisation.domain)
        if existing is not None:
            return existing
        item = self._organisation_item(organisation)
        if self._staged(item, new=True):
            return organisation
        if put_new(self._m, item):
            self._reads.wrote(item)
            return organisation
        self._reads.forget(item.pk, item.sk)
        return self.organisation_by_domain(organisation.domain) or organisation

    def save_organisation(self, organisation: Organisation) -> None:
        item = self._organisation_item(organisation)
        if not self._staged(item, new=False):
            item.save()
            self._reads.wrote(item)

    def _organisation_item(self, organisation: Organisation) -> HelpdeskItem:
        return self._m(f"ORG#{organisation.domain}", "ORG", entity="organisation", data=dumps(organisation))

    def _item(self, customer: Customer) -> HelpdeskItem:
        org = customer.organisation_id
        return self._m(
            f"CUSTOMER#{customer.id}",
            "CUSTOMER",
            entity="customer",
            data=dumps(customer),
            gsi1pk=f"ORGPEOPLE#{org}" if org else None,
            gsi1sk=customer.id if org else None,
        )


class DynamoMailboxes:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model
        self._reads = DynamoReads(model)

    def get(self, name: str) -> Mailbox | None:
        item = self._reads.get(f"MAILBOX#{name}", "MAILBOX")
        return loads(Mailbox, item.data or "{}") if item else None

    def save(self, mailbox: Mailbox) -> None:
        self._m(
            f"MAILBOX#{mailbox.name}",
            "MAILBOX",
            entity="mailbox",
            data=dumps(mailbox),
            gsi1pk="MAILBOXES",
            gsi1sk=mailbox.name,
        ).save()

    def all(self) -> list[Mailbox]:
        return [loads(Mailbox, i.data or "{}") for i in self._m.gsi1.query("MAILBOXES")]


class DynamoQuarantine:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model

    def put(self, mail: QuarantinedMail) -> None:
        self._m(
            f"QUARANTINE#{mail.key}",
            "QUARANTINE",
            entity="quarantined_mail",
            data=dumps(mail),
            status=mail.status.value,
            gsi1pk=f"QUARANTINE#{mail.status.value}",
            gsi1sk=f"{mail.created_at.isoformat()}#{mail.key}",
        ).save()

    def get(self, key: str) -> QuarantinedMail | None:
        item = _get(self._m, f"QUARANTINE#{key}", "QUARANTINE")
        return loads(QuarantinedMail, item.data or "{}") if item else None

    def list(self, status: QuarantineStatus, limit: int, cursor: str | None = None) -> Page[QuarantinedMail]:
        names = ("pk", "sk", "gsi1pk", "gsi1sk")
        items = list(
            self._m.gsi1.query(
                f"QUARANTINE#{status.value}",
                scan_index_forward=False,
                limit=limit + 1,
                last_evaluated_key=decode_cursor(cursor, names) if cursor else None,
            )
        )
        page, more = items[:limit], len(items) > limit
        next_cursor = encode_cursor({n: getattr(page[-1], n) for n in names}) if more else None
        return Page([loads(QuarantinedMail, i.data or "{}") for i in page], next_cursor)

    def set_status(self, key: str, status: QuarantineStatus) -> None:
        mail = self.get(key)
        if mail is not None:
            from dataclasses import replace

            self.put(replace(mail, status=status))
