"""Report facts in memory, held to the same contract suite as the DynamoDB store."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from helpdesk.reports.model.facts import Fact, ReportKind


class MemoryFactStore:
    def __init__(self) -> None:
        self.by_source: dict[str, Fact] = {}

    def put(self, facts: Iterable[Fact]) -> None:
        for fact in facts:
            self.by_source[fact.source] = fact

    def put_earliest(self, fact: Fact, value: str) -> None:
        kept = self.by_source.get(fact.source)
        if kept is None or kept.values.get(value, 0) >= fact.values[value]:
            self.by_source[fact.source] = fact

    def delete(self, sources: Iterable[str]) -> None:
        for source in sources:
            self.by_source.pop(source, None)

    def facts(self, report: ReportKind, partitions: Iterable[str]) -> list[Fact]:
        wanted = {f"{report.value}#{p}" for p in partitions}
        return [f for f in self.by_source.values() if f.partition in wanted]


class MemorySourceLookup:
    def __init__(self, tickets: dict[str, Any] | None = None, policies: list[Any] | None = None) -> None:
        self.tickets, self.orders, self.projects = tickets or {}, {}, {}  # type: ignore[var-annotated]
        self.policies = policies or []

    def ticket(self, ticket_id: str) -> Any:
        return self.tickets.get(ticket_id)

    def order(self, order_id: str) -> Any:
        return self.orders.get(order_id)

    def project(self, key: str) -> Any:
        return self.projects.get(key)

    def sla_policies(self) -> list[Any]:
        return list(self.policies)
