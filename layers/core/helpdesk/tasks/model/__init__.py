"""Entities and rules of projects and tasks: pure Python."""
