"""The admin's desk set-up in memory: teams feed a mailbox's round robin, the rule is configurable,
and a deactivated member leaves every rotation."""

from __future__ import annotations

import pytest
from helpdesk.identity.model import Principal, Role, StaffMember
from helpdesk.identity.services.staff_admin import SelfLockout, StaffAdmin
from helpdesk.kernel.errors import Invalid
from helpdesk.tickets.model.assignment import AssignmentRule
from helpdesk.tickets.services.desk_setup import DeskSetup, TeamNotFound

from tests.fakes.identity.staff_directory import MemoryStaffDirectory
from tests.fakes.tickets.memory_tickets import MemoryTeams
from tests.support.tickets import MailSpec, Wired, wire

ADA = Principal("sub-ada", "ada@desk.test", frozenset({Role.ADMIN}))


def desk(w: Wired) -> DeskSetup:
    accounts = MemoryStaffDirectory(
        [
            StaffMember("ada@desk.test", "Ada", (Role.ADMIN,)),
            StaffMember("ann", "Ann", (Role.MANAGER,)),
            StaffMember("bob", "Bob", (Role.MANAGER,)),
            StaffMember("cyd", "Cyd", (Role.MANAGER,)),
        ]
    )
    return DeskSetup(StaffAdmin(accounts), MemoryTeams(), w.stores.mailboxes)


def assignees(w: Wired, first: int, count: int) -> list[str | None]:
    results = [
        w.deliver(MailSpec(sender=f"c{n}@x.test", message_id=f"{n}@x.test"))
        for n in range(first, first + count)
    ]
    return [w.stores.tickets.find(r.ticket_id).assignee for r in results]  # type: ignore[union-attr]


def test_a_mailbox_rotates_over_its_team_and_follows_changes_of_the_team() -> None:
    w = wire()
    setup = desk(w)
    setup.save_team("Support", ["ANN", "bob"])  # the pool's spelling is kept
    box = setup.configure_mailbox("support", "Support", AssignmentRule.ROUND_ROBIN, sticky=True)
    assert box.available == ("ann", "bob")
    assert sorted(assignees(w, 0, 2)) == ["ann", "bob"]
    setup.save_team("Support", ["cyd"])
    assert assignees(w, 2, 2) == ["cyd", "cyd"]


def test_manual_mailboxes_leave_new_tickets_unassigned_and_non_sticky_ones_keep_rotating() -> None:
    w = wire()
    setup = desk(w)
    setup.save_team("Support", ["ann", "bob"])
    setup.configure_mailbox("support", "Support", AssignmentRule.MANUAL, sticky=True)
    assert assignees(w, 0, 2) == [None, None]
    setup.configure_mailbox("support", "Support", AssignmentRule.ROUND_ROBIN, sticky=False)
    first = assignees(w, 2, 1)[0]
    follow = w.deliver(MailSpec(sender="c2@x.test", message_id="f@x.test", in_reply_to=["2@x.test"]))
    again = w.deliver(MailSpec(sender="c9@x.test", message_id="9@x.test"))
    assert w.stores.tickets.find(follow.ticket_id).assignee == first  # type: ignore[union-attr]  # same ticket
    assert w.stores.tickets.find(again.ticket_id).assignee not in (None, first)  # type: ignore[union-attr]


def test_deactivating_a_member_takes_them_out_of_every_team_and_rotation() -> None:
    w = wire()
    setup = desk(w)
    setup.save_team("Support", ["ann", "bob"])
    setup.save_team("Sales", ["bob"])
    setup.configure_mailbox("support", "Support", AssignmentRule.ROUND_ROBIN, sticky=True)
    member = setup.change_staff(ADA, "bob", None, active=False)
    assert not member.active
    assert [t.members for t in setup.teams()] == [(), ("ann",)]
    assert setup.mailboxes()[0].available == ("ann",)
    with pytest.raises(Invalid, match="not active staff: bob"):
        setup.save_team("Support", ["ann", "bob"])


def test_refusals_unknown_team_strangers_and_locking_oneself_out() -> None:
    setup = desk(wire())
    with pytest.raises(TeamNotFound):
        setup.configure_mailbox("support", "Nobody", AssignmentRule.ROUND_ROBIN, sticky=True)
    with pytest.raises(Invalid):
        setup.save_team("Support", ["stranger@else.test"])
    with pytest.raises(Invalid):
        setup.configure_mailbox("a@b", None, AssignmentRule.MANUAL, sticky=True)
    with pytest.raises(SelfLockout):
        setup.change_staff(ADA, "ada@desk.test", None, active=False)
    with pytest.raises(SelfLockout):
        setup.change_staff(ADA, "ADA@desk.test", ["manager"], None)
    with pytest.raises(Invalid):
        setup.staff.invite("new@desk.test", "New", ["customer"])
