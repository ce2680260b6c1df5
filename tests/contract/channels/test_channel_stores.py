"""The channel stores' contract: forms, held submissions (paged, newest first), links and tokens, chats."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpdesk.channels.model.chat import Chat, ChatMode, ChatSide
from helpdesk.channels.model.submission import HeldStatus, HeldSubmission, Submission
from helpdesk.channels.ports import ChannelLink

from tests.support.channels import QUOTE
from tests.support.tickets import T0

pytestmark = pytest.mark.contract


def test_a_form_reads_back_as_saved_and_an_unknown_one_is_none(channel_stores):
    channel_stores.forms.save(QUOTE)
    assert channel_stores.forms.get("quote") == QUOTE and channel_stores.forms.get("nope") is None


def test_held_submissions_page_newest_first_and_leave_the_list_when_decided(channel_stores):
    held = channel_stores.held
    for n in range(5):
        submission = Submission(f"F-{n}", "quote", {"email": f"x{n}@t.test"}, T0 + timedelta(minutes=n), "c")
        held.put(HeldSubmission(submission, (f"reason {n}",)))
    first = held.list(HeldStatus.HELD, 3)
    second = held.list(HeldStatus.HELD, 3, first.cursor)
    assert [h.reference for h in first.items + second.items] == ["F-4", "F-3", "F-2", "F-1", "F-0"]
    assert second.cursor is None and first.items[0].reasons == ("reason 4",)
    held.set_status("F-4", HeldStatus.RELEASED)
    assert held.get("F-4").status is HeldStatus.RELEASED
    assert [h.reference for h in held.list(HeldStatus.HELD, 10).items] == ["F-3", "F-2", "F-1", "F-0"]


def test_a_link_token_is_redeemed_once_and_not_after_it_expires(channel_stores):
    links = channel_stores.links
    links.issue("t1", "olga@acme.test", T0 + timedelta(minutes=30))
    links.issue("t2", "olga@acme.test", T0 + timedelta(minutes=30))
    assert links.redeem("t1", T0) == "olga@acme.test" and links.redeem("t1", T0) is None
    assert links.redeem("t2", T0 + timedelta(hours=1)) is None and links.redeem("nope", T0) is None
    link = ChannelLink("telegram", "demo", 77, "olga@acme.test")
    links.link(link)
    assert (
        links.by_chat("telegram", "demo", 77) == link and links.by_email("telegram", "Olga@Acme.test") == link
    )
    assert links.by_chat("telegram", "demo", 78) is None and links.last_message("telegram", "demo", 77) == ""
    links.remember_message("telegram", "demo", 77, "demo-77-5")
    assert links.last_message("telegram", "demo", 77) == "demo-77-5"


def test_chat_lines_number_in_order_and_read_after_a_seq(channel_stores):
    chats = channel_stores.chats
    chats.start(Chat("C1", "Vera", "vera@t.test", T0, ChatMode.LIVE))
    chats.start(Chat("C2", "Ivo", "ivo@t.test", T0 + timedelta(minutes=1), ChatMode.MAIL))
    lines = [chats.add("C1", ChatSide.VISITOR, "Vera", f"line {n}", T0) for n in range(3)]
    assert [x.seq for x in lines] == [1, 2, 3]
    assert [x.text for x in chats.since("C1", 1)] == ["line 1", "line 2"]
    assert [c.id for c in chats.live(10)] == ["C1"] and chats.get("C3") is None
    chats.beat("Anna@helpdesk.test", T0)
    assert chats.beats() == {"anna@helpdesk.test": T0}
