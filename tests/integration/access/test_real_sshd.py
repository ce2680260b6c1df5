"""Done-when of issue 20: a real sshd trusting the product's CA and KRL accepts an issued certificate inside
its window and refuses it after expiry, after revocation, for another principal, and with altered bytes.

Windows are compressed: one requested hour lasts SECONDS_PER_HOUR seconds (certificates count seconds)."""

from __future__ import annotations

import base64
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpdesk.access.adapters.ssh_ca import SshCertificateAuthority
from helpdesk.access.model.grant import GrantStatus
from helpdesk.access.model.requests import NewAccessRequest, NewServer
from helpdesk.access.model.server import Approver
from helpdesk.access.services.grants import AccessGrants
from helpdesk.access.services.servers import AccessAdmin
from helpdesk.kernel.clock import SystemClock

from tests.fakes.access.stores import FakeTicketDesk, memory_stores
from tests.integration.access.sshd import Sshd, ensure_openssh, running_sshd, user_key

REASON = ensure_openssh()
pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(REASON is not None, reason=f"!!! REAL SSHD NOT TESTED: {REASON} !!!"),
]
SECONDS_PER_HOUR = 4


class Product:
    def __init__(self, sshd_user: str) -> None:
        self.stores = memory_stores(SystemClock(), seconds_per_hour=SECONDS_PER_HOUR)
        self.ca = SshCertificateAuthority.generate()
        self.admin = AccessAdmin(self.stores, self.ca)
        self.grants = AccessGrants(self.stores, self.ca)
        desk = self.stores.tickets
        assert isinstance(desk, FakeTicketDesk)
        desk.tickets["t1"] = ("org-a", "HD-1")
        self.server = self.admin.register_server(
            "org-a", NewServer("web", "127.0.0.1", 22, (sshd_user, "deploy")), "client@a.example"
        )

    def issue(self, public_key: str, principal: str, hours: int = 8) -> str:
        new = NewAccessRequest(self.server.id, principal, hours, public_key, "fix the deploy")
        request = self.grants.request("t1", new, "dev@agency.example")
        issued = self.grants.approve(request.id, "client@a.example", Approver.CLIENT, "org-a").request
        assert issued.status is GrantStatus.ISSUED and issued.certificate
        return issued.id


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Product, Sshd, Path, str]]:
    directory = tmp_path_factory.mktemp("sshd")
    import getpass

    product = Product(getpass.getuser())
    key, public = user_key(directory, "developer")
    with running_sshd(directory, product.admin.ca_public_key(), product.admin.krl("org-a")) as sshd:
        yield product, sshd, key, public


def certificate(product: Product, request_id: str) -> str:
    found = product.stores.requests.get(request_id)
    assert found is not None and found.certificate
    return found.certificate


def test_sshd_accepts_the_issued_certificate_inside_its_window(world) -> None:
    product, sshd, key, public = world
    request_id = product.issue(public, sshd.user)
    shown = subprocess.run(
        ["ssh-keygen", "-L", "-f", "-"],
        input=certificate(product, request_id),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f'Key ID: "ticket HD-1 dev@agency.example request {request_id}"' in shown
    assert "permit-port-forwarding" not in shown
    result = sshd.login(key, certificate(product, request_id))
    assert result.returncode == 0, result.stderr


def test_sshd_refuses_the_certificate_after_its_window_ends(world) -> None:
    product, sshd, key, public = world
    request_id = product.issue(public, sshd.user, hours=1)
    assert sshd.login(key, certificate(product, request_id)).returncode == 0
    valid_before = product.stores.requests.get(request_id).valid_before
    while datetime.now(UTC) <= valid_before:  # the certificate's own end, not a guessed sleep
        time.sleep(0.2)
    assert sshd.login(key, certificate(product, request_id)).returncode != 0
    assert product.admin.sweep() >= 1
    assert product.stores.requests.get(request_id).status is GrantStatus.EXPIRED
    assert any("expired" in text for _, text in product.stores.tickets.notes)


def test_sshd_refuses_the_certificate_after_revocation(world) -> None:
    product, sshd, key, public = world
    request_id = product.issue(public, sshd.user)
    assert sshd.login(key, certificate(product, request_id)).returncode == 0
    product.grants.revoke(request_id, "manager@agency.example")
    sshd.krl.write_bytes(product.admin.krl("org-a"))  # what the server's cron fetches from the KRL URL
    cert_file = sshd.directory / "revoked-cert.pub"
    cert_file.write_text(certificate(product, request_id))
    query = subprocess.run(
        ["ssh-keygen", "-Q", "-f", str(sshd.krl), str(cert_file)], capture_output=True, text=True, check=False
    )
    assert "REVOKED" in query.stdout
    assert sshd.login(key, certificate(product, request_id)).returncode != 0


def test_sshd_refuses_a_certificate_for_another_principal(world) -> None:
    product, sshd, key, public = world
    request_id = product.issue(public, "deploy")
    assert sshd.user != "deploy"
    assert sshd.login(key, certificate(product, request_id)).returncode != 0


def test_sshd_refuses_a_certificate_whose_bytes_were_altered(world) -> None:
    product, sshd, key, public = world
    request_id = product.issue(public, sshd.user)
    kind, data = certificate(product, request_id).split()[:2]
    blob = bytearray(base64.b64decode(data))
    key_id = f"request {request_id}".encode()
    at = bytes(blob).index(key_id)
    blob[at + len(key_id) - 1] ^= 0x01  # one bit of the key id: the CA's signature no longer matches
    altered = f"{kind} {base64.b64encode(bytes(blob)).decode()}"
    assert sshd.login(key, altered).returncode != 0
    assert sshd.login(key, certificate(product, request_id)).returncode == 0  # the original still works
