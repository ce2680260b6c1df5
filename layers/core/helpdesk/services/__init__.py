"""Use cases, one module per context."""
