"""Use cases on projects and tasks."""
