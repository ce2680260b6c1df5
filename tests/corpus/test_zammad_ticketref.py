"""Real helpdesk subjects (zammad): "[Ticket#N]" references are found, nothing else is taken for one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpdesk.mail.ticketref import find_ticket_ref

pytestmark = pytest.mark.corpus


def test_ticket_references_in_real_subjects(corpus: Path) -> None:
    cases = json.loads((corpus / "zammad" / "expected.json").read_text(encoding="utf-8"))
    subjects = [c["subject"] for c in cases.values() if isinstance(c, dict) and c.get("subject")]
    assert len(subjects) > 20
    for subject in subjects:
        marked = re.search(r"\[Ticket#(\d+)\]", subject)
        assert find_ticket_ref(subject) == (f"Ticket#{marked.group(1)}" if marked else None), subject
