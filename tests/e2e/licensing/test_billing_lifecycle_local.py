"""The lifecycle charging saved cards on the local stack, with time compressed (a day lasts 0.3 s):
a subscription paid with Visa 4242 renews itself at the period's end; one paid with 4000 0000 0000 0341
(pays now, declines off-session) goes into grace, the manager gets the "call the customer" ticket, and the
license expires. Its own stack: the compressed clock must not reach the other e2e tests' licenses."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from helpdesk.kernel.calendar import MONTH

from tests.e2e.billing_pages import FAILS_LATER, VISA, buy_monthly, license_of
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
SECONDS_PER_DAY = 0.3  # a monthly period ends 9.3 s after the purchase


@pytest.fixture(scope="module")
def fast(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalProcess]:
    # A zone behind UTC: the stack must not let moto's Wait (which reads naive local time) drift by it.
    env = {"LICENSE_SECONDS_PER_DAY": str(SECONDS_PER_DAY), "TZ": "America/Los_Angeles"}
    stack = LocalProcess(tmp_path_factory.mktemp("fast-state"), env=env).start()
    yield stack
    stack.stop()
    artifacts = Path(__file__).resolve().parents[2] / ".artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "local-stack-lifecycle.log").write_text("".join(stack.output))


def test_the_saved_card_renews_and_the_failing_card_lapses_with_a_ticket(fast: LocalProcess) -> None:
    alice, bob, anna = (
        fast.token(e) for e in ("alice@acme.example", "bob@globex.example", "anna@helpdesk.localhost")
    )
    paid_order = buy_monthly(fast, alice, "auto.acme.example", VISA)
    lapsing_order = buy_monthly(fast, bob, "auto.globex.example", FAILS_LATER)
    paid, lapsing = license_of(fast, alice, paid_order), license_of(fast, bob, lapsing_order)
    ends = datetime.fromisoformat(str(paid["expires"]))

    def renewed() -> dict[str, object] | None:
        now = license_of(fast, alice, paid_order)
        return now if datetime.fromisoformat(str(now["expires"])) > ends else None

    after = fast.wait_for(renewed, timeout=60, every=1)
    issued = datetime.fromisoformat(str(paid["issued"]))
    assert datetime.fromisoformat(str(after["expires"])) == MONTH.next_end(ends, issued)  # a calendar month
    assert after["state"] == "active"

    def lapse_ticket() -> list[dict[str, object]]:
        listed = fast.api("console", "GET", f"/tickets?customer_id={lapsing['customer_id']}", anna)[1]
        return [t for t in listed["items"] if str(t["subject"]).startswith("Call the customer")]

    [ticket] = fast.wait_for(lapse_ticket, timeout=60, every=1)
    assert ticket["assignee"] == "anna@helpdesk.localhost" and lapsing["id"] not in str(ticket["subject"])
    assert license_of(fast, bob, lapsing_order)["expires"] == lapsing["expires"]  # never charged
    # Stored dates are real (the license ends in a month); the lifecycle's renewal record shows the lapse.
    assert fast.wait_for(lambda: renewal_state(fast, str(lapsing["id"])) == "expired", timeout=60, every=1)
    assert renewal_state(fast, str(paid["id"])) == "active"


def renewal_state(local: LocalProcess, license_id: str) -> str:
    dynamodb = local.client("dynamodb")
    table = "helpdesk-local"  # HelpdeskTable's name on Stage local
    key = {"pk": {"S": f"LICENSE#{license_id}"}, "sk": {"S": "RENEWAL"}}
    item = dynamodb.get_item(TableName=table, Key=key, ConsistentRead=True).get("Item") or {}
    return str(item.get("state", {}).get("S", ""))
