"""Billing's `WorkedTime` over the tasks and tickets contexts: billing and tasks are siblings, may not import
each other, so the composition root, which sees both, joins them here."""

from __future__ import annotations

import hashlib

from helpdesk.billing.model.time_ledger import WorkedEntry
from helpdesk.tasks.ports import ProjectStore, TaskStore
from helpdesk.tickets.model.desk import TimeFacet
from helpdesk.tickets.ports import CustomerRepository, DeskStore, TicketRepository


def _id(*parts: object) -> str:
    return "wt_" + hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:24]


class TasksAndTicketsTime:
    def __init__(
        self,
        projects: ProjectStore,
        tasks: TaskStore,
        desk: DeskStore,
        customers: CustomerRepository,
        tickets: TicketRepository,
    ) -> None:
        self._projects, self._tasks, self._desk = projects, tasks, desk
        self._customers, self._tickets = customers, tickets

    def billable(self, organisation_id: str, period: str) -> list[WorkedEntry]:
        return self._task_time(organisation_id, period) + self._ticket_time(organisation_id, period)

    def _task_time(self, organisation_id: str, period: str) -> list[WorkedEntry]:
        found = []
        for project in self._projects.for_organisation(organisation_id):
            for task in self._tasks.for_project(project.key):
                for n, e in enumerate(task.time):
                    if e.billable and f"{e.at:%Y-%m}" == period:
                        entry_id = _id("task", task.id, n, e.at.isoformat(), e.by)
                        found.append(WorkedEntry(entry_id, organisation_id, "task", task.key, task.title,
                                                 e.by, e.minutes, e.at))  # fmt: skip
        return found

    def _ticket_time(self, organisation_id: str, period: str) -> list[WorkedEntry]:
        found, numbers = [], dict[str, str]()
        for customer in self._customers.in_organisation(organisation_id):
            for e in self._desk.time_for(TimeFacet.CUSTOMER, customer.id):
                if not e.billable or f"{e.logged_at:%Y-%m}" != period:
                    continue
                if e.ticket_id not in numbers:
                    ticket = self._tickets.find(e.ticket_id)
                    numbers[e.ticket_id] = f"#{ticket.number}" if ticket else e.ticket_id
                found.append(WorkedEntry(e.id, organisation_id, "ticket", numbers[e.ticket_id],
                                         e.note or "Support", e.agent, e.minutes, e.logged_at))  # fmt: skip
        return found
