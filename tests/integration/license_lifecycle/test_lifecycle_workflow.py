"""The real ASL in moto's engine, time compressed (a day is a second): every path of a license period."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpdesk.domain.license_lifecycle import RenewalState, execution_name

from .harness import Lifecycle

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("license-lifecycle")]


def test_renewed_in_time_ends_the_period_after_one_reminder(stack: Lifecycle) -> None:
    lic = stack.issue("lic-a", days_left=3)
    service = stack.service()
    name = service.start_period(lic, lic.issued + timedelta(days=300))
    stack.until(lambda: stack.messages("notify"))  # the 2-day reminder notice arrived
    new_end = lic.expires + timedelta(days=30)
    assert service.renew("lic-a", new_end, "webhook evt_1")

    assert stack.wait_done(name.rsplit(":", 1)[-1])["status"] == "SUCCEEDED"
    states = stack.entered(execution_name("lic-a", lic.expires))
    print(states)
