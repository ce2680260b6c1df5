"""The roll-up: folds the table's stream into facts. Idempotent: a fact is written under its source's key,
so a redelivered record rewrites the same facts; the first reply is kept by a conditional write."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import Any

from helpdesk.reports.model.facts import Fact
from helpdesk.reports.ports import FactStore, SourceLookup
from helpdesk.reports.services import facts as build
from helpdesk.reports.views.records import (
    InvoiceRecord,
    MessageRecord,
    OrderLineRecord,
    SlaTarget,
    SurveyRecord,
    TaskRecord,
    TicketRecord,
    TimeEntryRecord,
)

Image = Mapping[str, Any] | None


class RollupBatch:
    """One batch of records; lookups are cached for the batch only (a policy edit shows in the next one)."""

    def __init__(self, store: FactStore, lookup: SourceLookup) -> None:
        self._store, self._lookup = store, lookup
        self._tickets: dict[str, TicketRecord | None] = {}

    @cached_property
    def _targets(self) -> list[SlaTarget]:
        return [SlaTarget.model_validate(p) for p in self._lookup.sla_policies()]

    def ticket(self, ticket_id: str) -> TicketRecord | None:
        if ticket_id not in self._tickets:
            found = self._lookup.ticket(ticket_id)
            self._tickets[ticket_id] = TicketRecord.model_validate(found) if found else None
        return self._tickets[ticket_id]

    def facts(self, item: Mapping[str, Any]) -> list[Fact]:
        """The facts an item stands for ([] for items no report reads); first replies are handled apart."""
        entity = str(item.get("entity", ""))
        if entity == "ticket":
            return build.ticket_facts(TicketRecord.model_validate(build.body(item)), self._targets)
        if entity == "time_entry":
            entry = TimeEntryRecord.model_validate(build.body(item))
            ticket = self.ticket(entry.ticket_id)
            return build.time_entry_fact(entry, ticket.client if ticket else entry.customer_id or "-")
        if entity == "task":
            task = TaskRecord.model_validate(build.body(item))
            project = self._lookup.project(task.project) or {}
            return build.task_facts(task, str(project.get("organisation_id") or "-"))
        if entity == "Invoice":
            return build.invoice_facts(InvoiceRecord.model_validate(build.body(item)), self._plans(item))
        if entity == "License":
            return build.license_fact(build.license_record(item))
        if entity == "csat_survey":
            return build.survey_fact(SurveyRecord.model_validate(build.body(item)))
        return []

    def _plans(self, item: Mapping[str, Any]) -> Any:
        order = self._lookup.order(str(build.body(item).get("source_id", ""))) or {}
        lines = [
            OrderLineRecord(plan=line.get("plan") or "lifetime", renewal=bool(line.get("renews")))
            for line in order.get("lines") or []
        ]
        return lambda n: (lines[n].plan, lines[n].renewal) if n < len(lines) else ("-", False)

    def apply(self, new: Image, old: Image) -> int:
        if new is not None and new.get("entity") == "message":
            return self._reply(new)
        fresh = self.facts(new) if new is not None else []
        gone = {f.source for f in (self._keys_of(old) if old is not None else [])} - {f.source for f in fresh}
        self._store.delete(gone)
        self._store.put(fresh)
        return len(fresh)

    def _keys_of(self, item: Mapping[str, Any]) -> list[Fact]:
        try:
            return self.facts(item)
        except ValueError:  # an old image this code cannot read names no fact it wrote
            return []

    def _reply(self, item: Mapping[str, Any]) -> int:
        message = MessageRecord.model_validate(build.body(item))
        fact = build.first_reply_fact(message, self.ticket(message.ticket_id), self._targets)
        if fact is None:
            return 0
        self._store.put_earliest(fact, "replied")
        return 1


class ReportRollup:
    def __init__(self, store: FactStore, lookup: SourceLookup) -> None:
        self._store, self._lookup = store, lookup

    def apply_stream_records(self, records: Iterable[tuple[Image, Image]]) -> int:
        """(new image, old image) pairs in stream order, as plain dicts; returns the facts written."""
        batch = RollupBatch(self._store, self._lookup)
        return sum(batch.apply(new, old) for new, old in records)
