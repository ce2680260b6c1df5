"""Table items -> facts. Every fact's source key derives from the item alone, so an old image names the
facts a new image replaces without any lookup; lookups (a reply's ticket, an invoice's order) add labels."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from helpdesk.reports.model.facts import Fact, ReportKind
from helpdesk.reports.views.records import (
    InvoiceRecord,
    LicenseRecord,
    MessageRecord,
    SlaTarget,
    SurveyRecord,
    TaskRecord,
    TicketRecord,
    TimeEntryRecord,
)

Item = Mapping[str, Any]
SOLVED = ("solved", "closed")
S, W = ReportKind.SUPPORT, ReportKind.WORK


def minutes_between(start: datetime, end: datetime) -> int:
    return max(0, int((end - start).total_seconds() // 60))


def body(item: Item, attribute: str = "data") -> dict[str, Any]:
    text = item.get(attribute)
    return json.loads(text) if isinstance(text, str) and text else {}


def target_for(targets: list[SlaTarget], mailbox: str, priority: str) -> SlaTarget | None:
    """The most specific policy: mailbox and priority, then either, then the catch-all."""

    def score(t: SlaTarget) -> int:
        return (2 if t.mailbox == mailbox else 0) + (1 if t.priority == priority else 0)

    fitting = [t for t in targets if t.mailbox in (None, mailbox) and t.priority in (None, priority)]
    return max(fitting, key=score) if fitting else None


def ticket_facts(t: TicketRecord, targets: list[SlaTarget]) -> list[Fact]:
    if t.internal:
        return []
    dims = {"agent": t.agent, "mailbox": t.mailbox, "priority": t.priority}
    facts = [Fact(S, f"ticket-in#{t.id}", t.created_at.date(), dims, {"in": 1})]
    if t.status in SOLVED and t.closed_at:
        took = minutes_between(t.created_at, t.closed_at)
        values = {"solved": 1, "resolution": took}
        if target := target_for(targets, t.mailbox, t.priority):
            values |= {"sla_due": 1, "sla_met": int(took <= target.resolution_minutes)}
        facts.append(Fact(S, f"ticket-solved#{t.id}", t.closed_at.date(), dims, values))
    else:
        opened = int(t.created_at.timestamp() // 60)
        facts.append(Fact(S, f"ticket-open#{t.id}", None, dims, {"opened": opened}))
    return facts


def first_reply_fact(m: MessageRecord, ticket: TicketRecord | None, targets: list[SlaTarget]) -> Fact | None:
    if m.direction != "outbound" or ticket is None or ticket.internal:
        return None
    took = minutes_between(ticket.created_at, m.created_at)
    values = {"first_response": took, "replied": int(m.created_at.timestamp())}
    if target := target_for(targets, ticket.mailbox, ticket.priority):
        values |= {"sla_due": 1, "sla_met": int(took <= target.first_response_minutes)}
    agent = m.author or ticket.agent
    dims = {"agent": agent, "mailbox": ticket.mailbox, "priority": ticket.priority}
    return Fact(S, f"first-reply#{ticket.id}", m.created_at.date(), dims, values)


def survey_fact(s: SurveyRecord) -> list[Fact]:
    if s.rating not in ("good", "bad") or s.rated_at is None:
        return []
    dims = {"agent": s.agent or "-", "mailbox": s.mailbox}
    return [Fact(S, f"csat#{s.id}", s.rated_at.date(), dims, {f"csat_{s.rating}": 1})]


def time_entry_fact(e: TimeEntryRecord, client: str) -> list[Fact]:
    dims = {"employee": e.agent, "client": client, "project": "support"}
    values = {"minutes": e.minutes, "billable_minutes": e.minutes if e.billable else 0}
    return [Fact(W, f"time#{e.id}", e.logged_at.date(), dims, values)]


def task_facts(t: TaskRecord, client: str) -> list[Fact]:
    facts = []
    for n, entry in enumerate(t.time):
        dims = {"employee": entry.by, "client": client, "project": t.project}
        values = {
            "minutes": entry.minutes,
            "billable_minutes": entry.minutes if entry.billable else 0,
            "task_minutes": entry.minutes,
        }
        facts.append(Fact(W, f"task-time#{t.id}#{n}", entry.at.date(), dims, values))
    if t.estimate_minutes:
        dims = {"employee": t.assignee or "-", "client": client, "project": t.project}
        facts.append(
            Fact(
                W,
                f"task-estimate#{t.id}",
                t.created_at.date(),
                dims,
                {"estimate_minutes": t.estimate_minutes},
            )
        )
    return facts


def invoice_facts(i: InvoiceRecord, plans: Callable[[int], tuple[str, bool]]) -> list[Fact]:
    """Credit notes count negative in `net` and positive in `refunds`; new vs renewal comes from the order."""
    facts = []
    credit = i.kind == "credit_note"
    client = i.buyer.company or i.buyer.name or i.customer_id
    for n, line in enumerate(i.lines):
        plan, renewal = plans(n)
        kind = "renewal" if renewal else "new"
        dims = {
            "product": line.product,
            "plan": plan,
            "client": client,
            "manager": line.manager or "-",
            "country": i.buyer.country or "-",
            "currency": i.currency,
            "kind": kind,
            "client_id": i.organisation_id or i.customer_id,
        }
        net = line.accounting_net
        values = {"net": net, kind: net, "refunds": -net if credit else 0, "lines": 0 if credit else 1}
        facts.append(Fact(ReportKind.SALES, f"invoice#{i.id}#{n}", i.issued_at.date(), dims, values))
    return facts


def license_fact(lic: LicenseRecord) -> list[Fact]:
    dims = {
        "product": lic.product,
        "plan": lic.plan or "lifetime",
        "renewed": ",".join(d.isoformat() for d in lic.renewals),
    }
    values = {"issued": lic.issued.date().toordinal()}
    if lic.expires:
        values["expires"] = lic.expires.date().toordinal()
    if lic.revoked_at:
        values["revoked"] = lic.revoked_at.date().toordinal()
    return [Fact(ReportKind.LICENSES, f"license#{lic.id}", None, dims, values)]


def license_record(item: Item) -> LicenseRecord:
    """License items keep fields as attributes (dates as PynamoDB writes them), history as JSON lines."""
    renewals = []
    for line in item.get("history") or ():
        event = json.loads(str(line))
        if event.get("action") == "renew":
            renewals.append(datetime.fromisoformat(event["at"]).date())
    fields = {k: item.get(k) for k in ("product", "plan", "issued", "expires", "revoked_at")}
    fields |= {"id": str(item["pk"]).removeprefix("LICENSE#"), "renewals": renewals}
    return LicenseRecord.model_validate(fields)
