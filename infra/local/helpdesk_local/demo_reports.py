"""A month of activity for the reports (docs/reports.md), deterministic for a given day: two tickets a day
with replies, time, solutions and ratings; a hosting project's tasks; seven orders with invoices, one
refunded; their licenses and a few lapsed subscriptions. Written through the contexts' own stores, so the
reports see it through the table's stream like everything else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

AGENTS = ("anna@helpdesk.localhost", "boris@helpdesk.localhost", "dev@helpdesk.localhost")
CLIENTS = (("alice@acme.example", "org-acme"), ("bob@globex.example", "org-globex"))
DAYS = 30
SLA_TARGETS = (30, 150)  # the billing mailbox's first response and resolution, minutes (always open)
QUIET_DAYS = 30  # the month before: one ticket a day, so the reports have a previous period to compare with
# product, edition, plan, price (EUR minor units, VAT included), renews an earlier license
ORDERS = [
    ("seo-pro", "pro", "yearly", 11900, False),
    ("backup", "basic", "monthly", 1900, False),
    ("seo-pro", "pro", "lifetime", 29900, False),
    ("backup", "basic", "monthly", 1900, True),
    ("seo-pro", "pro", "yearly", 11900, True),
    ("backup", "basic", "monthly", 1900, False),
    ("seo-pro", "pro", "yearly", 11900, False),
]
REFUNDED = 4  # the fifth order is refunded the next day
# license, product, plan, issued days ago, renewed days ago (None: it lapsed, a churned subscription)
OLD_LICENSES = [
    ("rpt-old-0", "backup", "monthly", 45, None),
    ("rpt-old-1", "backup", "monthly", 50, 14),
    ("rpt-old-2", "seo-pro", "yearly", 380, 18),
]
PROJECT = ("HOST", "Globex hosting", "org-globex")
TASKS = [
    ("Move the shop to the new server", 480, ((3, 240), (4, 180), (5, 120))),
    ("Nightly backups to S3", 120, ((9, 90),)),
    ("TLS certificates renew by themselves", 60, ((15, 75),)),
    ("Staging copy of the shop", 240, ((21, 60), (22, 60))),
]  # title, estimate, (days ago, minutes)


@dataclass(frozen=True)
class DemoTicket:
    index: int
    created: datetime
    agent: str
    client: tuple[str, str]
    mailbox: str
    solved_after: int | None  # minutes
    reply_after: int
    minutes: int
    billable: bool
    rating: str | None


def tickets(today: date) -> list[DemoTicket]:
    planned = []
    for d in range(1, DAYS + QUIET_DAYS + 1):
        for k in range(2 if d <= DAYS else 1):
            i = d * 2 + k if d <= DAYS else 100 + d
            created = datetime.combine(today - timedelta(days=d), time(9 + 3 * k), UTC)
            solved = 60 + 30 * (i % 5) if i % 4 else None
            rating = ("good" if i % 7 else "bad") if solved and i % 3 == 0 else None
            planned.append(
                DemoTicket(
                    i,
                    created,
                    AGENTS[i % 3],
                    CLIENTS[i % 2],
                    ("support", "billing")[k],
                    solved,
                    10 + 5 * (i % 6),
                    15 + 15 * (i % 4),
                    i % 5 != 0,  # billable, mostly
                    rating,
                )
            )
    return planned


def load_demo_reports(today: date) -> None:
    from helpdesk.bootstrap import container

    c = container()
    _sla_policy(c)
    for t in tickets(today):
        _ticket(c, t)
    _tasks(c, today)
    _sales(c, today)


def _ticket(c, t: DemoTicket) -> None:  # type: ignore[no-untyped-def]
    from helpdesk.tickets.model.csat import Rating, Survey
    from helpdesk.tickets.model.desk import TimeEntry
    from helpdesk.tickets.model.message import Direction, Message
    from helpdesk.tickets.model.ticket import Priority, Ticket, TicketStatus
    from helpdesk.tickets.public import customer_id_for

    tid, (email, org) = f"rpt{t.index:04d}", t.client
    closed = t.created + timedelta(minutes=t.solved_after) if t.solved_after else None
    ticket = Ticket(
        tid,
        f"HD-9{t.index:04d}",
        f"Report demo {t.index}",
        t.mailbox,
        t.created,
        closed or t.created,
        status=TicketStatus.SOLVED if closed else TicketStatus.OPEN,
        closed_at=closed,
        priority=(Priority.NORMAL, Priority.HIGH)[t.index % 2],
        assignee=t.agent,
        customer_id=customer_id_for(email),
        organisation_id=org,
        participants=(email,),
    )
    c.ticket_repository.create(ticket)
    c.ticket_stores.messages.add(
        Message(f"{tid}-in", tid, Direction.INBOUND, t.created, email, subject="Help"), email
    )
    replied = t.created + timedelta(minutes=t.reply_after)
    reply = Message(
        f"{tid}-re", tid, Direction.OUTBOUND, replied, t.agent, subject="Re: Help", author=t.agent
    )
    c.ticket_stores.messages.add(reply, t.agent)
    logged = t.created + timedelta(hours=2)
    c.desk_store.add_time(
        TimeEntry(f"{tid}-time", tid, t.agent, t.minutes, t.billable, logged, ticket.customer_id)
    )
    if t.rating and closed:
        c.surveys.add(
            Survey(
                f"{tid}-csat",
                tid,
                ticket.number,
                t.mailbox,
                t.agent,
                email,
                closed,
                Rating(t.rating),
                closed + timedelta(hours=1),
            )
        )


def _sla_policy(c) -> None:  # type: ignore[no-untyped-def]
    """Targets for the billing mailbox only, so the demo's SLA board is not filled with old demo tickets."""
    from helpdesk.sla.model.policy import SlaPolicy

    first, resolution = SLA_TARGETS
    c.sla_store.save_policy(
        SlaPolicy("rpt-billing", "Billing", "always", first, resolution, mailbox="billing")
    )


def _tasks(c, today: date) -> None:  # type: ignore[no-untyped-def]
    from helpdesk.tasks.model.project import Project
    from helpdesk.tasks.model.task import Task, TimeEntry

    key, name, org = PROJECT
    start = datetime.combine(today - timedelta(days=DAYS), time(8), UTC)
    if not c.project_store.create(Project(key, name, org, start, manager=AGENTS[0])):
        return  # loaded before, by a run stopped before its mark
    for n, (title, estimate, logged) in enumerate(TASKS, start=1):
        at = [datetime.combine(today - timedelta(days=d), time(15), UTC) for d, _ in logged]
        entries = tuple(
            TimeEntry(when, AGENTS[2 - n % 2], m, True) for when, (_, m) in zip(at, logged, strict=True)
        )
        c.task_store.create(
            Task(
                f"rpt-task-{n}",
                f"{key}-{n}",
                key,
                n,
                title,
                "in_progress",
                AGENTS[0],
                start,
                assignee=AGENTS[2 - n % 2],
                estimate_minutes=estimate,
                time=entries,
            )
        )


def _sales(c, today: date) -> None:  # type: ignore[no-untyped-def]
    from helpdesk.billing.adapters.dynamo_invoices import DynamoInvoiceStore
    from helpdesk.billing.model.exchange import ExchangeRate
    from helpdesk.billing.model.invoices import (
        InvoiceKind,
        credit_note_for,
        invoice_for_order,
        invoice_id_for,
    )
    from helpdesk.bootstrap import aws_client
    from helpdesk.commerce.model.orders import Offer, Order, OrderLine
    from helpdesk.commerce.model.parties import BillingDetails
    from helpdesk.licensing.model.license import Money

    store = DynamoInvoiceStore(aws_client(c.settings, "dynamodb"), c.settings.table_name)
    policy = c.invoices._policy  # the seller and tax rules the product invoices with
    for j, (product, edition, plan, price, renews) in enumerate(ORDERS):
        paid = datetime.combine(today - timedelta(days=2 + 4 * j), time(11), UTC)
        email, org = CLIENTS[j % 2]
        offer = Offer(product, edition, f"{product} {edition}", Money(price, "EUR"), AGENTS[j % 2], plan=plan)
        renewed = OLD_LICENSES[j - 2][0] if renews else None
        line = OrderLine(offer, (f"shop{j}.example",), renews=renewed)
        order = Order(
            f"rpt-order-{j}",
            f"cs_rpt_{j}",
            f"pi_rpt_{j}",
            _customer(email),
            email,
            (line,),
            Money(price, "EUR"),
            paid,
            organisation_id=org,
        )
        c.checkout_store.add_order(order)
        billing = BillingDetails(
            name=email, company=org.removeprefix("org-").title(), country=("DE", "FR", "US")[j % 3]
        )
        same = ExchangeRate("EUR", "EUR", Decimal(1), paid.date())
        draft = invoice_for_order(
            invoice_id_for(order.id, InvoiceKind.INVOICE),
            order,
            billing,
            policy.seller,
            policy.rules,
            same,
            paid,
        )
        issued = store.issue(draft)
        if j == REFUNDED:
            store.issue(
                credit_note_for(
                    issued, invoice_id_for(order.id, InvoiceKind.CREDIT_NOTE), paid + timedelta(days=1)
                )
            )
        if not renews:
            _license(c, f"rpt-lic-{j}", product, edition, plan, paid, _customer(email), org, order.id)
    for lid, product, plan, issued_ago, renewed_ago in OLD_LICENSES:
        email, org = CLIENTS[0]
        issued = datetime.combine(today - timedelta(days=issued_ago), time(10), UTC)
        renewed = (
            datetime.combine(today - timedelta(days=renewed_ago), time(11), UTC) if renewed_ago else None
        )
        _license(c, lid, product, "pro", plan, issued, _customer(email), org, None, renewed)


def _customer(email: str) -> str:
    from helpdesk.tickets.public import customer_id_for

    return customer_id_for(email)


def _license(
    c,
    lid: str,
    product: str,
    edition: str,
    plan: str,
    issued: datetime,
    customer: str,  # type: ignore[no-untyped-def]
    org: str,
    order_id: str | None,
    renewed: datetime | None = None,
) -> None:
    from helpdesk.licensing.model.history import LicenseEvent
    from helpdesk.licensing.model.license import License

    length = {"monthly": 30, "yearly": 365}.get(plan)
    expires = issued + timedelta(days=length) if length else None
    history = ()
    if renewed and length and expires:
        expires = renewed + timedelta(days=length)
        history = (
            LicenseEvent(renewed, "renew", "customer", "demo renewal", f"until {expires.isoformat()}"),
        )
    c.license_repository.add(
        License(
            lid,
            product,
            edition,
            customer,
            (f"{lid}.example",),
            issued,
            expires,
            expires,
            organisation_id=org,
            order_id=order_id,
            plan=plan,
            currency="EUR",
            history=history,
        )
    )
