"""The console's polling in Chromium: each poll is a billed API request (docs/cost.md), so a hidden tab asks
every 30 s, and a tab looked at again asks at once and then at its visible period (the live inbox: the stub's
`pollSeconds`, 1 s; the website chats: 1 s)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.support.web_console_fixtures import NOW

pytestmark = [pytest.mark.browser, pytest.mark.integration]

# Chromium shows a headless page as visible; the page reads visibility only through these two and the event.
SET_HIDDEN = """(hidden) => {
  Object.defineProperty(document, "hidden", { configurable: true, get: () => hidden });
  const state = () => (hidden ? "hidden" : "visible");
  Object.defineProperty(document, "visibilityState", { configurable: true, get: state });
  document.dispatchEvent(new Event("visibilitychange"));
}"""
IDLE = "() => window.__pendingFetches === 0"


def polls(stub: Any) -> int:
    return sum(1 for c in stub.calls("console", "GET", "/tickets") if "updated_since" in c.query)


def chat_polls(stub: Any) -> int:
    return len(stub.calls("console", "GET", "/chats"))


def advance(page: Any, ms: int, step: int = 1_000) -> None:
    """Move the page's clock in steps, letting each poll's answer arrive before the next tick."""
    for _ in range(ms // step):
        page.clock.run_for(step)
        page.wait_for_function(IDLE)


STEPS = (
    ("visible 3 s", False, 3_000),
    ("hidden 61 s", True, 61_000),
    ("when shown", False, 0),
    ("visible 2 s more", False, 2_000),
)


def polls_through_hiding(page: Any, count: Callable[[], int]) -> dict[str, int]:
    """The polls a page makes while visible for 3 s, hidden for 61 s, at once when shown, then in 2 s more."""
    page.wait_for_function(IDLE)  # the first answers and the config have arrived: the poller runs
    made, before = {}, count()
    for state, hidden, ms in STEPS:
        if hidden != page.evaluate("document.hidden"):
            page.evaluate(SET_HIDDEN, hidden)
            page.wait_for_function(IDLE)
        advance(page, ms)
        made[state], before = count() - before, count()
    return made


def test_a_hidden_inbox_polls_every_30_s_and_a_visible_one_at_once_and_then_every_period(tab, stub):
    tab.context.clock.install(time=NOW)
    page = tab.open("console", "/", ".list-row")
    made = polls_through_hiding(page, lambda: polls(stub))
    assert made == {"visible 3 s": 3, "hidden 61 s": 2, "when shown": 1, "visible 2 s more": 2}


def test_the_website_chats_page_polls_every_30_s_while_hidden_and_at_once_when_seen_again(tab, stub):
    stub.route("console", "GET", "/chats", lambda request: (200, {"chats": []}), first=True)
    stub.route("console", "POST", "/chats/presence", lambda request: (200, {}), first=True)
    tab.context.clock.install(time=NOW)
    page = tab.open("console", "/chats", "text=No live chats")
    made = polls_through_hiding(page, lambda: chat_polls(stub))
    # hidden: the tick already set when the tab was hidden (1 s), then one each 30 s after it (31 s, 61 s)
    assert made == {"visible 3 s": 3, "hidden 61 s": 3, "when shown": 1, "visible 2 s more": 2}
