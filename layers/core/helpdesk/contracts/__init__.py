"""Typed input/output at the edges: API bodies, queue messages, state-machine payloads."""
