"""The customer hears when a task they can see is done: the customers of the tickets and orders it came from
get one mail per move to done (the outbound worker may deliver a request twice; the claim sends it once)."""

from __future__ import annotations

from helpdesk.notices.public import Mailer, OutgoingMail
from helpdesk.tasks.model.project import Project
from helpdesk.tasks.model.task import Task
from helpdesk.tasks.model.workflow import StatusCategory
from helpdesk.tasks.ports import (
    CustomerLookup,
    DeliveryClaims,
    OrderLookup,
    ProjectStore,
    TaskStore,
    TicketLookup,
)
from helpdesk.tasks.views.mails import TaskDoneMail


def became_done(project: Project, before: Task, after: Task) -> bool:
    done = StatusCategory.DONE
    wf = project.workflow
    return wf.category(after.status) is done and wf.category(before.status) is not done


class TaskDoneMails:
    def __init__(
        self,
        projects: ProjectStore,
        tasks: TaskStore,
        tickets: TicketLookup,
        orders: OrderLookup,
        customers: CustomerLookup,
        mailer: Mailer,
        once: DeliveryClaims,
        cabinet_url: str,
    ) -> None:
        self._projects, self._tasks, self._tickets, self._orders = projects, tasks, tickets, orders
        self._customers, self._mailer, self._once = customers, mailer, once
        self._cabinet = cabinet_url.rstrip("/")

    def send(self, request: TaskDoneMail) -> int:
        """Mails sent; none when the task was reopened before the mail left, or has no customer."""
        task = self._tasks.get(request.task_id)
        project = self._projects.get(task.project) if task else None
        if (
            task is None
            or project is None
            or project.workflow.category(task.status) is not StatusCategory.DONE
        ):
            return 0
        sent = 0
        for to in self._recipients(task):
            key = f"task-done#{task.id}#{request.done_at.isoformat()}#{to}"
            if not self._once.claim(key):
                continue
            try:
                self._mailer.send(OutgoingMail(to, f"Done: {task.title} ({task.key})", self._text(task), key))
            except Exception:
                self._once.release(key)
                raise
            sent += 1
        return sent

    def _recipients(self, task: Task) -> list[str]:
        found: list[str] = []
        for ticket_id in task.ticket_ids:
            ticket = self._tickets.find(ticket_id)
            customer = self._customers.get(ticket.customer_id) if ticket and ticket.customer_id else None
            if customer and customer.email and not customer.undeliverable:
                found.append(customer.email)
        for order_id in task.order_ids:
            order = self._orders.get_order(order_id)
            if order and order.customer_email:
                found.append(order.customer_email)
        return sorted({e.lower() for e in found})

    def _text(self, task: Task) -> str:
        result = f"What was delivered:\n{task.result}\n\n" if task.result else ""
        return (
            f'Hello,\n\nthe work on "{task.title}" ({task.key}) is done.\n\n{result}'
            f"You can follow all your work in progress at {self._cabinet}/orders\n"
        )
