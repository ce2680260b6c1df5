from __future__ import annotations

import pytest
from helpdesk.kernel.errors import Invalid
from helpdesk.operations.model.escalation import AlarmChange, OnCallPerson, Rota

pytestmark = pytest.mark.unit


def test_a_rota_needs_people_sane_timeouts_and_e164_phones() -> None:
    with pytest.raises(Invalid):
        Rota(people=())
    with pytest.raises(Invalid):
        Rota(people=(OnCallPerson("A", "a@x.example"),), ack_seconds=1)
    with pytest.raises(Invalid):
        Rota(people=(OnCallPerson("A", "a@x.example", "0170 123"),))
    assert Rota(people=(OnCallPerson("A", "a@x.example", "+491701234567"),)).ack_seconds == 300


def test_everyone_on_the_rota_has_a_name() -> None:
    with pytest.raises(Invalid, match="name"):
        Rota(people=(OnCallPerson("A", "a@x.example"), OnCallPerson("  ", "b@x.example")))


def test_escalation_names_are_stable_per_transition_and_valid_for_step_functions() -> None:
    one = AlarmChange("helpdesk prod/ingest dlq", "", "ALARM", "OK", "", "2026-11-25T10:00:00.000+0000")
    again = AlarmChange("helpdesk prod/ingest dlq", "", "ALARM", "OK", "", "2026-11-25T10:00:00.000+0000")
    later = AlarmChange("helpdesk prod/ingest dlq", "", "ALARM", "OK", "", "2026-11-25T11:00:00.000+0000")
    assert one.escalation_name() == again.escalation_name() != later.escalation_name()
    assert (
        len(one.escalation_name()) <= 80
        and " " not in one.escalation_name()
        and "/" not in one.escalation_name()
    )
