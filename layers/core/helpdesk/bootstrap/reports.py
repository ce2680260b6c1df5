"""The reports context's parts: the fact store, the stream roll-up and the reports the staff API serves."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from helpdesk.bootstrap.core import CoreParts, aws_client

if TYPE_CHECKING:
    from helpdesk.reports.ports import FactStore, SourceLookup
    from helpdesk.reports.public import ReportRollup, Reports


class ReportsParts(CoreParts):
    @cached_property
    def report_facts(self) -> FactStore:
        from helpdesk.reports.adapters.dynamo_facts import DynamoFactStore

        return DynamoFactStore(aws_client(self.settings, "dynamodb"), self.settings.table_name)

    @cached_property
    def report_sources(self) -> SourceLookup:
        from helpdesk.reports.adapters.dynamo_lookup import DynamoSourceLookup

        return DynamoSourceLookup(aws_client(self.settings, "dynamodb"), self.settings.table_name)

    @cached_property
    def report_rollup(self) -> ReportRollup:
        from helpdesk.reports.public import ReportRollup

        return ReportRollup(self.report_facts, self.report_sources)

    @cached_property
    def reports(self) -> Reports:
        from helpdesk.reports.public import Reports

        return Reports(self.report_facts, self.settings.accounting_currency, self.clock)
