"""The access matrix from an app's own route table: anonymous, customers of two organisations, each role."""

from __future__ import annotations

import json
from functools import lru_cache

import pytest
from chalice import Chalice
from chalice.test import Client
from helpdesk.api.access import route, route_table, undeclared_routes
from helpdesk.identity.model import STAFF_ROLES, Access, Principal, Role
from helpdesk.identity.services.access import ensure_can_see, organisation_scope

from tests.support import signing

pytestmark = pytest.mark.unit

TICKETS = {"t-a": {"id": "t-a", "organisation": "org-a", "subject": "Printer A"}}
TICKETS["t-b"] = {"id": "t-b", "organisation": "org-b", "subject": "SECRET of B"}


@lru_cache(maxsize=1)
def verifier() -> signing.TokenVerifier:
    return signing.verifier()


app = Chalice(app_name="access-matrix")


@route(app, "/status", access=Access.public(), verifier=verifier)
def status(principal: Principal | None) -> dict[str, bool]:
    return {"ok": True, "signed_in": principal is not None}


@route(app, "/tickets/{ticket_id}", access=Access.customer(Role.MANAGER, Role.DEVELOPER), verifier=verifier)
def ticket(principal: Principal, ticket_id: str) -> dict[str, str]:
    found = TICKETS.get(ticket_id)
    ensure_can_see(principal, found["organisation"] if found else None)
    return found  # type: ignore[return-value]


@route(app, "/tickets", access=Access.customer(), verifier=verifier, methods=["POST"])
def open_ticket(principal: Principal) -> dict[str, str | None]:
    body = app.current_request.json_body or {}
    return {
        "organisation": organisation_scope(principal, body.get("organisation")),
        "subject": body["subject"],
    }


@route(app, "/invoices", access=Access.staff(Role.ACCOUNTANT, Role.ADMIN), verifier=verifier)
def invoices(principal: Principal) -> list[str]:
    return ["inv-1"]


# Tokens are signed when a test runs (they expire): here only who the callers are.
CALLERS: dict[str, tuple[str, list[str], str | None] | None] = {
    "anonymous": None,
    "customer of org-b": ("cust-b", ["customer"], "org-b"),
    "no groups": ("plain", [], None),
    **{f"staff {role}": (f"s-{role}", [role.value], None) for role in sorted(STAFF_ROLES)},
}
# What each caller may do: written out, not derived from the code under test.
ALLOWED = {
    ("GET", "/status"): set(CALLERS),
    ("GET", "/tickets/{ticket_id}"): {"staff manager", "staff developer"},
    ("POST", "/tickets"): {"customer of org-b"},
    ("GET", "/invoices"): {"staff accountant", "staff admin"},
}


def call(method: str, path: str, token: str | None) -> tuple[int, str]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    url = path.replace("{ticket_id}", "t-a")  # org-a's ticket: foreign to every customer caller here
    with Client(app) as client:
        body = json.dumps({"subject": "hi", "organisation": "org-a"}) if method == "POST" else None
        if body:
            headers["Content-Type"] = "application/json"
        answer = client.http.request(method, url, headers=headers, body=body or b"")
    return answer.status_code, answer.body.decode()


def test_every_route_is_in_the_matrix() -> None:
    assert set(route_table(app)) == set(ALLOWED)
    assert not undeclared_routes(app)


def test_a_plain_chalice_route_is_reported_as_undeclared() -> None:
    other = Chalice(app_name="plain")
    other.route("/open", methods=["GET", "POST"])(lambda: {})
    route(other, "/guarded", access=Access.staff(), verifier=verifier)(lambda principal: {})
    assert undeclared_routes(other) == {("GET", "/open"), ("POST", "/open")}


@pytest.mark.parametrize("caller", sorted(CALLERS))
@pytest.mark.parametrize("method, path", sorted(ALLOWED))
def test_access_matrix(method: str, path: str, caller: str) -> None:
    who = CALLERS[caller]
    status, body = call(method, path, signing.id_token(*who) if who else None)
    if caller in ALLOWED[(method, path)]:
        assert status == 200, body
    else:
        assert status in (401, 403, 404), body
        assert "Printer A" not in body and "org-a" not in body
        if caller == "anonymous":
            assert status == 401


def test_customer_reads_own_ticket_and_cannot_tell_foreign_from_missing() -> None:
    token = signing.id_token("cust-a", ["customer"], "org-a")
    assert call("GET", "/tickets/t-a", token)[0] == 200
    with Client(app) as client:
        foreign = client.http.get("/tickets/t-b", headers={"Authorization": f"Bearer {token}"})
        missing = client.http.get("/tickets/t-zzz", headers={"Authorization": f"Bearer {token}"})
    assert foreign.status_code == missing.status_code == 404
    assert foreign.body == missing.body and b"SECRET" not in foreign.body


def test_customer_cannot_assign_another_organisation_through_the_body() -> None:
    status, body = call("POST", "/tickets", signing.id_token("cust-b", ["customer"], "org-b"))
    assert status == 200 and json.loads(body)["organisation"] == "org-b"


def test_a_bad_token_on_a_public_route_is_refused_not_ignored() -> None:
    assert call("GET", "/status", "not-a-token")[0] == 401
    assert json.loads(call("GET", "/status", signing.id_token("s", ["ops"]))[1])["signed_in"] is True
