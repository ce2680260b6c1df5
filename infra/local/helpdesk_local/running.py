"""Where a running local stack is: `helpdesk local up` records its ports and settings in its state folder,
and the admin commands (`helpdesk queues`, `search`, `tickets`) read them there, whatever its ports are."""

from __future__ import annotations

import argparse
import json
import os
import socket
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[3]
RECORD = "stack.json"
START_HINT = "start it with `make run` (or `helpdesk local up`), or pass --state-dir DIR of the running stack"


def default_state_dir() -> Path:
    return ROOT / ".local"


class StackUnreachable(Exception):
    """No local stack answers where the command looked; the message says what to do, in one line."""


@dataclass(frozen=True)
class RunningStack:
    pid: int
    http_port: int
    smtp_port: int
    endpoint: str  # the AWS emulator
    environment: dict[str, str]  # the functions' settings (names and URLs, never secret values)


def record_stack(state_dir: Path, stack: RunningStack) -> None:
    state_dir.mkdir(parents=True, exist_ok=True)
    path = state_dir / RECORD
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(stack), indent=2))
    tmp.replace(path)


def forget_stack(state_dir: Path, pid: int) -> None:
    """Remove the record if it is this process's (a second stack on the same folder may have replaced it)."""
    path = state_dir / RECORD
    try:
        if json.loads(path.read_text()).get("pid") == pid:
            path.unlink()
    except (OSError, ValueError):
        pass


def read_record(state_dir: Path | None = None) -> RunningStack:
    """The stack last started from this folder, running or not."""
    folder = state_dir or default_state_dir()
    path = folder / RECORD
    try:
        return RunningStack(**json.loads(path.read_text()))
    except FileNotFoundError:
        raise StackUnreachable(f"no local stack is running from {folder}; {START_HINT}") from None
    except (OSError, ValueError, TypeError) as error:
        raise StackUnreachable(f"cannot read {path} ({error}); {START_HINT}") from None


def find_stack(state_dir: Path | None = None) -> RunningStack:
    """The stack running from this folder (its emulator answers), or StackUnreachable."""
    stack = read_record(state_dir)
    path = (state_dir or default_state_dir()) / RECORD
    if not answers(stack.endpoint):
        raise StackUnreachable(
            f"the local stack recorded in {path} (emulator {stack.endpoint}) is not running; {START_HINT}"
        )
    return stack


def answers(endpoint: str, timeout: float = 1.0) -> bool:
    parts = urlsplit(endpoint)
    if not parts.hostname:
        return False
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return True
    except OSError:
        return False


def use_stack(stack: RunningStack) -> None:
    """Talk to this stack from now on: its settings and emulator, unless the environment says otherwise."""
    for name, value in {**stack.environment, "AWS_ENDPOINT_URL": stack.endpoint}.items():
        os.environ.setdefault(name, value)
    _use_emulator_credentials()
    _reset_settings()


def _use_emulator_credentials() -> None:
    """The emulator takes any key; without one boto3 would not even sign the request."""
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "local")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "local")


def _reset_settings() -> None:
    from helpdesk import bootstrap, settings

    settings.get_settings.cache_clear()
    bootstrap.container.cache_clear()


def add_target_arguments(parser: argparse.ArgumentParser) -> None:
    """Which AWS an admin command talks to: the local stack (found by its state folder), an endpoint, AWS."""
    parser.add_argument(
        "--state-dir", type=Path, help="the state folder of the local stack to talk to (default .local/)"
    )
    parser.add_argument(
        "--endpoint", help="this AWS endpoint instead of the local stack (settings from the environment)"
    )
    parser.add_argument(
        "--aws", action="store_true", help="real AWS with your credentials (settings from the environment)"
    )


def connect(args: argparse.Namespace) -> str | None:
    """Point this process at the command's target; returns its endpoint (None: real AWS)."""
    if args.aws:
        os.environ.pop("AWS_ENDPOINT_URL", None)
        _reset_settings()
        return None
    endpoint = args.endpoint or os.environ.get("AWS_ENDPOINT_URL")
    if endpoint:
        if not answers(endpoint):
            raise StackUnreachable(
                f"nothing answers at {endpoint}; start the local stack (`make run`), pass the --endpoint"
                " it prints as `AWS emulator`, or --aws for real AWS"
            )
        os.environ["AWS_ENDPOINT_URL"] = endpoint
        _use_emulator_credentials()
        _reset_settings()
        return endpoint
    stack = find_stack(args.state_dir)
    use_stack(stack)
    return stack.endpoint


def use_index_of(args: argparse.Namespace) -> None:
    """The local search index is a folder: the one of the stack's state folder, whether it runs or not."""
    if args.aws or args.endpoint:
        return
    try:
        use_stack(read_record(args.state_dir))
    except StackUnreachable:
        folder = args.state_dir or default_state_dir()
        os.environ.setdefault("SEARCH_INDEX_DIR", str(folder / "search"))
        _reset_settings()
