"""Shared by the channel flows, agent side: wait for the ticket a chat opened, open it in a console."""

from __future__ import annotations

from typing import Any

from tests.e2e.commerce.test_commerce_browser import sign_in
from tests.e2e.tickets.test_issue6_flow_browser import Pages
from tests.support.local_process import LocalProcess

AGENT = "anna@helpdesk.localhost"


def ticket_with(local: LocalProcess, staff: str, word: str, messages: int) -> dict:
    """The ticket whose subject has `word`, once it holds `messages` messages."""

    def found() -> dict | None:
        _, page = local.api("console", "GET", "/tickets?limit=100", staff)
        ticket = next((t for t in page["items"] if word in t["subject"]), None)
        if (
            ticket
            and len(local.api("console", "GET", f"/tickets/{ticket['id']}", staff)[1]["messages"]) == messages
        ):
            return ticket
        return None

    return dict(local.wait_for(found, timeout=60))


def agent_opens(chromium: Any, local: LocalProcess, ticket_id: str) -> tuple[Pages, Any]:
    pages = Pages(chromium, local)
    console = pages.open("console", f"/tickets/{ticket_id}")
    sign_in(console, AGENT)
    return pages, console
