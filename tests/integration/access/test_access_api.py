"""Issue 20's acceptance contract through the staff, cabinet and public APIs, in-process under moto."""

from __future__ import annotations

import base64
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import ssh

from tests.integration.tasks.conftest import a_ticket, staff
from tests.support.api_events import rest_event
from tests.support.lambdas import invoke

pytestmark = pytest.mark.integration


def developer_key() -> str:
    key = Ed25519PrivateKey.generate().public_key()
    return key.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode()


def a_server(token: str = "alice", principals: tuple[str, ...] = ("deploy", "www-data")) -> dict:
    made = call_cabinet("POST", "/servers", {"name": "web-1", "host": "web1.acme.example", "port": 22,
                                             "principals": list(principals)}, token=token)  # fmt: skip
    assert made.status == 201, made.body
    return made.body


def call_cabinet(method: str, resource: str, body: object = None, token: str = "alice", **params: str):
    from tests.integration.commerce.conftest import call

    return call("CabinetApiFunction", method, resource, body, token=token, **params)


def a_request(ticket_id: str, server_id: str, **change: object):
    body = {"server_id": server_id, "principal": "deploy", "hours": 2, "public_key": developer_key(),
            "reason": "deploy the hotfix", **change}  # fmt: skip
    return staff("POST", "/tickets/{ticket_id}/access-requests", body, token="dima", ticket_id=ticket_id)


def krl(organisation: str, accept: str | None = None) -> bytes:
    """As a server's cron fetches it: curl sends `Accept: */*`, Python's urllib no Accept at all."""
    headers = {"Accept": accept} if accept else None
    event = rest_event("GET", "/access/krl/{organisation}", headers=headers, organisation=organisation)
    raw = invoke("PublicApiFunction", event)
    assert raw["statusCode"] == 200, raw
    return base64.b64decode(raw["body"]) if raw.get("isBase64Encoded") else raw["body"].encode()


def test_request_client_approval_certificate_revocation_and_krl(desk, tmp_path: Path) -> None:
    ca = staff("GET", "/access/ca")
    assert ca.status == 200 and ca.body["public_key"].startswith("ssh-ed25519 ")
    server = a_server()
    assert server["organisation"] == "org-acme" and server["id"]
    listed = call_cabinet("GET", "/servers")
    assert [s["id"] for s in listed.body["items"]] == [server["id"]]
    assert listed.body["ca_public_key"] == ca.body["public_key"]  # published, without the secret

    ticket_id = a_ticket("org-acme")
    made = a_request(ticket_id, server["id"])
    assert made.status == 201 and made.body["status"] == "pending", made.body
    request_id = made.body["id"]
    pending = staff("GET", "/access-requests/{request_id}", token="dima", request_id=request_id)
    assert pending.body["status"] == "pending" and pending.body["certificate"] is None

    approved = call_cabinet("POST", "/access-requests/{request_id}/approve", request_id=request_id)
    assert approved.status == 200 and approved.body["status"] == "approved"
    assert approved.body["certificate"] is None  # the cabinet never holds the CA

    issued = staff("GET", "/access-requests/{request_id}", token="dima", request_id=request_id)
    assert issued.status == 200 and issued.body["status"] == "issued" and issued.body["valid_before"]
    certificate = ssh.load_ssh_public_identity(issued.body["certificate"].encode())
    assert isinstance(certificate, ssh.SSHCertificate)
    assert certificate.valid_principals == [b"deploy"]
    assert (
        certificate.key_id
        == f"ticket {issued.body['ticket_number']} dima@agency.example request {request_id}".encode()
    )
    assert b"permit-port-forwarding" not in certificate.extensions
    ca_key = serialization.load_ssh_public_key(ca.body["public_key"].encode())
    assert certificate.signature_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH
    ) == ca_key.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
    certificate.verify_cert_signature()

    revoked = staff("POST", "/access-requests/{request_id}/revoke", request_id=request_id)
    assert revoked.status == 200 and revoked.body["status"] == "revoked"
    krl_file, cert_file = tmp_path / "org.krl", tmp_path / "cert.pub"
    krl_file.write_bytes(krl("org-acme"))
    assert krl("org-acme", "*/*") == krl("org-acme", "application/octet-stream") == krl("org-acme")
    cert_file.write_text(issued.body["certificate"])
    query = subprocess.run(["ssh-keygen", "-Q", "-f", str(krl_file), str(cert_file)],
                           capture_output=True, text=True, check=False)  # fmt: skip
    assert "REVOKED" in query.stdout, query.stdout + query.stderr

    notes = staff("GET", "/tickets/{ticket_id}", ticket_id=ticket_id).body
    texts = " ".join(m.get("text") or "" for m in notes["messages"])
    for action in ("requested", "approved", "issued", "revoked"):
        assert f"Server access {action}" in texts


def test_foreign_and_unknown_ids_answer_alike(desk) -> None:
    server = a_server()
    globex_server = a_server(token="bob")
    ticket_id = a_ticket("org-acme")
    foreign = a_request(ticket_id, globex_server["id"])
    unknown = a_request(ticket_id, "no-such-server")
    assert foreign.status == unknown.status == 404 and foreign.body == unknown.body

    request_id = a_request(ticket_id, server["id"]).body["id"]
    by_bob = call_cabinet("POST", "/access-requests/{request_id}/approve", token="bob", request_id=request_id)
    by_bob_unknown = call_cabinet("POST", "/access-requests/{request_id}/approve", token="bob",
                                  request_id="nope")  # fmt: skip
    assert by_bob.status == by_bob_unknown.status == 404 and by_bob.body == by_bob_unknown.body
    assert [s["id"] for s in call_cabinet("GET", "/servers", token="bob").body["items"]] == [
        globex_server["id"]
    ]
    assert call_cabinet("GET", "/access-requests", token="bob").body["items"] == []
    revoke_foreign = call_cabinet(
        "POST", "/access-requests/{request_id}/revoke", token="bob", request_id=request_id
    )
    assert revoke_foreign.status == 404


def test_rules_principal_hours_key_and_who_may_approve(desk) -> None:
    server = a_server()
    ticket_id = a_ticket("org-acme")
    assert a_request(ticket_id, server["id"], principal="root").status == 422
    assert a_request(ticket_id, server["id"], hours=9).status == 422  # the organisation's default limit: 8 h
    assert a_request(ticket_id, server["id"], public_key="ssh-ed25519 bm90IGEga2V5").status == 422
    request_id = a_request(ticket_id, server["id"]).body["id"]
    by_developer = staff("POST", "/access-requests/{request_id}/approve", token="dima", request_id=request_id)
    assert by_developer.status == 403
    by_manager = staff("POST", "/access-requests/{request_id}/approve", request_id=request_id)
    assert (
        by_manager.status == 200 and by_manager.body["status"] == "issued" and by_manager.body["certificate"]
    )
    again = staff("POST", "/access-requests/{request_id}/approve", request_id=request_id)
    assert again.status == 409


def test_the_ca_private_key_appears_in_no_answer_and_no_item(desk) -> None:
    import boto3
    from helpdesk.bootstrap import container

    server = a_server()
    request_id = a_request(a_ticket("org-acme"), server["id"]).body["id"]
    answer = staff("POST", "/access-requests/{request_id}/approve", request_id=request_id)
    secret_name = container().settings.access_ca_secret_name
    secret = boto3.client("secretsmanager").get_secret_value(SecretId=secret_name)["SecretString"]
    private = serialization.load_ssh_private_key(secret.encode(), None)
    seed = private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                 serialization.NoEncryption())  # fmt: skip
    table = str(boto3.client("dynamodb").scan(TableName=container().settings.table_name)["Items"])
    seen = str(answer.body) + table
    assert answer.status == 200 and answer.body["certificate"]
    for form in (seed.hex(), base64.b64encode(seed).decode()[:40], secret.split("\n")[1]):
        assert form not in seen


def test_a_server_staff_register_is_usable_once_the_client_confirms_it(desk) -> None:
    body = {"name": "db-1", "host": "db1.acme.example", "principals": ["deploy"]}
    made = staff("POST", "/organisations/{organisation_id}/servers", body, organisation_id="org-acme")
    assert made.status == 201 and made.body["confirmed"] is False
    by_developer = staff("POST", "/organisations/{organisation_id}/servers", body, token="dima",
                         organisation_id="org-acme")  # fmt: skip
    assert by_developer.status == 403
    ticket_id = a_ticket("org-acme")
    refused = a_request(ticket_id, made.body["id"])
    assert refused.status == 422 and "not confirmed" in refused.body["detail"]
    by_bob = call_cabinet("POST", "/servers/{server_id}/confirm", token="bob", server_id=made.body["id"])
    assert by_bob.status == 404  # another organisation's server answers like an unknown one
    confirmed = call_cabinet("POST", "/servers/{server_id}/confirm", server_id=made.body["id"])
    assert confirmed.status == 200 and confirmed.body["confirmed"] is True
    assert a_request(ticket_id, made.body["id"]).status == 201


def test_the_audit_log_exports_per_organisation(desk) -> None:
    server = a_server()
    request_id = a_request(a_ticket("org-acme"), server["id"]).body["id"]
    call_cabinet("POST", "/access-requests/{request_id}/approve", request_id=request_id)
    raw = invoke("CabinetApiFunction", rest_event("GET", "/access-audit", token=_token("alice")))
    assert raw["statusCode"] == 200 and raw["headers"]["Content-Type"] == "text/csv"
    lines = raw["body"].splitlines()
    assert lines[0] == "at,action,actor,request,ticket,detail"
    assert [line.split(",")[1] for line in lines[1:]] == ["server_registered", "requested", "approved"]
    other = invoke("CabinetApiFunction", rest_event("GET", "/access-audit", token=_token("bob")))
    assert other["body"].splitlines()[1:] == []
    path = "/organisations/{organisation_id}/access-audit"
    staff_raw = invoke(
        "StaffApiFunction", rest_event("GET", path, token=_token("anna"), organisation_id="org-acme")
    )
    assert staff_raw["body"] == raw["body"]


def _token(name: str) -> str:
    from tests.integration.commerce.conftest import POOL

    return str(POOL[-1].token(name))


def test_closing_the_ticket_revokes_its_grant_at_the_next_sweep(desk) -> None:
    server = a_server()
    ticket_id = a_ticket("org-acme")
    request_id = a_request(ticket_id, server["id"]).body["id"]
    issued = staff("POST", "/access-requests/{request_id}/approve", request_id=request_id)
    assert issued.body["status"] == "issued"
    assert invoke("AccessSweepFunction", {"source": "aws.events"}) == {"ended": 0}
    closed = staff("PATCH", "/tickets/{ticket_id}", {"status": "closed"}, ticket_id=ticket_id)
    assert closed.status == 200, closed.body
    assert invoke("AccessSweepFunction", {"source": "aws.events"}) == {"ended": 1}
    after = staff("GET", "/access-requests/{request_id}", request_id=request_id)
    assert after.body["status"] == "revoked" and after.body["revoked_by"] == "ticket closed"
    serial = int(after.body["serial"]).to_bytes(8, "big")
    assert serial in krl("org-acme")
