"""The admin pages' staff API in-process under moto: staff invited, re-roled and deactivated in the template's
user pool, teams, and mailboxes rotating over a team. Only admins may call it."""

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

ADA = Principal("sub-ada", "ada@helpdesk.example", frozenset({Role.ADMIN}), name="Ada Admin")
MIA = Principal("sub-mia", "mia@helpdesk.example", frozenset({Role.MANAGER}), name="Mia Manager")


@pytest.fixture
def admins(shop: TemplateStack, monkeypatch: pytest.MonkeyPatch) -> Iterator[TemplateStack]:  # noqa: F811
    monkeypatch.setitem(TOKENS, "ada", ADA)
    monkeypatch.setitem(TOKENS, "mia", MIA)
    yield shop


def staff(method: str, resource: str, token: str, body: object = None) -> Answer:
    return call("StaffApiFunction", method, resource, body, token=token)


def invite(email: str, name: str, *roles: str) -> Answer:
    return staff("POST", "/admin/staff", "ada", {"email": email, "name": name, "roles": list(roles)})


def test_admin_invites_staff_builds_a_team_and_a_mailbox_rotating_over_it(admins: TemplateStack) -> None:
    staff("GET", "/me", "mia")  # Mia signs in once: a manager of the pool
    assert invite("anna@helpdesk.example", "Anna Manager", "manager").status == 200
    boris = invite("boris@helpdesk.example", "Boris  Manager", "manager", "developer")
    assert boris.status == 200 and boris.body == {
        "email": "boris@helpdesk.example",
        "name": "Boris Manager",
        "roles": ["developer", "manager"],
        "active": True,
    }
    assert invite("anna@helpdesk.example", "Anna again", "manager").status == 409
    assert invite("carl@customer.example", "Carl", "customer").status == 422
    picker = staff("GET", "/staff", "mia").body["items"]
    assert {p["email"]: p["roles"] for p in picker}["boris@helpdesk.example"] == ["developer", "manager"]
    assert set(picker[0]) == {"email", "name", "roles"}

    team = staff(
        "PUT",
        "/admin/teams",
        "ada",
        {"name": "Support", "members": ["anna@helpdesk.example", "boris@helpdesk.example"]},
    )
    assert team.status == 200
    stranger = staff("PUT", "/admin/teams", "ada", {"name": "Support", "members": ["carl@customer.example"]})
    assert stranger.status == 422
    box = staff(
        "PUT", "/admin/mailboxes", "ada", {"name": "support", "team": "Support", "rule": "round_robin"}
    )
    assert box.status == 200 and box.body["rotation"] == ["anna@helpdesk.example", "boris@helpdesk.example"]

    gone = staff("PATCH", "/admin/staff", "ada", {"email": "Boris@helpdesk.example", "active": False})
    assert gone.status == 200 and gone.body["active"] is False
    assert staff("GET", "/admin/mailboxes", "ada").body["items"][0]["rotation"] == ["anna@helpdesk.example"]
    assert "boris@helpdesk.example" not in [p["email"] for p in staff("GET", "/staff", "mia").body["items"]]
    accounts = {a["email"]: a for a in staff("GET", "/admin/staff", "ada").body["items"]}
    assert accounts["boris@helpdesk.example"]["active"] is False  # still listed, to reactivate
    back = staff(
        "PATCH", "/admin/staff", "ada", {"email": "boris@helpdesk.example", "active": True, "roles": ["ops"]}
    )
    assert back.body["active"] is True and back.body["roles"] == ["ops"]


def test_only_admins_reach_the_admin_pages_and_no_admin_locks_themselves_out(admins: TemplateStack) -> None:
    assert "admin" in staff("GET", "/me", "ada").body["sections"]
    assert "admin" not in staff("GET", "/me", "mia").body["sections"]
    for method, path in [("GET", "/admin/staff"), ("GET", "/admin/teams"), ("GET", "/admin/mailboxes")]:
        assert staff(method, path, "mia").status == 403
    assert invite("x@helpdesk.example", "X", "ops").status == 200
    assert (
        staff("PATCH", "/admin/staff", "mia", {"email": "x@helpdesk.example", "active": False}).status == 403
    )
    assert (
        staff("PATCH", "/admin/staff", "ada", {"email": "ada@helpdesk.example", "active": False}).status
        == 409
    )
    unknown = staff("PATCH", "/admin/staff", "ada", {"email": "nobody@helpdesk.example", "active": False})
    assert unknown.status == 404


def test_a_deactivated_colleague_is_refused_as_assignee_by_every_route(admins: TemplateStack) -> None:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    container().ticket_repository.create(Ticket("t-gone", "HD-100031", "Export", "support", now, now))
    assert invite("gone@helpdesk.example", "Gone Agent", "manager").status == 200
    patch = {"assignee": "gone@helpdesk.example"}
    on_ticket = {"ticket_id": "t-gone"}
    assert (
        call("StaffApiFunction", "PATCH", "/tickets/{ticket_id}", patch, token="mia", **on_ticket).status
        == 200
    )
    assert (
        staff("PATCH", "/admin/staff", "ada", {"email": "gone@helpdesk.example", "active": False}).status
        == 200
    )

    refused = [
        call("StaffApiFunction", "PATCH", "/tickets/{ticket_id}", patch, token="mia", **on_ticket),
        staff("POST", "/tickets/bulk", "mia", {"ids": ["t-gone"], "set": patch}),
        staff("POST", "/macros", "mia", {"name": "To Gone", "text": "x", "set": patch}),
    ]
    assert [(a.status, a.body["error"]) for a in refused] == [(422, "invalid")] * 3
    assert staff("GET", "/macros", "mia").body["items"] == []


def test_only_colleagues_who_open_tickets_are_offered_and_accepted_as_assignees(
    admins: TemplateStack,
) -> None:
    """Ops and HR accounts cannot open a ticket, so no picker, team or rotation hands them one."""
    now = datetime(2026, 12, 1, tzinfo=UTC)
    container().ticket_repository.create(Ticket("t-ops", "HD-100032", "Export", "support", now, now))
    assert invite("olga@helpdesk.example", "Olga Ops", "ops").status == 200
    assert invite("hana@helpdesk.example", "Hana HR", "hr").status == 200
    assert invite("anna@helpdesk.example", "Anna Manager", "manager").status == 200
    picker = [p["email"] for p in staff("GET", "/staff", "mia").body["items"]]
    assert "anna@helpdesk.example" in picker and not {"olga@helpdesk.example", "hana@helpdesk.example"} & set(
        picker
    )

    for who in ("olga@helpdesk.example", "hana@helpdesk.example"):
        patch = {"assignee": who}
        refused = [
            call("StaffApiFunction", "PATCH", "/tickets/{ticket_id}", patch, token="mia", ticket_id="t-ops"),
            staff("POST", "/tickets/bulk", "mia", {"ids": ["t-ops"], "set": patch}),
            staff("POST", "/macros", "mia", {"name": "To ops", "text": "x", "set": patch}),
            staff("PUT", "/admin/teams", "ada", {"name": "Support", "members": [who]}),
        ]
        assert [a.status for a in refused] == [422] * 4, [a.body for a in refused]
    assert container().ticket_repository.find("t-ops").assignee is None  # type: ignore[union-attr]

    staff("PUT", "/admin/teams", "ada", {"name": "Support", "members": ["anna@helpdesk.example"]})
    staff("PUT", "/admin/mailboxes", "ada", {"name": "support", "team": "Support", "rule": "round_robin"})
    moved = staff("PATCH", "/admin/staff", "ada", {"email": "anna@helpdesk.example", "roles": ["ops"]})
    assert moved.status == 200
    assert staff("GET", "/admin/teams", "ada").body["items"] == [{"name": "Support", "members": []}]
    assert staff("GET", "/admin/mailboxes", "ada").body["items"][0]["rotation"] == []
