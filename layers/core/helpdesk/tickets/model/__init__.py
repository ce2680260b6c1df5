"""Tickets: the conversation with a customer, its messages, customers, organisations, assignment and
threading."""
