"""The admin's webhooks page in Chromium on the local stack: add a webhook to a loopback receiver, copy its
secret, send a test event, see it delivered with a healthy badge, replay it from the console: the receiver
verifies both with the reference `standardwebhooks` library and sees the same webhook-id twice.
Any console error fails the test."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from standardwebhooks.webhooks import Webhook

from tests.e2e.commerce.test_commerce_browser import sign_in
from tests.e2e.tickets.test_issue6_flow_browser import Pages
from tests.support.local_process import LocalProcess
from tests.support.screenshots import SHOTS
from tests.support.webhook_receiver import Receiver

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    started = Receiver().start()
    yield started
    started.stop()


def test_add_test_and_replay_a_webhook_from_the_console(
    local: LocalProcess,
    chromium: Any,
    receiver: Receiver,
) -> None:
    pages = Pages(chromium, local)
    page = pages.open("console", "/admin/webhooks")
    sign_in(page, "admin@helpdesk.localhost")
    page.wait_for_selector("#webhook-form")
    url = receiver.url("/console")
    page.fill("#webhook-url", url)
    page.fill("#webhook-description", "Browser receiver")
    page.check("#webhook-event-order-paid")
    page.click("#webhook-form button[type=submit]")
    secret = page.wait_for_selector("#webhook-secret-value").inner_text()
    assert secret.startswith("whsec_")
    row = page.locator("tr", has_text=url)
    row.get_by_role("button", name="Send test event").click()
    (test_event,) = local.wait_for(lambda: receiver.at("/console"), timeout=20)
    assert Webhook(secret).verify(test_event.body, test_event.headers)["type"] == "webhook.test"

    log = page.locator("#delivery-log")
    log.get_by_role("button", name="Refresh").click()
    log.locator(".badge", has_text="Delivered").wait_for()
    page.locator("tr", has_text=url).locator(".webhook-health .badge", has_text="Healthy").wait_for()
    log.get_by_role("button", name="Replay webhook.test").click()
    replayed = local.wait_for(lambda: receiver.at("/console")[1:], timeout=20)
    assert replayed[0].headers["webhook-id"] == test_event.headers["webhook-id"]
    Webhook(secret).verify(replayed[0].body, replayed[0].headers)
    log.locator("li", has_text="replay").wait_for()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "webhooks-console.png"), full_page=True)
    assert pages.errors == []
