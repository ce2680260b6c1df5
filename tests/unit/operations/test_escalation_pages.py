"""Pages are logged as the pager sends them, show whether they wait, passed on or were acknowledged, and an
acknowledgement from the console marks the page it answered."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from helpdesk.operations.model.escalation import OnCallPerson
from helpdesk.operations.views.api import PageView
from helpdesk.operations.views.queue import PagerTask

from tests.fakes.operations.page_log import InMemoryPageLog
from tests.fakes.operations.rota import InMemoryRotaStore

pytestmark = pytest.mark.unit
NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
ALARM = {"name": "helpdesk-t-ingest-dlq-not-empty", "changed_at": "2026-11-25T19:59:00.000+0000"}
PAT = {"M": {"name": {"S": "Pat"}, "email": {"S": "pat@oncall.example"}, "phone": {"S": "+491701111111"}}}


class SentPages:
    def __init__(self) -> None:
        self.sent: list[tuple[OnCallPerson, str]] = []

    def page(self, person: OnCallPerson, alarm: dict[str, str], ack_link: str, step: int) -> None:
        self.sent.append((person, ack_link))


class AnsweredWorkflow:
    def __init__(self) -> None:
        self.acknowledged: list[tuple[str, str]] = []

    def start(self, name: str, payload: dict[str, object]) -> bool:
        return True

    def acknowledge(self, token: str, who: str) -> None:
        self.acknowledged.append((token, who))


def page_task(step: int = 0, token: str = "tok-1") -> PagerTask:
    return PagerTask(
        action="page",
        execution="exec-1",
        alarm=ALARM,
        task_token=token,
        person=PAT,
        step=step,
        ack_seconds=120,
    )


def send(log: InMemoryPageLog, task: PagerTask, at: datetime = NOW) -> SentPages:
    from helpdesk.operations.services.escalation import handle_pager_task

    pager = SentPages()
    no_phone: Any = None  # a page never calls
    handle_pager_task(task, pager, no_phone, InMemoryRotaStore(), log, "https://console/ack.html", at)
    return pager


def test_a_page_is_logged_with_its_deadline_and_waits_until_then() -> None:
    log = InMemoryPageLog()
    pager = send(log, page_task())
    assert pager.sent[0][1] == "https://console/ack.html?token=tok-1"
    [page] = log.recent(10)
    assert (page.alarm, page.person.email, page.answer_by) == (
        ALARM["name"],
        "pat@oncall.example",
        NOW + timedelta(seconds=120),
    )
    assert page.state(NOW + timedelta(seconds=119)) == "waiting"
    assert page.state(NOW + timedelta(seconds=120)) == "passed_on"
    view = PageView.of(page, NOW)
    assert view.ack_token == "tok-1"
    assert (
        PageView.of(page, NOW + timedelta(minutes=3)).ack_token is None
    )  # a passed-on page cannot be acknowledged


def test_a_redelivered_page_keeps_its_first_record() -> None:
    log = InMemoryPageLog()
    send(log, page_task())
    send(log, page_task(), NOW + timedelta(seconds=30))
    assert [p.paged_at for p in log.recent(10)] == [NOW]


def test_acknowledging_in_the_console_marks_the_page_and_stops_the_workflow() -> None:
    from helpdesk.operations.services.escalation import acknowledge

    log, workflow = InMemoryPageLog(), AnsweredWorkflow()
    send(log, page_task(0, "tok-0"))
    send(log, page_task(1, "tok-1"), NOW + timedelta(minutes=2))
    acknowledge("tok-1", "sam@oncall.example", workflow, log, NOW + timedelta(minutes=3))
    first, second = log.recent(10)
    assert (first.step, first.acknowledged_by) == (0, "")
    assert (second.step, second.acknowledged_by, second.acknowledged_at) == (
        1,
        "sam@oncall.example",
        NOW + timedelta(minutes=3),
    )
    assert second.state(NOW + timedelta(hours=1)) == "acknowledged"
    assert workflow.acknowledged == [("tok-1", "sam@oncall.example")]


class RingingPhone:
    def __init__(self) -> None:
        self.rang: list[str] = []

    def call(self, person: OnCallPerson, alarm: dict[str, str]) -> None:
        self.rang.append(person.phone)


def test_the_final_call_shows_as_the_escalations_last_step_once() -> None:
    from helpdesk.operations.model.escalation import Rota
    from helpdesk.operations.services.escalation import handle_pager_task

    log, phone, rota = InMemoryPageLog(), RingingPhone(), InMemoryRotaStore()
    sam = OnCallPerson("Sam", "sam@oncall.example", "+491702222222")
    rota.put(Rota(people=(OnCallPerson("Pat", "pat@oncall.example"), sam)))
    send(log, page_task(0, "tok-0"))
    call = PagerTask(action="call", execution="exec-1", alarm=ALARM)
    for delivery in range(2):  # a redelivered call task
        handle_pager_task(call, SentPages(), phone, rota, log, "-", NOW + timedelta(minutes=5 + delivery))
    page, called = log.recent(10)
    assert (page.channel, called.channel, called.person) == ("mail", "phone", sam)
    assert called.paged_at == NOW + timedelta(minutes=5)  # the first record stands
    view = PageView.of(called, NOW + timedelta(hours=1))
    assert (view.state, view.phone, view.ack_token) == ("called", "+491702222222", None)
    assert phone.rang == ["+491702222222"] * 2  # rung again rather than risk not at all (documented)
