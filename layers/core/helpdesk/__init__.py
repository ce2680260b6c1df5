"""Helpdesk domain package: domain, services, ports, adapters, contracts."""
