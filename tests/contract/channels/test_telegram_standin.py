"""The Bot API adapter against the Telegram stand-in, which checks every call against Telegram's published
types (infra/local/vendor/telegram): what the product sends is what Telegram accepts."""

from __future__ import annotations

import base64
import json
import urllib.request

import pytest
from helpdesk.channels.adapters.telegram_bot_api import BotApi
from helpdesk.channels.model.telegram import TelegramBot
from helpdesk.kernel.errors import Unavailable
from helpdesk_local.telegram_spec import method_problems, object_problems
from helpdesk_local.telegram_standin import start_telegram_standin

pytestmark = pytest.mark.contract
BOT = TelegramBot("demo", "7000000001:abc", "hook", "support", "HelpdeskDemoBot")


@pytest.fixture(scope="module")
def standin():
    standin, url = start_telegram_standin()
    standin.add_bot("demo", BOT.token, BOT.username)
    return standin, url


def test_messages_documents_and_file_downloads_pass_the_published_types(standin):
    fake, url = standin
    api = BotApi(url)
    assert api.send_message(BOT, 42, "Hello") > 0
    assert api.send_document(BOT, 42, 'steps "1".txt', b"1. open", "text/plain") > 0
    text, document = fake.sent[-2:]
    assert (text["method"], text["text"]) == ("sendMessage", "Hello")
    assert (
        document["document"] == "steps '1'.txt" and base64.b64decode(document["content_base64"]) == b"1. open"
    )
    file_id = fake._file(b"\xff\xd8jpeg", "photos/file_1.jpg")  # noqa: SLF001 - a file a user sent
    assert api.download(BOT, file_id) == b"\xff\xd8jpeg"
    assert fake.problems == []


def test_a_call_telegram_would_refuse_is_refused_and_recorded(standin):
    fake, url = standin
    body = json.dumps({"text": "no chat"}).encode()
    request = urllib.request.Request(
        f"{url}/bot{BOT.token}/sendMessage", body, {"Content-Type": "application/json"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)  # noqa: S310
    assert refused.value.code == 400 and "required field 'chat_id' missing" in fake.problems[-1]
    with pytest.raises(Unavailable):
        BotApi(url).send_message(TelegramBot("x", "1:wrong", "h"), 42, "Hello")  # an unknown token: 401


def test_the_spec_checks_updates_and_calls_field_by_field():
    update = {"update_id": 1, "message": {"message_id": 2, "date": 3, "chat": {"id": 4, "type": "private"}}}
    assert object_problems("Update", update) == []
    assert object_problems("Update", {"update_id": "1"}) == ["Update.update_id: '1' is not Integer"]
    assert method_problems("sendMessage", {"chat_id": 1, "text": "x", "colour": "red"}) == [
        "sendMessage: unknown field 'colour'"
    ]
    assert method_problems("sendTelepathy", {}) == ["sendTelepathy: no such Bot API method"]
