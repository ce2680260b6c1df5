"""The console's polling in Chromium: each poll is a billed API request (docs/cost.md), so a hidden tab asks
every 30 s, and a tab looked at again asks at once and then at its visible period (the live inbox: the stub's
`pollSeconds`, 1 s; the website chats: 1 s)."""

from __future__ import annotations

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


def test_a_hidden_inbox_polls_every_30_s_and_a_visible_one_at_once_and_then_every_period(tab, stub):
    tab.context.clock.install(time=NOW)
    page = tab.open("console", "/", ".list-row")
    page.wait_for_function(IDLE)  # the list and the config have arrived: the poller runs
    first = polls(stub)
    advance(page, 3_000)
    assert polls(stub) == first + 3  # visible: every period

    page.evaluate(SET_HIDDEN, True)
    hidden_from = polls(stub)
    advance(page, 29_000)
    assert polls(stub) == hidden_from
    advance(page, 31_000)
    assert polls(stub) == hidden_from + 2  # at 30 s and 60 s

    page.evaluate(SET_HIDDEN, False)
    page.wait_for_function(IDLE)
    assert polls(stub) == hidden_from + 3  # looked at again: asks at once, without waiting for a tick
    advance(page, 2_000)
    assert polls(stub) == hidden_from + 5


def test_the_website_chats_page_polls_every_30_s_while_hidden_and_at_once_when_seen_again(tab, stub):
    stub.route("console", "GET", "/chats", lambda request: (200, {"chats": []}), first=True)
    stub.route("console", "POST", "/chats/presence", lambda request: (200, {}), first=True)
    tab.context.clock.install(time=NOW)
    page = tab.open("console", "/chats", "text=No live chats")
    page.wait_for_function(IDLE)
    first = chat_polls(stub)
    advance(page, 3_000)
    assert chat_polls(stub) == first + 3  # visible: every second

    page.evaluate(SET_HIDDEN, True)
    hidden_from = chat_polls(stub)
    advance(page, 30_000)
    assert chat_polls(stub) == hidden_from + 1  # the tick already set when the tab was hidden, then none
    advance(page, 1_000)
    assert chat_polls(stub) == hidden_from + 2  # 30 s after that tick

    page.evaluate(SET_HIDDEN, False)
    page.wait_for_function(IDLE)
    assert chat_polls(stub) == hidden_from + 3  # looked at again: asks at once
    advance(page, 2_000)
    assert chat_polls(stub) == hidden_from + 5
