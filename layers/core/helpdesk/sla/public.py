"""What other parts may use of sla: they import it from here, never from its inner modules."""

from __future__ import annotations

from helpdesk.sla.model.hours import BusinessCalendar, OpenHours, add_business_seconds, business_seconds

__all__ = ["BusinessCalendar", "OpenHours", "add_business_seconds", "business_seconds"]
