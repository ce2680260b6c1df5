"""Time-limited server access from a ticket: short-lived OpenSSH certificates and hosting-panel accounts."""
