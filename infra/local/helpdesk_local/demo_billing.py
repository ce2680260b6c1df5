"""Demo billing for services: two months of a client's billable time, last-but-one month invoiced (a part
paid, so the receivables show an aged amount), last month drafted for the accountant; a quote sent to Acme.

Past days are made by building the product's own container with a clock set to them, so every record is
what the services write (nothing poked into tables)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

GLOBEX = {
    "organisation_id": "org-globex",
    "email": "bob@globex.example",
    "name": "Bob Globex",
    "company": "Globex Inc",
    "address": ("500 Market Street", "San Francisco, CA 94105"),
    "country": "US",
    "currency": "USD",
    "hourly_rate": 12000,
}
ACME = {
    "organisation_id": "org-acme",
    "email": "alice@acme.example",
    "name": "Алиса Смирнова",
    "company": "Acme Ltd",
    "address": ("1 Fleet Street", "London EC4Y 1AA"),
    "country": "GB",
    "vat_id": "GB123456789",
    "currency": "GBP",
}
PROJECT = {"key": "GLX", "name": "Globex integrations", "organisation": "org-globex"}
DEVELOPER, MANAGER, ACCOUNTANT = (
    "dev@helpdesk.localhost",
    "anna@helpdesk.localhost",
    "accountant@helpdesk.localhost",
)
# task title, then (days after the month's first day, minutes, billable) per month back (2: before last)
WORK = [
    (
        "Sync orders to Globex ERP",
        {2: [(1, 240, True), (8, 180, True)], 1: [(3, 300, True), (10, 90, False)]},
    ),
    ("Fix tax rounding in exports", {2: [(15, 120, True)], 1: [(12, 60, True), (20, 150, True)]}),
    ("Monthly hosting checks", {2: [(25, 30, True)], 1: [(25, 30, True)]}),
]


def _month_start(today: date, back: int) -> date:
    first = today.replace(day=1)
    for _ in range(back):
        first = (first - timedelta(days=1)).replace(day=1)
    return first


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=UTC)


def load_demo_billing() -> None:
    from helpdesk.billing.model.clients import ClientAccount
    from helpdesk.billing.model.quotes import QuoteLine
    from helpdesk.bootstrap import Container, container
    from helpdesk.kernel.clock import FixedClock
    from helpdesk.kernel.errors import Conflict
    from helpdesk.tasks.views.tasks import CreateProjectRequest, CreateTaskRequest, LogTimeRequest

    live = container()
    live.client_accounts.put(ClientAccount(**GLOBEX))
    if live.client_accounts.get("org-acme") is None:
        live.client_accounts.put(ClientAccount(**ACME))
    try:
        live.task_desk.create_project(CreateProjectRequest.model_validate(PROJECT), MANAGER)
    except Conflict:
        return  # loaded before
    today = datetime.now(UTC).date()
    tasks = [
        live.task_desk.create_task(CreateTaskRequest.model_validate({"project": "GLX", "title": t}), MANAGER)
        for t, _ in WORK
    ]
    for back in (2, 1):
        first = _month_start(today, back)
        for task, (_, months) in zip(tasks, WORK, strict=True):
            for offset, minutes, billable in months[back]:
                then = Container(live.settings, clock=FixedClock(_at(first + timedelta(days=offset))))
                then.task_desk.log_time(
                    task.id, LogTimeRequest(minutes=minutes, billable=billable), DEVELOPER
                )
        period = f"{first:%Y-%m}"
        month_end = Container(
            live.settings, clock=FixedClock(_at(_month_start(today, back - 1)) + timedelta(hours=1))
        )
        billing = month_end.time_billing
        billing.approve(ACCOUNTANT, "org-globex", period)
        drafts = billing.propose_drafts(period)
        if back == 2:
            invoice = billing.approve_draft(ACCOUNTANT, drafts[0].id)
            paid_on = _month_start(today, 0) - timedelta(days=3)
            month_end.receivables.record_payment(
                ACCOUNTANT, invoice.id, "demo-1", invoice.total // 2, paid_on, "wire"
            )
    lines = [
        QuoteLine.priced("Checkout redesign", Decimal(24), 8000, None),
        QuoteLine.priced("Hosting, 12 months", None, None, 36000),
    ]
    quote = live.quotes.create(MANAGER, "org-acme", "EUR", lines, 30)
    live.quotes.send(quote.id)
