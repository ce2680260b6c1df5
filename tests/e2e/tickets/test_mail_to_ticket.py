"""The core path on the local stack: SMTP mail -> ticket -> staff reply by mail -> customer answer reopens
it."""

from __future__ import annotations

import smtplib
import uuid
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

import pytest

from tests.support.local_process import LocalProcess

pytestmark = pytest.mark.e2e


def send(local: LocalProcess, sender: str, subject: str, text: str, **headers: str) -> str:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, "support@support.localhost", subject
    msg["Message-ID"] = make_msgid(domain="customer.example")
    for key, value in headers.items():
        msg[key.replace("_", "-")] = value
    msg.set_content(text)
    with smtplib.SMTP("127.0.0.1", local.smtp_port) as smtp:
        smtp.send_message(msg)
    return str(msg["Message-ID"])


def mailed_ticket(local: LocalProcess, token: str, word: str, sender: str, subject: str, text: str) -> Any:
    """Mail `subject` and wait for its ticket, found by `word` (with the word in the sender's mail domain the
    search finds their customer too: only ticket hits count); the ticket as the staff API shows it."""
    send(local, sender, subject, text)
    hits = local.wait_for(
        lambda: [
            h
            for h in local.api("console", "GET", f"/search?q={word}", token)[1]["hits"]
            if h.get("ticket_id")
        ],
        timeout=60,
    )
    return local.api("console", "GET", f"/tickets/{hits[0]['ticket_id']}", token)[1]["ticket"]


def test_mail_becomes_a_ticket_the_reply_threads_and_the_answer_reopens_it(local: LocalProcess) -> None:
    token = local.token("anna@helpdesk.localhost")
    customer = f"carol-{uuid.uuid4().hex[:6]}@initech.example"
    subject = f"Checkout broken {uuid.uuid4().hex[:6]}"
    send(local, customer, subject, "Hello, the checkout page is blank since this morning.")

    def find() -> dict | None:
        status, page = local.api("console", "GET", "/tickets?limit=100", token)
        assert status == 200, page
        return next((t for t in page["items"] if t["subject"] == subject), None)

    ticket = local.wait_for(find, timeout=60)
    assert ticket["number"].startswith("HD-") and ticket["status"] in ("new", "open")

    status, sent = local.api(
        "console",
        "POST",
        f"/tickets/{ticket['id']}/replies",
        token,
        {"text": "We are on it: please clear the cache and retry."},
    )
    assert status == 200, sent

    def reply_mail() -> dict | None:
        _, mails = local.json("mail", "GET", f"/api/messages?to={customer}")
        return next((m for m in mails if "clear the cache" in m["text"]), None)

    mail = local.wait_for(reply_mail, timeout=60)
    headers = {k.lower(): v for k, v in mail["headers"].items()}
    assert ticket["number"] in headers["subject"]
    assert headers["in-reply-to"] and headers["references"]
    assert "support+" in headers["reply-to"]

    send(
        local,
        customer,
        f"Re: {headers['subject']}",
        "Still blank, sorry.",
        In_Reply_To=headers["message-id"],
        References=headers["message-id"],
    )

    def answered() -> dict | None:
        _, conversation = local.api("console", "GET", f"/tickets/{ticket['id']}", token)
        texts = [m.get("text", "") for m in conversation["messages"]]
        return conversation if any("Still blank" in t for t in texts) else None

    conversation = local.wait_for(answered, timeout=60)
    assert conversation["ticket"]["status"] == "open"
    status, page = local.api("console", "GET", "/tickets?limit=100", token)
    assert [t["subject"] for t in page["items"]].count(subject) == 1


def test_ticket_routes_refuse_callers_without_a_staff_token(local: LocalProcess) -> None:
    assert local.json("console", "GET", "/api/tickets")[0] == 401
    customer = local.token("alice@acme.example")
    assert local.api("console", "GET", "/tickets", customer)[0] == 403


def test_new_mail_is_found_by_search_within_seconds(local: LocalProcess) -> None:
    token = local.token("anna@helpdesk.localhost")
    word = f"zebra{uuid.uuid4().hex[:6]}"
    send(
        local, "dave@umbrella.example", f"Заказы не выгружаются {word}", f"Выгрузка заказов сломалась. {word}"
    )

    def hits() -> list:
        status, page = local.api("console", "GET", f"/search?q={word}", token)
        assert status == 200, page
        return page["hits"]

    found = local.wait_for(hits, timeout=60)
    assert any("<mark>" in h["snippet_html"] for h in found)
    status, page = local.api("console", "GET", "/search?q=%D0%B7%D0%B0%D0%BA%D0%B0%D0%B7", token)  # "заказ"
    assert status == 200 and page["hits"], "Russian stemming: заказ finds заказы"
