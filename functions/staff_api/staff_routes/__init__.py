"""The staff API's routes, one module per business context."""
