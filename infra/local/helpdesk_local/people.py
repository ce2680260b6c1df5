"""The people store of the local stack's table, for the stack's own writers (demo data, the sign-in host)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpdesk.tickets.adapters.stores import dynamo_ticket_stores
from helpdesk.tickets.services.customer_registry import CustomerRegistry

if TYPE_CHECKING:
    from helpdesk_local.parts import StackParts


def customer_registry(stack: StackParts) -> CustomerRegistry:
    stores = dynamo_ticket_stores(
        stack.env("TABLE_NAME"),
        stack.config.region,
        stack.env("AWS_ENDPOINT_URL"),
        stack.client("s3"),
        stack.env("ATTACHMENTS_BUCKET"),
    )
    return CustomerRegistry(stores)
