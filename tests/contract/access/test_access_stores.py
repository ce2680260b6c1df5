"""The access stores' contract: servers per organisation, policies with defaults, requests by ticket and by
organisation, the live index the sweep reads, conditional saves on the status, the audit log in order."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.access.model.audit import AuditAction, AuditEntry
from helpdesk.access.model.grant import AccessRequest, AccessStateConflict, GrantStatus
from helpdesk.access.model.server import AccessPolicy, ApprovalRule, Approver, Server

pytestmark = pytest.mark.contract
T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def server(n: int, organisation: str = "org-acme") -> Server:
    at = T0 + timedelta(minutes=n)
    address = "203.0.113.0/24" if n == 1 else None
    return Server(f"s{n}", organisation, f"web-{n}", f"web{n}.example", 22, ("deploy",), at, "c@x", address)


def request(n: int, ticket: str = "t1", organisation: str = "org-acme") -> AccessRequest:
    return AccessRequest(f"r{n}", ticket, "HD-1", organisation, "s1", "deploy", 2, "ssh-ed25519 AAAA", "why",
                         "dev@x", T0 + timedelta(minutes=n), serial=2**62 + n)  # fmt: skip


def test_servers_are_kept_per_organisation_and_policies_default(stores) -> None:
    servers, _, _ = stores
    for n, org in ((1, "org-acme"), (2, "org-acme"), (3, "org-globex")):
        servers.add(server(n, org))
    assert servers.get("s1") == server(1) and servers.get("nope") is None
    assert [s.id for s in servers.for_organisation("org-acme")] == ["s1", "s2"]
    assert servers.policy("org-acme") == AccessPolicy("org-acme")
    servers.save_policy(AccessPolicy("org-acme", ApprovalRule.BOTH, 4))
    assert servers.policy("org-acme") == AccessPolicy("org-acme", ApprovalRule.BOTH, 4)
    assert servers.policy("org-globex").approval is ApprovalRule.EITHER


def test_requests_round_trip_and_are_found_by_ticket_organisation_and_liveness(stores) -> None:
    _, requests, _ = stores
    for n, ticket, org in ((1, "t1", "org-acme"), (2, "t2", "org-acme"), (3, "t3", "org-globex")):
        requests.add(request(n, ticket, org))
    first = request(1)
    window = {"valid_after": T0, "valid_before": T0 + timedelta(hours=2)}
    approvers = frozenset({Approver.CLIENT})
    approved = replace(
        first, status=GrantStatus.APPROVED, approvers=approvers, approved_by=("c@x",), **window
    )
    requests.save(approved, first)
    assert requests.get("r1") == approved and requests.get("nope") is None
    assert [r.id for r in requests.for_ticket("t1")] == ["r1"]
    assert [r.id for r in requests.for_organisation("org-acme")] == ["r1", "r2"]
    revoked = replace(request(2), status=GrantStatus.REVOKED, revoked_at=T0, revoked_by="m@x")
    requests.save(revoked, request(2))
    assert sorted(r.id for r in requests.live()) == ["r1", "r3"]  # a revoked one leaves the sweep's index


def test_a_save_against_a_changed_status_is_refused(stores) -> None:
    _, requests, _ = stores
    requests.add(request(1))
    revoked = replace(request(1), status=GrantStatus.REVOKED)
    requests.save(revoked, request(1))
    with pytest.raises(AccessStateConflict):  # a stale "pending" copy must not overwrite the revocation
        requests.save(replace(request(1), status=GrantStatus.APPROVED), request(1))
    assert requests.get("r1").status is GrantStatus.REVOKED


def test_the_audit_log_is_per_organisation_in_time_order(stores) -> None:
    _, _, audit = stores
    rows = ((2, "org-acme", AuditAction.APPROVED), (1, "org-acme", AuditAction.REQUESTED),
            (3, "org-globex", AuditAction.REQUESTED))  # fmt: skip
    for minutes, org, action in rows:
        audit.append(AuditEntry(org, T0 + timedelta(minutes=minutes), action, "x", "r1", "t1", "d"))
    assert [e.action for e in audit.for_organisation("org-acme")] == [
        AuditAction.REQUESTED,
        AuditAction.APPROVED,
    ]
