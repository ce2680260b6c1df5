"""Entry-point helpers shared by the Chalice apps: error mapping, caller identity, JSON views."""
