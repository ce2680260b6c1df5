"""The Omnidesk stand-in holds to the shapes recorded from Omnidesk's documentation, and the real Omnidesk
adapter talks to it within them: wrong credentials, undocumented parameters and fields are refused loudly."""

from __future__ import annotations

import base64
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from helpdesk.integrations.adapters.omnidesk_http import HttpOmnidesk, OmnideskRefused
from helpdesk.integrations.model.omnidesk import message_of, numbered
from helpdesk.integrations.ports import VendorNotFound, VendorRateLimited
from helpdesk_local.omnidesk_standin import OmnideskStandin, documented, refusal
from werkzeug.serving import make_server

pytestmark = pytest.mark.contract
EMAIL, KEY = "agent@agency.example", "od-key-1"
EVENTS = Path(__file__).resolve().parents[3] / "events" / "omnidesk"


@pytest.fixture
def standin() -> OmnideskStandin:
    return OmnideskStandin(EMAIL, KEY)


@pytest.fixture
def served(standin: OmnideskStandin) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, standin, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    standin.base_url = f"http://127.0.0.1:{server.server_port}"
    yield standin.base_url
    server.shutdown()


def test_the_recorded_operations_are_the_ones_the_connector_uses() -> None:
    assert set(documented()) == {
        "GET /api/cases.json",
        "GET /api/cases/{case_id}.json",
        "GET /api/cases/{case_id}/messages.json",
        "POST /api/cases/{case_id}/messages.json",
        "GET /api/users/{user_id}.json",
    }
    assert refusal("GET /api/cases.json", {"from_updated_time": "1", "limit": "100"}, None) is None
    assert "undocumented" in (refusal("GET /api/cases.json", {"updated_after": "1"}, None) or "")
    assert refusal("GET /api/cases.json", {"limit": "101"}, None) == "limit must be 1..100"
    post = "POST /api/cases/{case_id}/messages.json"
    assert refusal(post, {}, {"message": {"content": "Hi", "staff_id": 4}}) is None
    assert "required" in (refusal(post, {}, {"message": {"staff_id": 4}}) or "")
    assert "undocumented" in (refusal(post, {}, {"message": {"content": "Hi", "author": "x"}}) or "")


def test_the_recorded_answers_parse_into_the_model() -> None:
    items, total = numbered(json.loads((EVENTS / "case_messages.json").read_text()), "message")
    customer, staff = (message_of(m) for m in items)
    assert total == 2 and customer.from_customer and not staff.from_customer
    assert customer.text == "Тестовый ответ пользователя" and customer.files[0].file_name == "test.jpg"


def test_the_adapter_reads_cases_messages_users_and_files_and_replies(standin, served) -> None:
    opened = standin.open_case(
        "Olga@Client.example", "Olga", "Invoice question", "Where is my invoice?",
        [{"file_name": "scan.pdf", "mime_type": "application/pdf",
          "content_b64": base64.b64encode(b"%PDF-1.4 scan").decode()}],
    )  # fmt: skip
    api = HttpOmnidesk(served, EMAIL, KEY)
    cases, total = api.cases_updated_since(datetime.now(UTC) - timedelta(minutes=5), 1)
    assert total == 1 and [c.case_id for c in cases] == [opened["case_id"]]
    assert api.case(opened["case_id"]).subject == "Invoice question"
    [message] = api.messages(opened["case_id"])
    assert (message.message_id, message.text, message.from_customer) == (
        opened["message_id"],
        "Where is my invoice?",
        True,
    )
    assert api.download(message.files[0].url) == b"%PDF-1.4 scan"
    assert api.user(opened["user_id"]).email == "olga@client.example"
    reply_id = api.post_staff_message(opened["case_id"], "It is attached.", 41)
    posted = standin.messages[opened["case_id"]][-1]
    assert (posted["message_id"], posted["staff_id"], posted["content"]) == (reply_id, 41, "It is attached.")
    assert standin.refused == [] and all(status == 200 for _, _, status in standin.calls)


def test_wrong_credentials_and_foreign_hosts_are_refused(standin, served) -> None:
    with pytest.raises(OmnideskRefused):
        HttpOmnidesk(served, EMAIL, "wrong-key").case(1)
    assert standin.refused == ["GET /api/cases/1.json: credentials refused"]
    with pytest.raises(OmnideskRefused):  # credentials never travel to another host
        HttpOmnidesk(served, EMAIL, KEY).download("http://elsewhere.example/files/1")


def test_a_429_is_a_rate_limit_with_the_wait_omnidesk_gives(standin, served) -> None:
    standin._limited = 1
    with pytest.raises(VendorRateLimited) as limited:
        HttpOmnidesk(served, EMAIL, KEY).cases_updated_since(None, 1)
    assert limited.value.retry_after == 1


def test_the_standin_refuses_undocumented_requests_loudly(standin, served) -> None:
    auth = "Basic " + base64.b64encode(f"{EMAIL}:{KEY}".encode()).decode()
    url = f"{served}/api/cases.json?updated_after=1"
    request = urllib.request.Request(url, headers={"Authorization": auth})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code == 400 and "undocumented ['updated_after']" in standin.refused[-1]


def test_an_unknown_case_is_not_found_not_a_failure(standin, served) -> None:
    with pytest.raises(VendorNotFound):
        HttpOmnidesk(served, EMAIL, KEY).case(99999)
