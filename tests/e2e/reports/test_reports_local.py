"""On the local stack: the demo's month (written by `helpdesk local demo-reports`) reaches the reports through
the table's stream (the roll-up is a second stream consumer beside the search indexer, with its own
checkpoint), per role."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import pytest
from helpdesk_local.demo_reports import tickets

from tests.e2e.local.test_admin_commands_local import helpdesk
from tests.support.local_process import LocalProcess

pytestmark = pytest.mark.e2e


def test_the_demo_month_shows_in_every_report_for_the_roles_that_may_see_it(local: LocalProcess) -> None:
    written = helpdesk("local", "demo-reports", "--state-dir", str(local.state_dir), timeout=900)
    assert written.returncode == 0, written.stderr
    today = datetime.now(UTC).date()
    start, end = today - timedelta(days=30), today - timedelta(days=1)
    period = {"from": start.isoformat(), "to": end.isoformat()}
    anna, dev, hr = (local.token(f"{who}@helpdesk.localhost") for who in ("anna", "dev", "hr"))

    def report(kind: str, token: str, **query: str) -> tuple[int, dict]:  # type: ignore[type-arg]
        return local.api("console", "GET", f"/reports/{kind}?{urlencode({**period, **query})}", token)

    planned = [t for t in tickets(today) if start <= t.created.date() <= end]

    def rolled_up() -> dict | None:  # type: ignore[type-arg]
        status, answer = report("support", anna)
        return answer if status == 200 and answer["totals"]["in"] >= len(planned) else None

    support = local.wait_for(rolled_up, timeout=300)  # the demo loads after start-up
    assert support["totals"]["in"] == len(planned)  # demo tickets only: the demo mail arrived today
    for kind in ("sales", "work", "licenses"):  # the demo writes tickets first, then tasks, then sales
        answer = local.wait_for(
            lambda k=kind: (
                (a := report(k, anna, group_by="product" if k != "work" else "employee"))[0] == 200
                and a[1]["rows"]
                and a[1]
            ),
            timeout=300,
        )
        assert answer["totals"], kind
    status, own = report("work", dev, group_by="employee")
    assert status == 200 and [r["key"] for r in own["rows"]] == ["dev@helpdesk.localhost"]
    assert report("work", dev, employee="anna@helpdesk.localhost")[0] == 403
    assert report("sales", hr)[0] == 403
    status, hours = report("work", hr, group_by="client")
    assert status == 200 and "revenue" not in hours["totals"]
