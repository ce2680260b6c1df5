"""Issue 23 in the console: each message names its channel; the agent answers on the channel they choose."""

from __future__ import annotations

import pytest

from tests.support.web_console_fixtures import message

pytestmark = [pytest.mark.integration, pytest.mark.browser]


def test_every_message_shows_its_channel_and_the_reply_goes_out_on_the_chosen_one(tab, apis):
    apis.console.messages["t-1"].append(
        message(90, "inbound", "Photo of the error attached", 1, channel="telegram")
    )
    apis.console.channels = {"channels": ["mail", "telegram"]}
    page = tab.open("console", "/tickets/t-1", ".message")
    labels = page.locator(".message:not(.note) .channel").all_inner_texts()
    assert (
        len(labels) == page.locator(".message:not(.note)").count()
        and "Telegram" in labels
        and "E-mail" in labels
    )
    page.locator("#composer-channel").wait_for(state="visible")  # shown once the customer's channels are in
    assert page.locator("#composer-channel").input_value() == "telegram"  # where the customer last wrote
    page.fill("#composer-text", "Thanks, the fix is on its way.")
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_selector(".message.outbound:has-text('the fix is on its way') .channel-telegram")
    (call,) = tab.stub.calls("console", "POST", "/tickets/t-1/channel-replies")
    assert call.body["channel"] == "telegram" and call.body["text"] == "Thanks, the fix is on its way."
    assert not tab.stub.calls("console", "POST", "/tickets/t-1/replies")

    page.select_option("#composer-channel", "mail")
    page.fill("#composer-text", "And by mail.")
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_selector("text=And by mail.")
    assert tab.stub.calls("console", "POST", "/tickets/t-1/replies")[0].body["text"] == "And by mail."


def test_the_channel_choice_stays_hidden_for_a_mail_only_customer(tab):
    page = tab.open("console", "/tickets/t-1", "#composer-text")
    page.wait_for_selector("#composer-channel option", state="attached")
    assert not page.locator("#composer-channel").is_visible()
