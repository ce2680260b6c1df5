"""Item 26: a customer downloads the files of their organisation's tickets, and nothing else (in-process API
under moto, the presigned URL fetched from the emulated S3)."""

from __future__ import annotations

import base64
from dataclasses import replace

import pytest
import requests
from helpdesk.bootstrap import container
from helpdesk.tickets.model.message import AttachmentRef

from .conftest import cabinet

pytestmark = pytest.mark.integration


def opened_with(files: list[tuple[str, str, bytes]]) -> tuple[str, list[dict]]:
    attachments = [
        {"filename": n, "content_type": t, "content_base64": base64.b64encode(c).decode()}
        for n, t, c in files
    ]
    body = {"subject": "Logs", "text": "attached", "attachments": attachments}
    ticket_id = cabinet("POST", "/tickets", body, token="alice").body["id"]
    conversation = cabinet("GET", "/tickets/{ticket_id}", token="alice", ticket_id=ticket_id).body
    return ticket_id, conversation["messages"][0]["attachments"]


def download(token: str, ticket_id: str, key: str):  # type: ignore[no-untyped-def]
    return cabinet(
        "GET", "/tickets/{ticket_id}/download", token=token, ticket_id=ticket_id, query={"key": key}
    )


def test_the_customer_and_a_colleague_download_the_file_under_its_name_and_type(shop) -> None:  # type: ignore[no-untyped-def]
    ticket_id, [pdf, page] = opened_with(
        [('Счёт "март".pdf', "application/pdf", b"%PDF-1.4"), ("x.html", "text/html", b"<script>1</script>")]
    )
    for token in ("alice", "carol"):
        answer = download(token, ticket_id, pdf["key"])
        assert answer.status == 200 and answer.headers["X-Content-Type-Options"] == "nosniff"
        got = requests.get(answer.body["url"], timeout=10)
        assert got.status_code == 200 and got.content == b"%PDF-1.4"
        assert got.headers["Content-Type"] == "application/pdf"
        disposition = got.headers["Content-Disposition"]
        assert (
            disposition.startswith('attachment; filename="')
            and "filename*=UTF-8''%D0%A1%D1%87" in disposition
        )
        assert '"март"' not in disposition  # quotes in a name never end the header's quoted string
    active = requests.get(download("alice", ticket_id, page["key"]).body["url"], timeout=10)
    assert active.headers["Content-Type"] == "application/octet-stream"  # html is never served as html


def test_another_organisation_an_unknown_key_and_a_notes_file_answer_like_an_unknown_ticket(shop) -> None:  # type: ignore[no-untyped-def]
    ticket_id, [log] = opened_with([("a.log", "text/plain", b"line")])
    unknown = download("alice", "no-such-ticket", log["key"])
    assert unknown.status == 404
    foreign = download("bob", ticket_id, log["key"])
    assert foreign.status == 404 and foreign.body.keys() == unknown.body.keys() and "url" not in foreign.body
    assert download("alice", ticket_id, "tickets/other/x/0").status == 404
    assert download("alice", ticket_id, "").status == 404
    note = container().tickets.tickets.add_note(ticket_id, "anna@helpdesk.localhost", "internal")
    stores = container().ticket_stores
    stores.attachments.put("tickets/secret/0", b"staff only", "text/plain")
    secret = AttachmentRef("tickets/secret/0", "s.txt", "text/plain", 10)
    stores.messages.add(replace(note, id="note-file", attachments=(secret,)), "anna:note-file")
    assert download("alice", ticket_id, "tickets/secret/0").status == 404
