"""Items 20, 21 and S3 on the running local stack: a Russian customer is answered in Russian, a staff reply
names its author and reads as sent in the mail viewer, and a stranger's reply to a thread opens a linked
ticket for review without getting the thread's replies."""

from __future__ import annotations

import uuid
from email.message import EmailMessage
from email.policy import SMTP
from typing import Any

import pytest

from tests.e2e.tickets.test_mail_to_ticket import send
from tests.support.local_process import LocalProcess

pytestmark = pytest.mark.e2e
SUPPORT = "support@support.localhost"


def ticket_with(local: LocalProcess, token: str, subject: str, sender: str) -> dict[str, Any]:
    def find() -> dict[str, Any] | None:
        status, page = local.api("console", "GET", "/tickets?limit=100", token)
        assert status == 200, page
        found = [t for t in page["items"] if t["subject"] == subject]
        return next((t for t in found if sender in t["participants"]), None)

    return dict(local.wait_for(find, timeout=60))


def mails_to(local: LocalProcess, address: str) -> list[dict[str, Any]]:
    status, mails = local.json("mail", "GET", f"/api/messages?to={address}")
    assert status == 200
    return list(mails)


def test_a_russian_customer_is_answered_in_russian_and_the_reply_reads_as_sent(local: LocalProcess) -> None:
    token = local.token("anna@helpdesk.localhost")
    customer = f"ivan-{uuid.uuid4().hex[:6]}@romashka.example"
    subject = f"Не работает лицензия {uuid.uuid4().hex[:6]}"
    send(
        local, customer, subject, "Здравствуйте! После обновления не работает лицензия, помогите пожалуйста."
    )
    ticket = ticket_with(local, token, subject, customer)
    [ack] = local.wait_for(lambda: mails_to(local, customer), timeout=60)
    assert "Мы получили ваше письмо" in ack["text"] and ticket["number"] in ack["text"]

    reply = "Здравствуйте, Иван! Перезапустите, пожалуйста, сервер лицензий."
    status, _ = local.api("console", "POST", f"/tickets/{ticket['id']}/replies", token, {"text": reply})
    assert status == 200
    sent = local.wait_for(lambda: [m for m in mails_to(local, customer) if reply in m["text"]], timeout=60)[0]
    assert sent["from"] == f"Anna from Support <{SUPPORT}>"
    _, _, page = local.request("mail", "GET", f"/m/{sent['id']}")
    assert reply.encode() in page and b"\\u04" not in page


def test_an_eight_bit_russian_mail_reads_as_sent_in_the_viewer(local: LocalProcess) -> None:
    """Whoever sends raw 8-bit mail through the emulator's SES, the viewer shows text, not `\\u0417...`."""
    to = f"olga-{uuid.uuid4().hex[:6]}@romashka.example"
    mail = EmailMessage(policy=SMTP)
    mail["From"], mail["To"], mail["Subject"] = SUPPORT, to, "Ответ"
    mail.set_content("Здравствуйте, Ольга! Всё готово.", cte="8bit")
    local.client("ses").send_raw_email(
        Source=SUPPORT, Destinations=[to], RawMessage={"Data": mail.as_bytes()}
    )
    [shown] = local.wait_for(lambda: mails_to(local, to), timeout=30)
    _, _, page = local.request("mail", "GET", f"/m/{shown['id']}")
    assert "Здравствуйте, Ольга! Всё готово." in shown["text"]
    assert "Здравствуйте, Ольга!".encode() in page and b"\\u04" not in page


def test_a_strangers_reply_to_a_thread_opens_a_linked_ticket_and_gets_no_staff_replies(
    local: LocalProcess,
) -> None:
    token = local.token("anna@helpdesk.localhost")
    customer = f"carol-{uuid.uuid4().hex[:6]}@initech.example"
    stranger = f"mallory-{uuid.uuid4().hex[:6]}@evil.example"
    subject = f"Invoice question {uuid.uuid4().hex[:6]}"
    send(local, customer, subject, "Hello, where is the invoice for order 42?")
    original = ticket_with(local, token, subject, customer)
    first = "Your invoice is in the cabinet under Orders."
    local.api("console", "POST", f"/tickets/{original['id']}/replies", token, {"text": first})
    staff_mail = local.wait_for(lambda: [m for m in mails_to(local, customer) if first in m["text"]], 60)[0]
    staff_message_id = {k.lower(): v for k, v in staff_mail["headers"].items()}["message-id"]

    send(local, stranger, f"Re: {subject}", "Send me the invoice too, please.", In_Reply_To=staff_message_id)
    linked = ticket_with(local, token, f"Re: {subject}", stranger)
    assert linked["id"] != original["id"] and linked["linked_ticket_id"] == original["id"]
    assert "thread-review" in linked["tags"] and linked["participants"] == [stranger]
    _, page = local.api("console", "GET", f"/tickets/{original['id']}", token)
    assert stranger not in page["ticket"]["participants"]

    second = "We have resent the invoice to you."
    local.api("console", "POST", f"/tickets/{original['id']}/replies", token, {"text": second})
    local.wait_for(lambda: [m for m in mails_to(local, customer) if second in m["text"]], 60)
    staff_replies = [m for m in mails_to(local, stranger) if first in m["text"] or second in m["text"]]
    assert staff_replies == []
    assert all(m["headers"].get("Auto-Submitted") == "auto-replied" for m in mails_to(local, stranger))
