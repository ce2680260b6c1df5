"""Access rules with in-memory stores: approval policies, the panel password shown once, revocation and the
sweep, signed approval links, mail to the client."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from helpdesk.access.adapters.signed_links import HmacApprovalLinks
from helpdesk.access.adapters.ssh_ca import SshCertificateAuthority
from helpdesk.access.model.grant import AccessRequestNotFound, AccessStateConflict, GrantStatus
from helpdesk.access.model.requests import NewAccessRequest, NewServer
from helpdesk.access.model.server import ApprovalRule, Approver
from helpdesk.access.services.grants import AccessForbidden, AccessGrants
from helpdesk.access.services.servers import AccessAdmin
from helpdesk.kernel.clock import FixedClock

from tests.fakes.access.stores import FakePanel, FakeTicketDesk, memory_stores

pytestmark = pytest.mark.unit
NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
DEV, MANAGER, CLIENT = "dev@agency.example", "manager@agency.example", "client@acme.example"


class World:
    def __init__(self, panel_domain: str | None = None) -> None:
        self.clock = FixedClock(NOW)
        self.stores = memory_stores(self.clock)
        self.ca = SshCertificateAuthority.generate()
        self.admin = AccessAdmin(self.stores, self.ca)
        self.staff = AccessGrants(self.stores, self.ca)
        self.cabinet = AccessGrants(self.stores, None)
        self.desk: FakeTicketDesk = self.stores.tickets  # type: ignore[assignment]
        self.panel: FakePanel = self.stores.panel  # type: ignore[assignment]
        self.desk.tickets["t1"] = ("org-acme", "HD-1")
        server = NewServer("web", "web1.acme.example", 22, ("deploy",), panel_account=panel_domain)
        self.server = self.admin.register_server("org-acme", server, CLIENT)

    def request(self, hours: int = 2) -> str:
        key = (
            Ed25519PrivateKey.generate()
            .public_key()
            .public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
        )
        new = NewAccessRequest(self.server.id, "deploy", hours, key.decode(), "deploy the fix")
        return self.staff.request("t1", new, DEV).id


def test_a_both_policy_needs_the_client_and_a_manager() -> None:
    world = World()
    world.admin.set_policy("org-acme", ApprovalRule.BOTH, 8)
    request_id = world.request()
    after_client = world.cabinet.approve(request_id, CLIENT, Approver.CLIENT, "org-acme").request
    assert after_client.status is GrantStatus.PENDING and after_client.certificate is None
    issued = world.staff.approve(request_id, MANAGER, Approver.MANAGER).request
    assert issued.status is GrantStatus.ISSUED and issued.certificate
    assert issued.valid_before == NOW + timedelta(hours=2)


def test_a_client_policy_is_not_met_by_a_manager() -> None:
    world = World()
    world.admin.set_policy("org-acme", ApprovalRule.CLIENT, 8)
    request_id = world.request()
    assert world.staff.approve(request_id, MANAGER, Approver.MANAGER).request.status is GrantStatus.PENDING


def test_the_panel_password_is_shown_once_to_the_requester_and_never_stored() -> None:
    world = World(panel_domain="acme.example")
    request_id = world.request()
    by_manager = world.staff.approve(request_id, MANAGER, Approver.MANAGER)
    assert by_manager.panel_password is None and world.panel.accounts == {}  # not for the manager's eyes
    first = world.staff.fetch(request_id, DEV)
    assert first.panel_password and first.request.panel_login in world.panel.accounts
    assert world.staff.fetch(request_id, DEV).panel_password is None  # once
    stored = world.stores.requests.get(request_id)
    assert first.panel_password not in str(asdict(stored))
    world.staff.revoke(request_id, MANAGER)
    assert world.panel.accounts == {}  # deleted with the grant


def test_a_developer_revokes_only_their_own_grant() -> None:
    world = World()
    request_id = world.request()
    with pytest.raises(AccessForbidden):
        world.staff.revoke(request_id, "other@agency.example", own_only=True)
    assert world.staff.revoke(request_id, DEV, own_only=True).status is GrantStatus.REVOKED
    with pytest.raises(AccessStateConflict):
        world.staff.revoke(request_id, MANAGER)


def test_the_sweep_expires_ended_grants_and_revokes_those_of_closed_tickets() -> None:
    world = World(panel_domain="acme.example")
    ending, closing = world.request(hours=1), world.request(hours=8)
    for request_id in (ending, closing):
        world.staff.approve(request_id, MANAGER, Approver.MANAGER)
        world.staff.fetch(request_id, DEV)
    assert len(world.panel.accounts) == 2
    assert world.admin.sweep() == 0  # nothing has ended yet
    world.clock.current = NOW + timedelta(hours=1, seconds=1)
    world.desk.closed.add("t1")
    world.desk.tickets["t1"] = ("org-acme", "HD-1")
    assert world.admin.sweep() == 2
    assert {world.stores.requests.get(r).status for r in (ending, closing)} == {GrantStatus.REVOKED}
    assert world.panel.accounts == {}
    assert any("ticket closed" in text for _, text in world.desk.notes)
    krl_serials = {world.stores.requests.get(r).serial for r in (ending, closing)}
    assert all(serial.to_bytes(8, "big") in world.admin.krl("org-acme") for serial in krl_serials)


def test_an_ended_grant_is_marked_expired_with_a_note() -> None:
    world = World()
    request_id = world.request(hours=1)
    world.staff.approve(request_id, MANAGER, Approver.MANAGER)
    world.clock.current = NOW + timedelta(hours=2)
    assert world.admin.sweep() == 1
    assert world.stores.requests.get(request_id).status is GrantStatus.EXPIRED
    assert world.desk.notes[-1] == ("t1", "Server access expired by the access sweep: the window ended")


def test_the_client_is_mailed_a_signed_link_and_told_of_the_grant() -> None:
    world = World()
    links = HmacApprovalLinks(lambda: b"secret", "http://cabinet.example")
    world.stores = world.stores.__class__(**{**world.stores.__dict__, "links": links})
    world.staff, world.cabinet = AccessGrants(world.stores, world.ca), AccessGrants(world.stores, None)
    request_id = world.request()
    organisation, subject, text = world.desk.mails[-1]
    assert organisation == "org-acme" and "Access requested" in subject
    token = text.split("token=")[1].split()[0]
    assert world.cabinet.by_link(token).id == request_id
    with pytest.raises(AccessRequestNotFound):
        world.cabinet.by_link(token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    later = HmacApprovalLinks(lambda: b"secret", "http://cabinet.example")
    assert later.request_id(token, NOW + timedelta(days=2)) is None  # the link expires after a day
    assert world.cabinet.approve_by_link(token).request.status is GrantStatus.APPROVED
    assert "Access granted" in world.desk.mails[-1][1]


def test_a_panel_that_fails_to_delete_leaves_an_audit_row_and_the_revocation_stands() -> None:
    from helpdesk.kernel.errors import Unavailable

    world = World(panel_domain="acme.example")
    request_id = world.request()
    world.staff.approve(request_id, MANAGER, Approver.MANAGER)
    login = world.staff.fetch(request_id, DEV).request.panel_login

    def refuse(server: object, login: str) -> None:
        raise Unavailable("the hosting panel did not answer delete_ftp")

    world.panel.delete_account = refuse  # type: ignore[method-assign]
    assert world.staff.revoke(request_id, MANAGER).status is GrantStatus.REVOKED
    rows = world.stores.audit.for_organisation("org-acme")
    assert rows[-1].actor == "the hosting panel" and f"deleting {login} failed" in rows[-1].detail
