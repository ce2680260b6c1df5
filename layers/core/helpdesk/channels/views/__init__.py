"""The channels' published shapes, one module per edge, so a consumer loads only its own message."""
