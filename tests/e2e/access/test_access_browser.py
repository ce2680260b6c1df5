"""Issue 20's flow in Chromium on the local stack: a client's mail opens a ticket; the client registers a
server in the cabinet; the developer requests access from the ticket's "Server access" card; the client
approves in the cabinet; the developer downloads the certificate (checked with ssh-keygen); the manager
revokes it, and the organisation's KRL (public API) lists it. Any console error fails the test.
Screenshots: tests/.artifacts, or docs/screenshots with HELPDESK_SCREENSHOTS=1."""

from __future__ import annotations

import subprocess
import uuid
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.e2e.commerce.test_commerce_browser import sign_in
from tests.e2e.tickets.test_issue6_flow_browser import Pages
from tests.e2e.tickets.test_mail_to_ticket import send
from tests.support.local_process import LocalProcess
from tests.support.screenshots import SHOTS

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
DEVELOPER, MANAGER, CLIENT = "dev@helpdesk.localhost", "anna@helpdesk.localhost", "alice@acme.example"


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SHOTS / f"access-{name}.png"), full_page=True)


def public_key() -> str:
    key = Ed25519PrivateKey.generate().public_key()
    return key.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode()


def test_request_approve_download_revoke(local: LocalProcess, chromium: Any, tmp_path: Path) -> None:
    word = f"deploy{uuid.uuid4().hex[:6]}"
    server_name = f"web-{uuid.uuid4().hex[:4]}"
    send(
        local,
        CLIENT,
        f"Deploy fails on the server ({word})",
        "Hello,\n\nthe deploy fails with a 500.\n\nAlice",
    )
    anna = local.token(MANAGER)
    hits = local.wait_for(
        lambda: local.api("console", "GET", f"/search?q={word}", anna)[1]["hits"], timeout=60
    )
    ticket_id = hits[0]["ticket_id"]
    pages = Pages(chromium, local)

    cabinet = pages.open("cabinet", "/servers")
    sign_in(cabinet, CLIENT)
    cabinet.wait_for_selector("#server-form")
    assert cabinet.inner_text("#ca-key").startswith("ssh-ed25519 ")
    assert "TrustedUserCAKeys" in cabinet.inner_text("#installer")
    cabinet.fill("#server-name", server_name)
    cabinet.fill("#server-host", "203.0.113.10")
    cabinet.fill("#server-principals", "deploy, www-data")
    cabinet.get_by_role("button", name="Register").click()
    cabinet.wait_for_selector(f"#server-list li:has-text('{server_name}')")
    shot(cabinet, "1-cabinet-server-registered")

    console = pages.open("console", f"/tickets/{ticket_id}")
    sign_in(console, DEVELOPER)
    console.wait_for_selector("#access-form")
    console.select_option("#access-server", label=f"{server_name} (203.0.113.10)")
    console.select_option("#access-principal", "www-data")
    console.fill("#access-hours", "3")
    console.fill("#access-key", public_key())
    console.fill("#access-reason", f"Fix the failing deploy ({word})")
    console.get_by_role("button", name="Request access").click()
    pending = console.wait_for_selector(f"#access-requests li[data-status='pending']:has-text('{word}')")
    request_id = pending.get_attribute("data-id")
    shot(console, "2-console-requested")

    cabinet.reload()
    row = f"#access-requests li[data-id='{request_id}']"
    cabinet.wait_for_selector(f"{row}[data-status='pending']")
    shot(cabinet, "3-cabinet-request-pending")
    cabinet.click(f"{row} >> text=Approve")
    cabinet.wait_for_selector(f"{row}[data-status='approved']")
    shot(cabinet, "4-cabinet-approved")

    console.click("#access-reload")  # the requester's fetch signs the approved certificate
    issued = console.wait_for_selector(f"#access-requests li[data-id='{request_id}'][data-status='issued']")
    assert "valid until" in issued.inner_text()
    with console.expect_download() as download:
        console.click(f"#access-requests li[data-id='{request_id}'] >> text=Download certificate")
    cert = tmp_path / "id-cert.pub"
    download.value.save_as(cert)
    shown = subprocess.run(
        ["ssh-keygen", "-L", "-f", str(cert)], capture_output=True, text=True, check=True
    ).stdout
    assert "www-data" in shown and f"{DEVELOPER} request {request_id}" in shown
    shot(console, "5-console-issued")

    manager = pages.open("console", f"/tickets/{ticket_id}")
    sign_in(manager, MANAGER)
    live = f"#access-requests li[data-id='{request_id}']"
    manager.wait_for_selector(f"{live}[data-status='issued']")
    manager.click(f"{live} >> text=Revoke")
    manager.wait_for_selector(f"{live}[data-status='revoked']")
    manager.wait_for_selector(".message:has-text('Server access revoked')")
    shot(manager, "6-console-revoked")

    status, _, krl = local.request("api", "GET", "/public/access/krl/org-acme", headers={"Accept": "*/*"})
    assert status == 200
    (tmp_path / "org.krl").write_bytes(krl)
    query = subprocess.run(["ssh-keygen", "-Q", "-f", str(tmp_path / "org.krl"), str(cert)],
                           capture_output=True, text=True, check=False)  # fmt: skip
    assert "REVOKED" in query.stdout, query.stdout + query.stderr

    cabinet.reload()
    cabinet.wait_for_selector(f"{row}[data-status='revoked']")
    assert "revoked" in cabinet.inner_text("#revoked-list")
    shot(cabinet, "7-cabinet-revoked-list")
    with cabinet.expect_download() as exported:
        cabinet.click("#export-audit")
    audit = Path(exported.value.path()).read_text().splitlines()
    assert audit[0] == "at,action,actor,request,ticket,detail"
    mine = [line.split(",")[1] for line in audit if request_id in line]
    assert mine == ["requested", "approved", "issued", "revoked"]
    assert pages.errors == []


def test_the_mailed_link_approves_and_the_panel_password_is_shown_once(
    local: LocalProcess,
    chromium: Any,
) -> None:
    word = f"ftp{uuid.uuid4().hex[:6]}"
    send(local, CLIENT, f"Upload the new theme ({word})", "Hello,\n\nplease upload the new theme.\n\nAlice")
    anna, dev = local.token(MANAGER), local.token(DEVELOPER)
    hits = local.wait_for(
        lambda: local.api("console", "GET", f"/search?q={word}", anna)[1]["hits"], timeout=60
    )
    ticket_id = hits[0]["ticket_id"]
    _, panel = local.api("console", "GET", f"/tickets/{ticket_id}/access", dev)
    demo = next(s for s in panel["servers"] if s["name"] == "acme-web" and s["panel_account"])
    body = {"server_id": demo["id"], "principal": "deploy", "hours": 1, "public_key": public_key(),
            "reason": f"Upload the theme ({word})"}  # fmt: skip
    status, made = local.api("console", "POST", f"/tickets/{ticket_id}/access-requests", dev, body)
    assert status == 201

    def approval_mail() -> str | None:
        _, mails = local.json("mail", "GET", f"/api/messages?to={CLIENT}")
        texts = [m["text"] for m in mails if made["id"] in m["text"]]
        return texts[-1] if texts else None

    text = local.wait_for(approval_mail, timeout=60)
    link = next(w for w in text.split() if "approve-access.html?token=" in w)
    assert link.startswith(f"http://cabinet.localhost:{local.http_port}/")
    pages = Pages(chromium, local)
    approval = pages.open("cabinet")
    approval.goto(link)  # no sign-in: the link's signature is the authority
    approval.wait_for_selector("#approve")
    assert "acme-web" in approval.inner_text("main") and word in approval.inner_text("main")
    shot(approval, "8-mailed-link")
    approval.click("#approve")
    assert "approved" in approval.wait_for_selector("#result").inner_text()
    shot(approval, "9-mailed-link-approved")

    console = pages.open("console", f"/tickets/{ticket_id}")
    sign_in(console, DEVELOPER)
    secret = console.wait_for_selector("#panel-secret")
    password = console.inner_text("#panel-secret code")
    assert "shown once" in secret.inner_text() and len(password) >= 20
    console.wait_for_selector(f"#access-requests li[data-id='{made['id']}'][data-status='issued']")
    shot(console, "10-panel-password-once")
    console.reload()
    console.wait_for_selector(f"#access-requests li[data-id='{made['id']}'][data-status='issued']")
    assert console.locator("#panel-secret").count() == 0  # never again
    dynamodb = local.client("dynamodb")
    table = next(t for t in dynamodb.list_tables()["TableNames"] if t.startswith("helpdesk"))
    assert password not in str(dynamodb.scan(TableName=table)["Items"])
    again = local.json("cabinet", "POST", f"/api/access/approvals/{link.split('token=')[1]}")
    assert again[0] == 409  # a link approves a pending request once
    assert pages.errors == []
