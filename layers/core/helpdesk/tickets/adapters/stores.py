"""The real TicketStores: one DynamoDB table through PynamoDB, attachments in S3."""

from __future__ import annotations

from typing import Any

from helpdesk.kernel.adapters.dynamo_table import item_model
from helpdesk.tickets.adapters.dynamo_ledger import DynamoLedger
from helpdesk.tickets.adapters.dynamo_mail_state import DynamoCounter, DynamoOutbox, DynamoRateLimiter
from helpdesk.tickets.adapters.dynamo_messages import DynamoMessages
from helpdesk.tickets.adapters.dynamo_people import DynamoCustomers, DynamoMailboxes, DynamoQuarantine
from helpdesk.tickets.adapters.dynamo_reads import DynamoReads
from helpdesk.tickets.adapters.dynamo_tickets import DynamoTickets
from helpdesk.tickets.adapters.dynamo_unit import DynamoUnitOfWork
from helpdesk.tickets.adapters.s3_objects import S3Attachments
from helpdesk.tickets.ports import TicketStores


def dynamo_ticket_stores(
    table_name: str, region: str, endpoint_url: str | None, s3_client: Any, attachments_bucket: str
) -> TicketStores:
    model = item_model(table_name, region, endpoint_url)
    return TicketStores(
        tickets=DynamoTickets(model),
        messages=DynamoMessages(model),
        customers=DynamoCustomers(model),
        mailboxes=DynamoMailboxes(model),
        quarantine=DynamoQuarantine(model),
        counter=DynamoCounter(model),
        limiter=DynamoRateLimiter(model),
        ledger=DynamoLedger(model),
        outbox=DynamoOutbox(model),
        attachments=S3Attachments(s3_client, attachments_bucket),
        reads=DynamoReads(model),
        unit=DynamoUnitOfWork(model),
    )
