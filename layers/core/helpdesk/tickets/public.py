"""What other contexts may use of tickets: they import it from here, never from its inner modules."""

from __future__ import annotations

from helpdesk.tickets.model.conversation import Conversation
from helpdesk.tickets.model.csat import TicketSurvey
from helpdesk.tickets.model.customer import Customer, customer_id_for, organisation_domain, stable_id
from helpdesk.tickets.model.message import AttachmentRef, Direction, Message, served_type
from helpdesk.tickets.model.mime import OutboundFile
from helpdesk.tickets.model.ticket import Ticket, format_number
from helpdesk.tickets.ports import (
    CustomerRepository,
    Page,
    TicketChanged,
    TicketNotFound,
    TicketQuery,
    TicketRepository,
    TicketStores,
)
from helpdesk.tickets.services.customer_registry import CustomerRegistry
from helpdesk.tickets.services.staff_tickets import StaffTicketRequest, StaffTickets

__all__ = [
    "TicketSurvey",
    "AttachmentRef",
    "Conversation",
    "Customer",
    "CustomerRegistry",
    "CustomerRepository",
    "Direction",
    "Message",
    "OutboundFile",
    "Page",
    "StaffTicketRequest",
    "StaffTickets",
    "Ticket",
    "TicketChanged",
    "TicketNotFound",
    "TicketQuery",
    "TicketRepository",
    "TicketStores",
    "customer_id_for",
    "format_number",
    "organisation_domain",
    "served_type",
    "stable_id",
]
