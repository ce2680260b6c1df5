"""Demo data, loaded once and idempotently: staff and customers in the Cognito pool, demo mail, a project,
SLA policies, a month of activity for the reports."""

from __future__ import annotations

import smtplib
import threading
import time
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from helpdesk_local.parts import StackParts

DEMO_PASSWORD = "Demo-pass-2026"
DEMO_MARK = "local/demo-loaded"
STAFF = [
    ("admin@helpdesk.localhost", "Ada Admin", "admin"),
    ("anna@helpdesk.localhost", "Anna Manager", "manager"),
    ("boris@helpdesk.localhost", "Boris Manager", "manager"),
    ("dev@helpdesk.localhost", "Dmitri Developer", "developer"),
    ("accountant@helpdesk.localhost", "Alla Accountant", "accountant"),
    ("ops@helpdesk.localhost", "Oleg Ops", "ops"),
    ("hr@helpdesk.localhost", "Hanna HR", "hr"),
]
SUPPORT_TEAM = ("anna@helpdesk.localhost", "boris@helpdesk.localhost")
CUSTOMERS = [
    ("alice@acme.example", "Alice Acme", "org-acme"),
    ("carol@acme.example", "Carol Acme", "org-acme"),  # Alice's colleague: sees Acme's tickets
    ("bob@globex.example", "Bob Globex", "org-globex"),
]
DEMO_MAIL = [
    (
        "alice@acme.example",
        "Module does not load after upgrade to 8.2",
        "Hello,\n\nafter upgrading the shop to 8.2 your payment module no longer loads. Can you help?"
        "\n\nAlice",
    ),
    (
        "bob@globex.example",
        "Нужен счёт на продление лицензии",
        "Здравствуйте!\n\nПришлите, пожалуйста, счёт на продление лицензии на следующий год.\n\nБорис",
    ),
]


def load_demo(stack: StackParts, reports: bool = True) -> list[dict[str, str]]:
    idp = stack.client("cognito-idp")
    pool = stack.resource("UserPool").ref
    logins = []
    for email, name, group in STAFF:
        _user(idp, pool, email, name, group, None)
        logins.append({"email": email, "password": DEMO_PASSWORD, "role": group})
    from helpdesk.tickets.services.customer_registry import backfill_organisation_lists

    from helpdesk_local.people import customer_registry

    registry = customer_registry(stack)
    if not _marked(stack, "local/organisation-lists"):  # state kept from before the organisation lists
        backfill_organisation_lists(registry.tickets)
        _mark(stack, "local/organisation-lists")
    for email, name, org in CUSTOMERS:
        _user(idp, pool, email, name, "customer", org)
        registry.register(email, name, org)  # before the demo mail: it lands in the organisation
        logins.append({"email": email, "password": DEMO_PASSWORD, "role": f"customer ({org})"})
    _rota(stack)
    _support_team(stack)
    _catalogue(stack)
    from helpdesk_local.demo_channels import load_demo_channels

    load_demo_channels(stack, SUPPORT_TEAM)
    if not _marked(stack, "local/demo-tasks"):
        from helpdesk_local.demo_tasks import load_demo_tasks

        load_demo_tasks()
        _mark(stack, "local/demo-tasks")
    if not _marked(stack, "local/demo-access"):
        from helpdesk_local.demo_access import load_demo_access

        load_demo_access()
        _mark(stack, "local/demo-access")
    if not _marked(stack, "local/demo-sla"):  # before the demo mail: its tickets start with due times
        from datetime import UTC, datetime

        from helpdesk_local.demo_sla import load_demo_sla

        load_demo_sla(datetime.now(UTC).date())
        _mark(stack, "local/demo-sla")
    if not _marked(stack, "local/demo-billing"):
        from helpdesk_local.demo_billing import load_demo_billing

        load_demo_billing()
        _mark(stack, "local/demo-billing")
    if not _marked(stack, "local/demo-service-order"):
        from helpdesk_local.demo_service_order import load_demo_service_order

        load_demo_service_order()
        _mark(stack, "local/demo-service-order")
    if reports and not _marked(stack, "local/demo-reports"):  # a month of activity (docs/reports.md)
        threading.Thread(target=_demo_reports, args=(stack,), name="demo-reports", daemon=True).start()
    if not _marked(stack, DEMO_MARK):
        for sender, subject, body in DEMO_MAIL:
            send_mail(stack.smtp_port, sender, stack.env("SUPPORT_ADDRESS"), subject, body)
        _mark(stack, DEMO_MARK)
    return logins


def _demo_reports(stack: StackParts) -> None:
    """About a thousand writes: in the background, so the stack answers meanwhile; a stop before the mark
    writes the same items again next time (each write is idempotent)."""
    from datetime import UTC, datetime

    from helpdesk_local.demo_reports import load_demo_reports

    load_demo_reports(datetime.now(UTC).date())
    _mark(stack, "local/demo-reports")


def _rota(stack: StackParts) -> None:
    from helpdesk.operations.adapters.escalation_records import DynamoRotaStore
    from helpdesk.operations.model.escalation import OnCallPerson, Rota

    store = DynamoRotaStore(stack.client("dynamodb"), stack.env("TABLE_NAME"))
    if store.get() is None:
        store.put(
            Rota(
                people=(
                    OnCallPerson("Oleg Ops", "ops@helpdesk.localhost", "+491700000001"),
                    OnCallPerson("Ada Admin", "admin@helpdesk.localhost", "+491700000002"),
                ),
                ack_seconds=300,
            )
        )


def _support_team(stack: StackParts) -> None:
    """The support mailbox hands new mail to Anna and Boris in turn (admins change it on the admin page)."""
    from helpdesk.kernel.adapters.dynamo_table import item_model
    from helpdesk.tickets.adapters.dynamo_people import DynamoMailboxes
    from helpdesk.tickets.adapters.dynamo_teams import DynamoTeams
    from helpdesk.tickets.model.assignment import Mailbox, Team

    model = item_model(stack.env("TABLE_NAME"), stack.config.region, stack.env("AWS_ENDPOINT_URL"))
    teams, mailboxes = DynamoTeams(model), DynamoMailboxes(model)
    if teams.get("Support") is None:
        teams.save(Team("Support", SUPPORT_TEAM))
    if mailboxes.get("support") is None:
        mailboxes.save(Mailbox("support", SUPPORT_TEAM, team="Support"))


def _catalogue(stack: StackParts) -> None:
    from helpdesk_local.demo_catalogue import load_catalogue

    load_catalogue(stack.env("TABLE_NAME"), stack.config.region, stack.env("AWS_ENDPOINT_URL"))
    _rates(stack)


def _rates(stack: StackParts) -> None:
    from helpdesk.settings import Settings

    from helpdesk_local.demo_rates import load_rates

    load_rates(stack.client("s3"), stack.env("INVOICES_BUCKET"), Settings.from_env().exchange_rates_key)


def _user(idp: Any, pool: str, email: str, name: str, group: str, org: str | None) -> None:
    attributes = [
        {"Name": "email", "Value": email},
        {"Name": "email_verified", "Value": "true"},
        {"Name": "name", "Value": name},
    ]
    if org:
        attributes.append({"Name": "custom:organisation_id", "Value": org})
    try:
        idp.admin_create_user(
            UserPoolId=pool, Username=email, UserAttributes=attributes, MessageAction="SUPPRESS"
        )
    except idp.exceptions.UsernameExistsException:
        return
    idp.admin_set_user_password(UserPoolId=pool, Username=email, Password=DEMO_PASSWORD, Permanent=True)
    idp.admin_add_user_to_group(UserPoolId=pool, Username=email, GroupName=group)


def _marked(stack: StackParts, key: str) -> bool:
    s3 = stack.client("s3")
    try:
        s3.head_object(Bucket=stack.resource("RawMailBucket").ref, Key=key)
        return True
    except s3.exceptions.ClientError:
        return False


def _mark(stack: StackParts, key: str) -> None:
    stack.client("s3").put_object(
        Bucket=stack.resource("RawMailBucket").ref,
        Key=key,
        Body=time.strftime("%Y-%m-%dT%H:%M:%SZ").encode(),
    )


def send_mail(port: int, sender: str, to: str, subject: str, body: str, **headers: str) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, to, subject
    for key, value in headers.items():
        msg[key.replace("_", "-")] = value
    msg.set_content(body)
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
        smtp.send_message(msg)
