"""A demo service order with its tasks and tickets (issue 21): Globex asked for two things in the cabinet, the
manager quoted the work, Bob accepted the quote, the tasks made from the order (one per ticket, one more for
the work nobody asked about in a ticket) have time logged. Staff open it in the console at
`#/billing/orders/so_demoservices00001`, Bob in the cabinet from his quotes (docs/billing.md).

Built through the services with Bob's own cabinet identity, like the rest of the demo (nothing poked into
tables); loaded after `demo_billing` (Globex's billing account and project GLX)."""

from __future__ import annotations

from decimal import Decimal

QUOTE_ID = "qt_demoservices00001"
ORDER_ID = "so_demoservices00001"
MANAGER, DEVELOPER = "anna@helpdesk.localhost", "dev@helpdesk.localhost"
BOB = ("demo-bob", "bob@globex.example", "Bob Globex", "org-globex")
# (ticket subject and text or None, task title, minutes logged)
WORK = [
    (("Orders stuck in 'pending' after the ERP sync", "Since Tuesday new orders stay pending."),
     "Unstick pending orders after the ERP sync", 150),
    (("Invoice PDF shows the wrong VAT id", "Our VAT id changed in March; the PDF still shows the old one."),
     "Update the VAT id on invoice PDFs", 45),
    (None, "Monitoring for the ERP sync queue", 0),
]  # fmt: skip


def load_demo_service_order() -> None:
    from helpdesk.billing.model.quotes import QuoteLine
    from helpdesk.bootstrap import container
    from helpdesk.identity.model import Principal, Role
    from helpdesk.kernel.errors import Conflict
    from helpdesk.tasks.views.tasks import CreateProjectRequest, CreateTaskRequest, LogTimeRequest

    live = container()
    if any(q.id == QUOTE_ID for q in live.quotes.for_staff("org-globex")):
        return  # loaded before
    subject, email, name, organisation = BOB
    bob = Principal(subject, email, frozenset({Role.CUSTOMER}), organisation, name=name)
    try:
        project = {"key": "GLX", "name": "Globex integrations", "organisation": organisation}
        live.task_desk.create_project(CreateProjectRequest.model_validate(project), MANAGER)
    except Conflict:
        pass  # the billing demo made it
    lines = [
        QuoteLine.priced("ERP sync fixes and invoice corrections", Decimal(6), 12000, None),
        QuoteLine.priced("Queue monitoring setup", None, None, 25000),
    ]
    live.quotes.create(MANAGER, organisation, "USD", lines, 30, quote_id=QUOTE_ID)
    live.quotes.send(QUOTE_ID)
    order_id = live.quotes.accept(bob, QUOTE_ID).order_id
    assert order_id == ORDER_ID
    for asked, title, minutes in WORK:
        ticket = live.cabinet.open_ticket(bob, asked[0], asked[1], []) if asked else None
        request = {"project": "GLX", "title": title, "order_id": order_id,
                   "ticket_id": ticket.id if ticket else None}  # fmt: skip
        task = live.task_desk.create_task(CreateTaskRequest.model_validate(request), MANAGER)
        if minutes:
            live.task_desk.log_time(task.id, LogTimeRequest(minutes=minutes, billable=True), DEVELOPER)
