"""What other parts may use of reports (nothing below it does; the composition root wires these)."""

from __future__ import annotations

from helpdesk.reports.services.reports import Reports
from helpdesk.reports.services.rollup import ReportRollup

__all__ = ["ReportRollup", "Reports"]
