"""Issue 6's path over the APIs the pages use: mail -> staff reply -> the customer reads it in the cabinet and
answers there -> the ticket reopens for staff."""

from __future__ import annotations

import uuid

import pytest

from tests.e2e.tickets.test_mail_to_ticket import send
from tests.support.local_process import LocalProcess

pytestmark = pytest.mark.e2e


def test_customer_reads_the_reply_in_the_cabinet_and_answers_there(local: LocalProcess) -> None:
    staff, customer = local.token("anna@helpdesk.localhost"), local.token("alice@acme.example")
    subject = f"Invoice question {uuid.uuid4().hex[:6]}"
    send(local, "alice@acme.example", subject, "Can I get the invoice in EUR?")

    def staff_sees() -> dict | None:
        _, page = local.api("console", "GET", "/tickets?limit=100", staff)
        return next((t for t in page["items"] if t["subject"] == subject), None)

    ticket = local.wait_for(staff_sees, timeout=60)
    status, _ = local.api(
        "console",
        "POST",
        f"/tickets/{ticket['id']}/replies",
        staff,
        {"text": "Yes: the invoice in EUR is attached to your order."},
    )
    assert status == 200
    status, _ = local.api("console", "PATCH", f"/tickets/{ticket['id']}", staff, {"status": "solved"})
    assert status == 200

    def cabinet_has_reply() -> dict | None:
        status, conversation = local.api("cabinet", "GET", f"/tickets/{ticket['id']}", customer)
        assert status == 200, conversation
        texts = [m.get("text", "") for m in conversation["messages"]]
        return conversation if any("invoice in EUR is attached" in t for t in texts) else None

    local.wait_for(cabinet_has_reply, timeout=30)
    status, _ = local.api(
        "cabinet",
        "POST",
        f"/tickets/{ticket['id']}/replies",
        customer,
        {"text": "Thank you, one more question about VAT."},
    )
    assert status in (200, 201)

    _, conversation = local.api("console", "GET", f"/tickets/{ticket['id']}", staff)
    assert conversation["ticket"]["status"] == "open"
    assert conversation["customer"]["email"] == "alice@acme.example"  # the console's customer panel
    assert any("VAT" in m.get("text", "") for m in conversation["messages"])

    other = local.token("bob@globex.example")
    assert local.api("cabinet", "GET", f"/tickets/{ticket['id']}", other)[0] == 404


def test_cabinet_search_never_shows_another_organisations_mail(local: LocalProcess) -> None:
    staff, alice = local.token("anna@helpdesk.localhost"), local.token("alice@acme.example")
    word = f"walrus{uuid.uuid4().hex[:6]}"
    send(local, "bob@globex.example", f"Private {word}", f"Our secret plan {word}")

    def staff_finds() -> list:
        return local.api("console", "GET", f"/search?q={word}", staff)[1]["hits"]

    local.wait_for(staff_finds, timeout=60)
    status, page = local.api("cabinet", "GET", f"/search?q={word}&customer=any", alice)
    assert status == 200 and page["hits"] == []
    assert local.json("cabinet", "GET", f"/api/search?q={word}")[0] == 401
