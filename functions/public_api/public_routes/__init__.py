"""The public api's routes, one module per business context."""
