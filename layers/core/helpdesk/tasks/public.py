"""What other contexts may use of tasks: they import it from here, never from its inner modules."""

from __future__ import annotations

from helpdesk.tasks.model.jira import sign as sign_webhook
from helpdesk.tasks.model.working_days import EveryDay, WorkingDays
from helpdesk.tasks.services.deadlines import Deadlines
from helpdesk.tasks.services.desk import JiraWebhooks, TaskDesk
from helpdesk.tasks.services.done_mails import TaskDoneMails
from helpdesk.tasks.services.jira_sync import JiraSync

__all__ = [
    "Deadlines",
    "EveryDay",
    "JiraSync",
    "JiraWebhooks",
    "TaskDesk",
    "TaskDoneMails",
    "WorkingDays",
    "sign_webhook",
]
