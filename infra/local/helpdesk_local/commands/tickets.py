"""`helpdesk tickets backfill-organisations`: one-off upgrade step for the cabinet's organisation lists."""

from __future__ import annotations

import argparse

from helpdesk_local.running import add_target_arguments, connect


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("tickets", help="maintenance of the tickets table")
    actions = parser.add_subparsers(dest="tickets_command", required=True)
    backfill = actions.add_parser(
        "backfill-organisations",
        help="put tickets stored before organisation lists existed into their organisation's list",
    )
    add_target_arguments(backfill)
    backfill.set_defaults(handler=run_backfill)


def run_backfill(args: argparse.Namespace) -> int:
    from helpdesk.bootstrap import container
    from helpdesk.tickets.services.customer_registry import backfill_organisation_lists

    connect(args)

    print(f"{backfill_organisation_lists(container().ticket_stores.tickets)} tickets saved")
    return 0
