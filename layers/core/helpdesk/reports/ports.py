"""The reports context's ports: where facts are kept and what the roll-up looks up beside a stream record."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from helpdesk.reports.model.facts import Fact, ReportKind

Item = Mapping[str, Any]


class FactStore(Protocol):
    def put(self, facts: Iterable[Fact]) -> None:
        """Write each fact under its source key, replacing what that source had."""

    def put_earliest(self, fact: Fact, value: str) -> None:
        """Write the fact unless the stored one has a smaller `values[value]` (the first reply wins)."""

    def delete(self, sources: Iterable[str]) -> None:
        """Remove the facts of these sources (absent ones are fine)."""

    def facts(self, report: ReportKind, partitions: Iterable[str]) -> list[Fact]:
        """The facts of a report in the given partitions (`YYYY-MM` or `standing`): one key query each."""


class SourceLookup(Protocol):
    def ticket(self, ticket_id: str) -> Item | None:
        """The ticket's stored JSON body, or None."""

    def order(self, order_id: str) -> Item | None:
        """The order's stored JSON body, or None."""

    def project(self, key: str) -> Item | None:
        """The project's stored JSON body, or None."""

    def sla_policies(self) -> list[Item]:
        """The stored SLA policies' JSON bodies."""
