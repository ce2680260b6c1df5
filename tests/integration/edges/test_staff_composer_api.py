"""Issue 17's composer through the staff API handler under moto: the refused second reply (409 with the newer
message, unless confirmed), send-and-set-status, macros."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from helpdesk.bootstrap import container
from helpdesk.identity.model import Principal, Role
from helpdesk.tickets.model.ticket import Ticket

from tests.integration.commerce.conftest import TOKENS, Answer, call, shop  # noqa: F401 - the fixture
from tests.support.template_stack import TemplateStack

pytestmark = pytest.mark.integration
BORIS = Principal("sub-boris", "boris@helpdesk.localhost", frozenset({Role.DEVELOPER}), name="Boris Ivanov")


@pytest.fixture
def desk(shop: TemplateStack, monkeypatch: pytest.MonkeyPatch) -> Iterator[TemplateStack]:  # noqa: F811
    """Anna (manager) and Boris (developer): pool users from their first call."""
    monkeypatch.setitem(TOKENS, "boris", BORIS)
    yield shop


def staff(method: str, resource: str, token: str, body: object = None, **params: str) -> Answer:
    return call("StaffApiFunction", method, resource, body, token=token, **params)


def a_ticket(ticket_id: str = "t-9") -> str:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    ticket = Ticket(
        ticket_id, "HD-100009", "Export", "support", now, now, participants=("alice@acme.example",)
    )
    container().ticket_repository.create(ticket)
    return ticket_id


def reply(token: str, ticket_id: str, **body: object) -> Answer:
    return staff("POST", "/tickets/{ticket_id}/replies", token, body, ticket_id=ticket_id)


def test_the_second_reply_is_refused_with_the_newer_message_unless_confirmed(desk: TemplateStack) -> None:
    ticket_id = a_ticket()
    first = reply("anna", ticket_id, text="Anna answers", seen_message_id="")
    assert first.status == 200
    refused = reply("boris", ticket_id, text="Boris answers", seen_message_id="")
    assert refused.status == 409
    newer = refused.body["newer"]
    assert [(m["id"], m["text"]) for m in newer] == [(first.body["id"], "Anna answers")]
    messages = staff("GET", "/tickets/{ticket_id}", "boris", ticket_id=ticket_id).body["messages"]
    assert [m["text"] for m in messages] == ["Anna answers"]
    sent = reply("boris", ticket_id, text="Boris adds", seen_message_id="", confirm=True, status="solved")
    assert sent.status == 200
    page = staff("GET", "/tickets/{ticket_id}", "boris", ticket_id=ticket_id).body
    assert page["ticket"]["status"] == "solved" and len(page["messages"]) == 2
    ok = reply("anna", ticket_id, text="Reopen talk", seen_message_id=page["messages"][-1]["id"])
    assert ok.status == 200


def test_macros_are_created_listed_and_applied_through_the_api(desk: TemplateStack) -> None:
    ticket_id = a_ticket("t-10")
    body = {
        "name": "Solved with the key",
        "text": "Hello, your ticket {{ticket.number}}. {{agent.name}}",
        "set": {"status": "pending", "tags": ["keys"], "priority": "high"},
    }
    created = staff("POST", "/macros", "anna", body)
    assert created.status == 200 and created.body["set"]["tags"] == ["keys"]
    mine = staff("POST", "/macros", "anna", {"name": "Mine", "text": "x", "shared": False}).body
    assert staff("POST", "/macros", "anna", {"name": "Bad", "text": "{{nope}}"}).status == 422
    assert [m["name"] for m in staff("GET", "/macros", "boris").body["items"]] == ["Solved with the key"]
    applied = staff(
        "POST",
        "/tickets/{ticket_id}/apply-macro",
        "boris",
        {"macro_id": created.body["id"]},
        ticket_id=ticket_id,
    )
    assert applied.status == 200
    assert applied.body["text"] == "Hello, your ticket HD-100009. Boris Ivanov"
    assert (applied.body["ticket"]["status"], applied.body["ticket"]["tags"]) == ("pending", ["keys"])
    foreign = staff(
        "POST", "/tickets/{ticket_id}/apply-macro", "boris", {"macro_id": mine["id"]}, ticket_id=ticket_id
    )
    unknown = staff(
        "POST", "/tickets/{ticket_id}/apply-macro", "boris", {"macro_id": "nope"}, ticket_id=ticket_id
    )
    assert foreign.status == unknown.status == 404 and foreign.body["error"] == unknown.body["error"]
    assert staff("GET", "/macros", "alice").status == 403  # customers have no macros


def test_a_macro_assigns_only_to_active_staff_and_says_so_when_saved(desk: TemplateStack) -> None:
    ticket_id = a_ticket("t-11")
    staff("GET", "/macros", "boris")  # Boris is a pool user from his first call
    for stranger in ("nobody@helpdesk.localhost", "alice@acme.example"):
        refused = staff(
            "POST", "/macros", "anna", {"name": "Hand over", "text": "x", "set": {"assignee": stranger}}
        )
        assert refused.status == 422 and "is not a staff user" in refused.body["detail"]
    assert staff("GET", "/macros", "anna").body["items"] == []
    body = {
        "name": "To Boris",
        "text": "Hi {{customer.name}}",
        "set": {"assignee": "BORIS@helpdesk.localhost"},
    }
    saved = staff("POST", "/macros", "anna", body)
    assert saved.status == 200 and saved.body["set"]["assignee"] == "boris@helpdesk.localhost"
    applied = staff(
        "POST",
        "/tickets/{ticket_id}/apply-macro",
        "anna",
        {"macro_id": saved.body["id"]},
        ticket_id=ticket_id,
    )
    assert applied.status == 200 and applied.body["ticket"]["assignee"] == "boris@helpdesk.localhost"


def test_macros_are_edited_and_deleted_by_whoever_may_change_them(desk: TemplateStack) -> None:
    """Boris (a developer) applies Anna's shared macro but may not change it; Anna (a manager) may; nobody
    learns that another agent's personal macro exists."""
    team = staff("POST", "/macros", "boris", {"name": "Team", "text": "Ours"}).body
    anna_team = staff("POST", "/macros", "anna", {"name": "Anna's", "text": "Hers"}).body
    mine = staff("POST", "/macros", "anna", {"name": "Mine", "text": "x", "shared": False}).body
    listed = {m["name"]: m["editable"] for m in staff("GET", "/macros", "boris").body["items"]}
    assert listed == {"Anna's": False, "Team": True}

    def put(token: str, macro_id: str, body: dict[str, object]) -> Answer:
        return staff("PUT", "/macros/{macro_id}", token, body, macro_id=macro_id)

    def delete(token: str, macro_id: str) -> Answer:
        return staff("DELETE", "/macros/{macro_id}", token, macro_id=macro_id)

    assert put("boris", anna_team["id"], {"name": "Mine now", "text": "x"}).status == 403
    assert delete("boris", anna_team["id"]).status == 403
    foreign, unknown = put("boris", mine["id"], {"name": "X"}), put("boris", "nope", {"name": "X"})
    assert foreign.status == unknown.status == 404 and foreign.body["error"] == unknown.body["error"]
    assert delete("boris", mine["id"]).status == 404
    assert put("anna", team["id"], {"name": "Team", "text": "{{nope}}"}).status == 422
    assert (
        put("anna", team["id"], {"name": "Team", "text": "x", "set": {"assignee": "x@a.example"}}).status
        == 422
    )

    body = {"name": "Team", "text": "Hi {{customer.name}}", "set": {"status": "solved", "priority": "low"}}
    edited = put("anna", team["id"], body)
    assert edited.status == 200 and edited.body["id"] == team["id"]
    assert (edited.body["text"], edited.body["set"]["status"]) == ("Hi {{customer.name}}", "solved")
    assert delete("boris", team["id"]).status == 200  # his own shared macro
    assert delete("anna", mine["id"]).status == 200
    assert [m["name"] for m in staff("GET", "/macros", "anna").body["items"]] == ["Anna's"]


def test_presence_names_the_colleague_viewing_or_replying(desk: TemplateStack) -> None:
    ticket_id = a_ticket("t-11")
    beat = "/tickets/{ticket_id}/presence"
    assert staff("POST", beat, "anna", {"state": "viewing"}, ticket_id=ticket_id).body == {"others": []}
    seen = staff("POST", beat, "boris", {"state": "replying"}, ticket_id=ticket_id).body["others"]
    assert [(p["name"], p["state"]) for p in seen] == [("Anna Petrova", "viewing")]
    seen = staff("POST", beat, "anna", {"state": "viewing"}, ticket_id=ticket_id).body["others"]
    assert [(p["name"], p["state"]) for p in seen] == [("Boris Ivanov", "replying")]
    assert staff("POST", beat, "anna", {}, ticket_id="nope").status == 404


def test_each_agent_keeps_a_signature_that_signs_their_replies(desk: TemplateStack) -> None:
    ticket_id = a_ticket("t-12")
    mine = staff("GET", "/me/signature", "anna").body
    assert mine == {"signature": "", "from_name": "Anna from Support"}
    saved = staff("PUT", "/me/signature", "anna", {"signature": "Anna Petrova\nAcme support\n"})
    assert saved.body == {"signature": "Anna Petrova\nAcme support", "from_name": "Anna from Support"}
    assert staff("GET", "/me/signature", "boris").body["signature"] == ""
    assert staff("PUT", "/me/signature", "anna", {"signature": "x" * 2001}).status == 422
    assert reply("anna", ticket_id, text="Done.").body["text"] == "Done.\n\n-- \nAnna Petrova\nAcme support"
    assert reply("boris", ticket_id, text="Also.", confirm=True).body["text"] == "Also."


def test_a_note_mentioning_a_colleague_tells_them_once_and_keeps_its_file(desk: TemplateStack) -> None:
    ticket_id = a_ticket("t-13")
    assert staff("GET", "/me", "boris").status == 200  # Boris becomes a pool user, so he is staff
    log = {"filename": "trace.log", "content_type": "text/plain", "content_base64": "c3RhY2s="}
    text = "@boris can you read the trace? @mallory too"
    note = staff(
        "POST",
        "/tickets/{ticket_id}/notes",
        "anna",
        {"text": text, "attachments": [log]},
        ticket_id=ticket_id,
    )
    assert note.status == 200 and [a["filename"] for a in note.body["attachments"]] == ["trace.log"]
    [told] = container().notice_store.latest(BORIS.email or "", 10)
    assert told.subject == "Anna Petrova mentioned you on HD-100009" and told.link.endswith(
        f"#/tickets/{ticket_id}"
    )
    assert "can you read the trace?" in told.text
    key = note.body["attachments"][0]["key"]
    download = staff("GET", "/tickets/{ticket_id}/download", "boris", ticket_id=ticket_id, query={"key": key})
    assert download.status == 200 and download.body["url"]
    plain = staff("POST", "/tickets/{ticket_id}/notes", "anna", {"text": "no mention"}, ticket_id=ticket_id)
    assert plain.status == 200 and len(container().notice_store.latest(BORIS.email or "", 10)) == 1
