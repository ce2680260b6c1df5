"""The demo's website form `quote` ("Get a free quote"), embedded by the demo company page on its own
origin (company.localhost), opening tickets in the `sales` mailbox (docs/channels.md)."""

from __future__ import annotations

from helpdesk_local.parts import StackParts

QUOTE_FIELDS = (
    ("name", "Your name", "text", True, 200),
    ("email", "E-mail", "email", True, 254),
    ("company", "Company", "text", False, 200),
    ("message", "What do you need?", "textarea", True, 5000),
)


def load_demo_channels(stack: StackParts, team: tuple[str, ...]) -> None:
    from helpdesk.channels.adapters.dynamo_forms import DynamoForms
    from helpdesk.channels.public import FieldKind, FormField, FormSpec
    from helpdesk.kernel.adapters.dynamo_table import item_model
    from helpdesk.tickets.adapters.dynamo_people import DynamoMailboxes
    from helpdesk.tickets.model.assignment import Mailbox

    model = item_model(stack.env("TABLE_NAME"), stack.config.region, stack.env("AWS_ENDPOINT_URL"))
    fields = tuple(
        FormField(n, label, FieldKind(kind), req, size) for n, label, kind, req, size in QUOTE_FIELDS
    )
    # Saved on every start: the allowed origin carries the stack's port.
    origins = tuple(f"http://{host}.localhost:{stack.http_port}" for host in ("company", "shop"))
    DynamoForms(model).save(FormSpec("quote", "Quote request", "sales", fields, origins))
    mailboxes = DynamoMailboxes(model)
    if mailboxes.get("sales") is None:
        mailboxes.save(Mailbox("sales", team, team="Support"))
