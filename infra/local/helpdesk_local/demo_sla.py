"""The demo's SLA: the support office's hours (Berlin, weekdays 9 to 17, the Christmas and New Year holidays)
and one policy per priority, so every demo ticket shows its due times (docs/desk.md, "SLAs")."""

from __future__ import annotations

from datetime import date

CALENDAR = "Office hours"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
# priority: (first response, resolution) in business minutes; a business day is 8 hours
TARGETS = {
    "urgent": (60, 8 * 60),
    "high": (2 * 60, 2 * 8 * 60),
    "normal": (4 * 60, 3 * 8 * 60),
    "low": (8 * 60, 5 * 8 * 60),
}


def holidays(today: date) -> list[date]:
    """This year's and next year's Christmas and New Year days."""
    days = [(12, 24), (12, 25), (12, 26), (12, 31), (1, 1)]
    return sorted(date(year, month, day) for year in (today.year, today.year + 1) for month, day in days)


def policy_name(priority: str) -> str:
    return f"{CALENDAR} · {priority}"


def load_demo_sla(today: date) -> None:
    """Once per state: an admin may change or delete the policies afterwards, and a restart keeps that."""
    from helpdesk.bootstrap import container
    from helpdesk.sla.views import CalendarView, PolicyView

    admin = container().sla_admin
    hours = [{"day": d, "open": "09:00", "close": "17:00"} for d in WEEKDAYS]
    calendar = {"name": CALENDAR, "timezone": "Europe/Berlin", "hours": hours, "holidays": holidays(today)}
    admin.save_calendar(CalendarView.model_validate(calendar).calendar())
    taken = {p.name for p in admin.policies()}
    for priority, (first, resolution) in TARGETS.items():
        if policy_name(priority) in taken:
            continue
        policy = {
            "name": policy_name(priority),
            "calendar": CALENDAR,
            "priority": priority,
            "first_response_minutes": first,
            "resolution_minutes": resolution,
        }
        admin.save_policy(PolicyView.model_validate(policy).policy(""))
