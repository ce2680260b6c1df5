"""The operations desk: health, storage, the rota, pages and escalations, each one call for a handler."""

from __future__ import annotations

from helpdesk.kernel.clock import Clock
from helpdesk.operations.model.escalation import Page, Rota
from helpdesk.operations.ports import OperationsPorts
from helpdesk.operations.services import escalation
from helpdesk.operations.services.health import check_health
from helpdesk.operations.services.storage_report import StorageReport, report_storage
from helpdesk.operations.views.api import HealthView
from helpdesk.operations.views.queue import AlarmStateChanged, PagerTask


class OperationsDesk:
    def __init__(
        self, ports: OperationsPorts, queue_names: list[str], table_names: list[str], ack_url: str
    ) -> None:
        self._p = ports
        self._queue_names = queue_names
        self._table_names = table_names
        self._ack_url = ack_url

    @property
    def clock(self) -> Clock:
        return self._p.clock

    def health(self) -> HealthView:
        """Every queue's depth and age; degraded while a dead-letter queue holds messages."""
        return check_health(self._p.queue_monitor, self._queue_names)

    def storage_report(self) -> StorageReport:
        """Publish the tables' sizes and item counts where the table-size alarm reads them."""
        return report_storage(self._p.table_stats, self._p.metric_sink, self._table_names)

    def rota(self) -> Rota | None:
        return escalation.current_rota(self._p.rota_store)

    def change_rota(self, rota: Rota) -> Rota:
        return escalation.change_rota(self._p.rota_store, rota)

    def acknowledge(self, token: str, who: str) -> None:
        """Stop the escalation the page with this token belongs to."""
        escalation.acknowledge(token, who, self._p.escalation, self._p.page_log, self._p.clock.now())

    def recent_pages(self) -> list[Page]:
        return escalation.recent_pages(self._p.page_log)

    def alarm_changed(self, alarm: AlarmStateChanged) -> bool:
        """Start an escalation for a transition into ALARM; False for other states and repeats."""
        return escalation.alarm_changed(alarm, self._p.escalation)

    def handle_pager_task(self, task: PagerTask) -> None:
        """Page the on-call person with an acknowledgement link, or place the escalation's final call."""
        escalation.handle_pager_task(
            task,
            self._p.pager,
            self._p.phone,
            self._p.rota_store,
            self._p.page_log,
            self._ack_url,
            self._p.clock.now(),
        )
