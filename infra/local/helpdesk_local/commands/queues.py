"""`helpdesk queues`: depth, age and dead letters of every queue; redrive a dead-letter queue after a fix."""

from __future__ import annotations

import argparse

from helpdesk_local.running import add_target_arguments, connect


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("queues", help="queue depth, age, dead letters; redrive")
    add_target_arguments(parser)
    parser.add_argument("--stage", default="local")
    parser.add_argument("--show", metavar="QUEUE", help="print up to 10 waiting messages of a queue")
    parser.add_argument(
        "--redrive", metavar="DLQ", help="move a dead-letter queue's messages back to its source"
    )
    parser.set_defaults(handler=_queues)


def _queues(args: argparse.Namespace) -> int:
    import boto3
    from helpdesk.operations.adapters.sqs_monitor import SqsQueueAdmin
    from helpdesk.operations.services.queues import overview, redrive
    from helpdesk.settings import get_settings
    from rich.console import Console
    from rich.table import Table

    endpoint = connect(args)
    kwargs = {"endpoint_url": endpoint, "region_name": get_settings().region}
    admin = SqsQueueAdmin(boto3.client("sqs", **kwargs), boto3.client("cloudwatch", **kwargs))
    console = Console()
    if args.redrive:
        result = redrive(admin, args.redrive)
        console.print(f"moved {result.moved} messages back; {result.remaining} remain in {args.redrive}")
        return 0
    if args.show:
        for body in admin.peek(args.show, 10):
            console.print(body[:2000], markup=False, highlight=False)
        return 0
    table = Table("queue", "waiting", "in flight", "delayed", "oldest (s)", "state")
    for q in overview(admin, "helpdesk-"):
        if not q.name.endswith(args.stage):
            continue
        age = "-" if q.oldest_age_seconds is None else f"{q.oldest_age_seconds:.0f}"
        state = "[red]DEAD LETTERS[/red]" if not q.healthy else "ok"
        table.add_row(q.name, str(q.visible), str(q.in_flight), str(q.delayed), age, state)
    console.print(table)
    return 0
