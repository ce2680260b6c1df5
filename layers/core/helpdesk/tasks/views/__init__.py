"""Typed shapes at the edges of the tasks context."""
