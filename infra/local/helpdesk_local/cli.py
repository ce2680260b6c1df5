"""`helpdesk` entry point: every module in helpdesk_local.commands adds its own subcommands."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from helpdesk_local import commands


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="helpdesk", description="Helpdesk: local stack and admin tools")
    sub = parser.add_subparsers(dest="command", required=True)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except Exception as error:
        problem = unreachable(error)
        if problem is None:
            raise
        action = getattr(args, f"{args.command}_command", None)  # e.g. `search reindex`
        print(f"helpdesk {' '.join(filter(None, [args.command, action]))}: {problem}", file=sys.stderr)
        return 2


def unreachable(error: BaseException) -> str | None:
    """One line for an AWS endpoint or stack the command could not reach (anywhere in the error's chain)."""
    from botocore.exceptions import ConnectionError, NoCredentialsError

    from helpdesk_local.running import START_HINT, StackUnreachable

    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, StackUnreachable):
            return str(seen)
        if isinstance(seen, ConnectionError):  # refused, timed out, closed: botocore says where
            return f"{seen}; {START_HINT}"
        if isinstance(seen, NoCredentialsError):
            return f"no AWS credentials (needed for --aws); for the local stack {START_HINT}"
        seen = seen.__cause__ or seen.__context__
    return None


if __name__ == "__main__":
    sys.exit(main())
