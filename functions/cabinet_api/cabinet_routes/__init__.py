"""The cabinet api's routes, one module per business context."""
