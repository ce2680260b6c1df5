"""`helpdesk local up`: the whole product on this machine."""

from __future__ import annotations

import argparse
import faulthandler
import logging
import os
import signal
import sys
import threading
from pathlib import Path

from helpdesk_local.collector import collect_less_often, freeze_what_start_up_made
from helpdesk_local.running import add_target_arguments, connect


def register(sub: argparse._SubParsersAction) -> None:
    local = sub.add_parser("local", help="the local stack").add_subparsers(dest="action", required=True)
    up = local.add_parser("up", help="start everything with demo data; Ctrl-C stops it")
    up.add_argument("--fresh", action="store_true", help="start from empty local data")
    up.add_argument("--port", type=int, default=8080, help="HTTP port of every site and API (default 8080)")
    up.add_argument("--smtp-port", type=int, default=2525)
    up.add_argument("--emulator-port", type=int, default=4566)
    up.add_argument("--no-demo", action="store_true")
    up.add_argument(
        "--no-demo-reports",
        action="store_true",
        help="demo data without its month of report activity (`helpdesk local demo-reports` adds it later)",
    )
    up.add_argument("--state-dir", type=Path, default=None, help="where local data is kept (default .local/)")
    up.add_argument(
        "--alarm-time-scale",
        type=float,
        default=1.0,
        help="evaluate alarms N times faster: periods and age thresholds divided by N (default 1, as on AWS)",
    )
    up.add_argument(
        "--concurrency",
        type=int,
        default=None,
        help="at most N concurrent batches per queue-driven function, where its event allows more"
        " (ScalingConfig.MaximumConcurrency); default: the number of cores",
    )
    up.add_argument(
        "--verbose",
        action="store_true",
        help="print the functions' logs and metrics here too (default: only into <state folder>/stack.log)",
    )
    up.set_defaults(handler=_up)
    reports = local.add_parser("demo-reports", help="write the demo's month of report activity into a stack")
    add_target_arguments(reports)
    reports.set_defaults(handler=_demo_reports)


def _demo_reports(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from helpdesk_local.demo_reports import load_demo_reports

    connect(args)
    load_demo_reports(datetime.now(UTC).date())
    print("demo report month written; the reports catch up through the table's stream")
    return 0


STOP_DEADLINE_SECONDS = 90


def _up(args: argparse.Namespace) -> int:
    from helpdesk_local.console import LOG_FILE, keep_output_in
    from helpdesk_local.running import default_state_dir
    from helpdesk_local.stack import LocalConfig, LocalStack

    state = args.state_dir or default_state_dir()
    terminal = sys.stdout if args.verbose else keep_output_in(state)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    config = LocalConfig(
        fresh=args.fresh,
        http_port=args.port,
        smtp_port=args.smtp_port,
        emulator_port=args.emulator_port,
        demo=not args.no_demo,
        demo_reports=not args.no_demo_reports,
        state_dir=args.state_dir,
        alarm_time_scale=args.alarm_time_scale,
        **({"concurrency": args.concurrency} if args.concurrency else {}),
    )
    # Asked before the start: a Ctrl-C while the stack starts then stops it once started, instead of raising
    # in the middle of the start and leaving its threads to keep the process from exiting.
    stopped = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    collect_less_often()
    try:
        stack = LocalStack(config).start()
    except Exception:
        logging.getLogger("helpdesk.local").exception("the local stack did not start")
        return 1
    freeze_what_start_up_made()
    print(describe(stack, None if args.verbose else state / LOG_FILE), file=terminal, flush=True)
    # A signal may land on any thread; Python runs its handler only when the main thread next runs, and a
    # wait without a timeout can sleep through it (the stop that hung under load): wake every second to look.
    while not stopped.wait(1.0):
        pass
    print(f"\nstopping; local data is kept in {state} (--fresh starts clean)", file=terminal, flush=True)
    # Every part of the stop has its own deadline (about 50 s in all); should one still hang, the threads'
    # stacks go to stderr and the process ends: acknowledged writes are already on disk.
    faulthandler.dump_traceback_later(STOP_DEADLINE_SECONDS, exit=True)
    stack.stop()
    faulthandler.cancel_dump_traceback_later()
    exit_now(0)
    return 0


def exit_now(code: int) -> None:
    """The state is on disk once stop() returns; a thread a function or a server left behind (an executor's
    worker, a mail server loop that did not stop in its 5 s) must not keep the process from exiting."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(code)


def describe(stack, log_file: Path | None = None) -> str:  # type: ignore[no-untyped-def]
    lines = [
        f"Helpdesk is running locally (started in {stack.startup_seconds:.1f}s)",
        "",
        f"  storefront       {stack.url('shop')}",
        f"  staff console    {stack.url('console')}",
        f"  customer cabinet {stack.url('cabinet')}",
        f"  sign-in          {stack.url('auth')}",
        f"  payment page     {stack.url('pay')} (stands in for Stripe Checkout)",
        f"  APIs             {stack.url('api')}/staff/health, /cabinet/..., /public/...",
        f"  mail viewer      {stack.url('mail')}",
        f"  SMTP (inbound)   127.0.0.1:{stack.smtp_port}  -> {stack.env('SUPPORT_ADDRESS')}",
        f"  AWS emulator     {stack.emulator.public_endpoint}",
        f"  HTTP port        {stack.http_port}",
        "",
        "  demo logins:",
    ]
    lines += [
        f"    {d['email']:32} {d['password']}  ({d['role']})" for d in getattr(stack, "demo_logins", [])
    ]
    if log_file is not None:
        lines.append(f"\n  functions' logs and metrics: {log_file}")
    lines.append("\nCtrl-C stops everything.")
    return "\n".join(lines)
