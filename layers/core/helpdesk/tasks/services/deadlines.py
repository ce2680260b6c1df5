"""Deadlines, run on a schedule: an overdue task is mailed to its project's manager once (per due date), and
each developer gets one digest a day of their open tasks that are overdue or due soon.

"Due soon" and lateness count working days of the chosen business calendar (`model.working_days`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from helpdesk.kernel.clock import Clock
from helpdesk.notices.public import Mailer, OutgoingMail
from helpdesk.tasks.model.project import Project
from helpdesk.tasks.model.task import Task
from helpdesk.tasks.model.workflow import StatusCategory
from helpdesk.tasks.model.working_days import EveryDay, WorkingDays, due_soon_until, working_days_between
from helpdesk.tasks.ports import DeliveryClaims, ProjectStore, TaskStore

OPEN = (StatusCategory.TODO, StatusCategory.ACTIVE)


@dataclass(frozen=True)
class DeadlineReport:
    overdue_notices: int
    digests: int


class Deadlines:
    def __init__(
        self,
        projects: ProjectStore,
        tasks: TaskStore,
        mailer: Mailer,
        once: DeliveryClaims,
        clock: Clock,
        console_url: str,
        digest_hour_utc: int = 6,
        working_days: Callable[[], WorkingDays] = EveryDay,
    ) -> None:
        self._working_days = working_days  # read once per run: a calendar edited meanwhile counts next hour
        self._projects, self._tasks, self._mailer, self._once = projects, tasks, mailer, once
        self._clock, self._console, self._digest_hour = clock, console_url.rstrip("/"), digest_hour_utc

    def run(self, digest_now: bool = False) -> DeadlineReport:
        """Hourly: the overdue notices, and the day's digests from `digest_hour_utc` on (or now if asked)."""
        now = self._clock.now()
        days = self._working_days()
        open_tasks = [(p, t) for p in self._projects.all() for t in self._tasks.for_project(p.key)
                      if p.workflow.category(t.status) in OPEN]  # fmt: skip
        notices = sum(self._overdue_notice(p, t, now.date(), days) for p, t in open_tasks)
        digests = 0
        if digest_now or now.hour >= self._digest_hour:
            digests = self._digests([t for _, t in open_tasks], now.date(), days)
        return DeadlineReport(notices, digests)

    def _overdue_notice(self, project: Project, task: Task, today: date, days: WorkingDays) -> bool:
        manager = project.manager or task.reporter
        if task.due is None or task.due >= today or not manager:
            return False
        late = working_days_between(days, task.due, today)
        text = (
            f"{task.key} {task.title}\n\nwas due {task.due:%d %B %Y} ({late} working day(s) ago) "
            f"and is still {task.status}.\nAssignee: {task.assignee or 'nobody'}\n\n{self._link(task)}\n"
        )
        mail = OutgoingMail(
            manager, f"Overdue: {task.key} {task.title}", text, f"task-overdue#{task.id}#{task.due}"
        )
        return self._send_once(mail)

    def _digests(self, tasks: list[Task], today: date, days: WorkingDays) -> int:
        soon = due_soon_until(days, today)
        mine: dict[str, list[Task]] = defaultdict(list)
        for task in tasks:
            if task.assignee:
                mine[task.assignee].append(task)
        sent = 0
        for developer, theirs in sorted(mine.items()):
            dated = sorted(
                ((t.due, t) for t in theirs if t.due and t.due <= soon), key=lambda d: (d[0], d[1].key)
            )
            lines = [f"- {t.key} {t.title}: {_when(due, today, days)}\n  {self._link(t)}" for due, t in dated]
            overdue, rest = sum(due < today for due, _ in dated), len(theirs) - len(dated)
            text = "Your open tasks with a deadline in the next days:\n\n" + ("\n".join(lines) or "- none")
            text += f"\n\nAnd {rest} more open task(s) without a close deadline.\n" if rest else "\n"
            subject = f"Your tasks for {today:%d %B}: {overdue} overdue, {len(dated) - overdue} due soon"
            sent += self._send_once(
                OutgoingMail(developer, subject, text, f"task-digest#{developer}#{today}")
            )
        return sent

    def _send_once(self, mail: OutgoingMail) -> bool:
        if not self._once.claim(mail.idempotency_key):
            return False
        try:
            self._mailer.send(mail)
        except Exception:
            self._once.release(mail.idempotency_key)
            raise
        return True

    def _link(self, task: Task) -> str:
        return f"{self._console}/#/tasks/{task.id}"


def _when(due: date, today: date, days: WorkingDays) -> str:
    if due < today:
        return f"overdue by {working_days_between(days, due, today)} working day(s) (due {due})"
    left = working_days_between(days, today, due)
    return "due today" if due == today else f"due in {left} working day(s) ({due})"
