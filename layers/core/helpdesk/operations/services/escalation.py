"""Escalation: an alarm transition starts one workflow that pages the rota until someone acknowledges, then
calls."""

from __future__ import annotations

from datetime import datetime, timedelta

from helpdesk.kernel.errors import Invalid
from helpdesk.operations.model.escalation import CALL_STEP, AlarmChange, OnCallPerson, Page, Rota
from helpdesk.operations.ports import EscalationWorkflow, PageLog, Pager, Phone, RotaStore
from helpdesk.operations.views.queue import AlarmStateChanged, PagerTask

RECENT_PAGES = 50


def alarm_changed(message: AlarmStateChanged, workflow: EscalationWorkflow) -> bool:
    """Start the escalation for a transition into ALARM; returns False for other states and for repeats."""
    change = AlarmChange(
        message.AlarmName,
        message.AlarmDescription or "",
        message.NewStateValue,
        message.OldStateValue,
        message.NewStateReason,
        message.StateChangeTime,
    )
    if change.new_state != "ALARM":
        return False
    alarm = {
        "name": change.name,
        "description": change.description,
        "reason": change.reason,
        "changed_at": change.changed_at,
    }
    return workflow.start(change.escalation_name(), {"alarm": alarm})


def handle_pager_task(
    task: PagerTask, pager: Pager, phone: Phone, rota: RotaStore, pages: PageLog, ack_url: str, now: datetime
) -> None:
    if task.action == "page":
        if not task.task_token or not task.person:
            raise Invalid("a page needs a task token and a person")
        person = _person(task.person)
        pager.page(person, task.alarm, f"{ack_url}?token={task.task_token}", task.step or 0)
        wait = timedelta(seconds=task.ack_seconds or 300)
        page = Page(
            execution=task.execution,
            step=task.step or 0,
            alarm=task.alarm.get("name", ""),
            alarm_changed_at=task.alarm.get("changed_at", ""),
            person=person,
            paged_at=now,
            answer_by=now + wait,
            task_token=task.task_token,
        )
        pages.record(page)
    elif task.action == "call":
        current = rota.get()
        last = current.people[-1] if current else None
        if last is None or not last.phone:
            raise Invalid("nobody with a phone number on the rota to call")
        # Called before it is logged: a redelivery after a crash in between may ring twice, never not at all.
        phone.call(last, task.alarm)
        pages.record(
            Page(
                execution=task.execution,
                step=CALL_STEP,
                alarm=task.alarm.get("name", ""),
                alarm_changed_at=task.alarm.get("changed_at", ""),
                person=last,
                paged_at=now,
                answer_by=now,
                task_token="",
                channel="phone",
            )
        )
    else:
        raise Invalid(f"unknown pager action {task.action!r}")


def acknowledge(token: str, who: str, workflow: EscalationWorkflow, pages: PageLog, now: datetime) -> None:
    """Stop the escalation: the person acknowledged the page (by its link or in the console)."""
    workflow.acknowledge(token, who)
    for page in pages.recent(RECENT_PAGES):
        if page.task_token == token:
            pages.save_acknowledged(page.acknowledge(who, now))


def recent_pages(pages: PageLog) -> list[Page]:
    return pages.recent(RECENT_PAGES)


def _person(typed: dict[str, object]) -> OnCallPerson:
    fields = typed.get("M", typed)
    assert isinstance(fields, dict)

    def text(name: str) -> str:
        value = fields.get(name, {})
        return str(value.get("S", "")) if isinstance(value, dict) else str(value or "")

    return OnCallPerson(name=text("name"), email=text("email"), phone=text("phone"))


def current_rota(store: RotaStore) -> Rota | None:
    return store.get()


def change_rota(store: RotaStore, rota: Rota) -> Rota:
    store.put(rota)
    return rota
