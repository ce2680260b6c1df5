"""Projects and tasks made from tickets and orders, with deadlines, statistics and the Jira Cloud sync."""
