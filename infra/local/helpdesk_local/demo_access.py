"""Server access on the local stack: the SSH CA in Secrets Manager at first start, and Acme's demo server."""

from __future__ import annotations

DEMO_SERVER = {
    "name": "acme-web",
    "host": "web1.acme.example",
    "port": 22,
    "principals": ["deploy", "www-data"],
    "panel_account": "acme.example",  # its cPanel domain: approvals also make a temporary FTP account
}


def ensure_access_ca() -> None:
    """Creates the CA secret when missing and publishes its public key (what an operator does on AWS)."""
    from helpdesk.bootstrap import container

    container().access_ca.public_key()


def load_demo_access() -> None:
    from helpdesk.access.views import ServerBody
    from helpdesk.bootstrap import container

    admin = container().access_admin
    if not admin.servers("org-acme"):
        admin.register_server(
            "org-acme", ServerBody.model_validate(DEMO_SERVER).command(), "alice@acme.example"
        )
