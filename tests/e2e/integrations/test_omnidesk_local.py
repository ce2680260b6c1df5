"""Issue 19's Omnidesk round trip on the local stack: the demo connects the connector to the stand-in (which
checks every call against the shapes recorded from Omnidesk's documentation); the stand-in's webhook comes
in through the local gateway with basic auth; the integrations worker reads the case into the mail ingest;
the agent's reply goes back through the channel reply worker as a staff message on the case."""

from __future__ import annotations

import base64
import uuid
from typing import Any

import pytest

from tests.e2e.integrations.test_pipedrive_local import ticket_of
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e]


def standin(local: LocalProcess, method: str, path: str, body: Any = None) -> Any:
    status, answer = local.json("omnidesk", method, f"/__standin{path}", body)
    assert status == 200, answer
    return answer


def inbound(local: LocalProcess, token: str, ticket_id: str) -> list[dict[str, Any]]:
    status, page = local.api("console", "GET", f"/tickets/{ticket_id}", token)
    assert status == 200, page
    return [m for m in page["messages"] if m["direction"] == "inbound"]


def test_a_case_becomes_a_ticket_and_the_reply_goes_back_to_the_case(local: LocalProcess) -> None:
    anna = local.token("anna@helpdesk.localhost")
    subject = f"Omnidesk case {uuid.uuid4().hex[:8]}"
    email = f"olga-{uuid.uuid4().hex[:6]}@client.example"
    scan = {"file_name": "scan.pdf", "mime_type": "application/pdf",
            "content_b64": base64.b64encode(b"%PDF-1.4 the scan").decode()}  # fmt: skip
    case = standin(local, "POST", "/cases", {"user_email": email, "user_full_name": "Olga",
                                             "subject": subject, "content": "Where is my invoice?",
                                             "files": [scan]})  # fmt: skip
    assert standin(local, "POST", "/webhook", {"case_id": case["case_id"]})["status"] == 200

    def arrived() -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
        found = ticket_of(local, anna, subject)  # the ticket is listed a moment before its message is stored
        messages = inbound(local, anna, found["id"]) if found else []
        return (found, messages) if messages else None

    ticket, [first] = local.wait_for(arrived, timeout=60)
    assert (first["channel"], first["from"]) == ("omnidesk", email)
    assert first["text"].strip() == "Where is my invoice?"
    assert [a["filename"] for a in first["attachments"]] == ["scan.pdf"]
    channels = local.api("console", "GET", f"/tickets/{ticket['id']}/channels", anna)[1]["channels"]
    assert "omnidesk" in channels

    text = f"Your invoice is on its way ({uuid.uuid4().hex[:6]})."
    body = {"channel": "omnidesk", "text": text}
    status, _ = local.api("console", "POST", f"/tickets/{ticket['id']}/channel-replies", anna, body)
    assert status == 200

    def staff_replies() -> list[dict[str, Any]]:
        messages = standin(local, "GET", "/state")["messages"][str(case["case_id"])]
        return [m for m in messages if m["staff_id"] and m["content"] == text]

    [reply] = local.wait_for(staff_replies, timeout=60)
    assert reply["user_id"] == 0

    # the same message pushed again by webhook makes no second message; the customer's next one joins
    assert standin(local, "POST", "/webhook", {"case_id": case["case_id"]})["status"] == 200
    follow_up = standin(local, "POST", f"/cases/{case['case_id']}/messages", {"content": "Thank you!"})
    assert standin(local, "POST", "/webhook", {"case_id": case["case_id"], **follow_up})["status"] == 200

    def both() -> list[dict[str, Any]] | None:
        found = inbound(local, anna, ticket["id"])
        return found if any(m["text"].strip() == "Thank you!" for m in found) else None

    messages = local.wait_for(both, timeout=60)
    assert sorted(m["text"].strip() for m in messages) == ["Thank you!", "Where is my invoice?"]
    assert ticket_of(local, anna, subject)["id"] == ticket["id"]
    assert staff_replies() == [reply]  # the reply went once
    assert standin(local, "GET", "/refused") == []


def test_a_webhook_with_wrong_credentials_is_refused(local: LocalProcess) -> None:
    forged = base64.b64encode(b"omnidesk-webhook:not-the-password").decode()
    for headers in ({"Authorization": f"Basic {forged}"}, {}):
        status, _, _ = local.request(
            "api", "POST", "/public/webhooks/omnidesk", b'{"case_id": 1}',
            {"Content-Type": "application/json", **headers},
        )  # fmt: skip
        assert status == 401
