"""Runs `helpdesk local up` as a child process on free ports and talks to it as any client would."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
from helpdesk_local.emulator import free_port

from tests.support.patience import bound

ROOT = Path(__file__).resolve().parents[2]
READY_LINE = "Ctrl-C stops everything"  # the last line of the banner


class LocalProcess:
    def __init__(
        self,
        state_dir: Path,
        fresh: bool = True,
        demo: bool = True,
        env: dict[str, str] | None = None,
        extra_args: list[str] | None = None,
        verbose: bool = True,
        demo_reports: bool = False,
    ) -> None:
        self.state_dir, self.extra_env = state_dir, env or {}
        self.extra_args = extra_args or []
        self.http_port, self.smtp_port, self.emulator_port = free_port(), free_port(), free_port()
        self.fresh, self.demo = fresh, demo
        # The demo's month of report data costs about a minute of CPU at every start; the one test that reads
        # it writes it by command (`helpdesk local demo-reports`).
        self.demo_reports = demo_reports
        self.verbose = verbose  # the functions' logs on stdout too, for listeners and the run's artifacts
        self.output: list[str] = []
        self.listeners: list[Callable[[str], None]] = []  # called with each log line as it arrives
        self.proc: subprocess.Popen[str] | None = None

    def start(self, timeout: float = 90) -> LocalProcess:
        """Waits for the banner up to `timeout` seconds times the run's patience: a loaded 2-core run starts
        slower."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")} | self.extra_env
        env["PYTHONUNBUFFERED"] = "1"  # log lines as they happen, not when a pipe buffer fills
        self.proc = subprocess.Popen(
            self.command(),
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        return self._await_banner(bound(timeout))

    def command(self) -> list[str]:
        cmd = [
            sys.executable,
            "-m",
            "helpdesk_local.cli",
            "local",
            "up",
            "--port",
            str(self.http_port),
            "--smtp-port",
            str(self.smtp_port),
            "--emulator-port",
            str(self.emulator_port),
            "--state-dir",
            str(self.state_dir),
        ]
        cmd += ["--fresh"] if self.fresh else []
        cmd += [] if self.demo else ["--no-demo"]
        cmd += [] if self.demo_reports or not self.demo else ["--no-demo-reports"]
        cmd += ["--verbose"] if self.verbose else []
        return cmd + self.extra_args

    def _await_banner(self, timeout: float) -> LocalProcess:
        """Reads the log on a thread of its own from the first line, so the deadline holds even while the
        child prints nothing (a blocked readline() would never look at the clock) and its pipe never fills."""
        self._ready, self._ended = threading.Event(), threading.Event()
        threading.Thread(target=self._drain, daemon=True).start()
        deadline = time.monotonic() + timeout
        while not self._ready.is_set():
            if self._ended.is_set():
                assert self.proc is not None
                self.proc.wait()
                raise RuntimeError("local stack exited:\n" + "".join(self.output))
            if time.monotonic() >= deadline:
                self.kill()
                raise TimeoutError(f"local stack did not start in {timeout:g} s:\n" + "".join(self.output))
            self._ready.wait(min(0.2, max(0.0, deadline - time.monotonic())))
        return self

    def _drain(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        for line in self.proc.stdout:
            self.output.append(line)
            if line.startswith(READY_LINE):
                self._ready.set()
            for listener in self.listeners:
                listener(line)
        self._ended.set()

    def kill(self) -> None:
        """SIGKILL: what a crash or an OOM kill does; nothing is saved on the way out."""
        assert self.proc is not None
        self.proc.kill()
        self.proc.wait()

    def stop(self) -> int:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=bound(60))
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        return self.proc.returncode

    @property
    def banner(self) -> str:
        return "".join(self.output)

    def request(
        self, host: str, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=bound(30))
        data = json.dumps(body).encode() if body is not None and not isinstance(body, bytes) else body
        all_headers = {"Host": f"{host}.localhost:{self.http_port}", **(headers or {})}
        if data is not None:
            all_headers.setdefault("Content-Type", "application/json")
        conn.request(method, path, body=data, headers=all_headers)
        answer = conn.getresponse()
        return answer.status, dict(answer.getheaders()), answer.read()

    def json(self, host: str, method: str, path: str, body: Any = None, **headers: str) -> tuple[int, Any]:
        status, _, raw = self.request(host, method, path, body, headers)
        return status, json.loads(raw) if raw else None

    def client(self, service: str) -> Any:
        return boto3.client(
            service,
            region_name="eu-central-1",
            endpoint_url=f"http://127.0.0.1:{self.emulator_port}",
            aws_access_key_id="local",
            aws_secret_access_key="local",
        )

    def wait_for(self, predicate: Any, timeout: float = 30, every: float = 0.3) -> Any:
        deadline = time.monotonic() + bound(timeout)
        while time.monotonic() < deadline:
            value = predicate()
            if value:
                return value
            time.sleep(every)
        raise TimeoutError(f"condition not met in {bound(timeout):g}s")

    def tick(self, function: str, at: str | None = None) -> None:
        """One more tick of a scheduled function (its logical id) at the ISO time `at`, or now: what the next
        tick of its EventBridge schedule does on AWS, without waiting up to a whole period for it."""
        asked = {"at": at} if at else {}
        status, answer = self.json("schedules", "POST", f"/schedules/{function}/tick", asked)
        assert status == 202, answer

    def evaluate_alarms(self) -> None:
        """SQS metrics published and every alarm evaluated now: what CloudWatch's next minute does on AWS."""
        status, answer = self.json("schedules", "POST", "/alarms/evaluate")
        assert status == 202, answer

    def token(self, email: str, password: str = "Demo-pass-2026") -> str:
        """An id token for a demo user, as the sign-in page would get it."""
        idp = self.client("cognito-idp")
        pool = idp.list_user_pools(MaxResults=5)["UserPools"][0]["Id"]
        client = idp.list_user_pool_clients(UserPoolId=pool, MaxResults=5)["UserPoolClients"][0]["ClientId"]
        answer = idp.admin_initiate_auth(
            UserPoolId=pool,
            ClientId=client,
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": email, "PASSWORD": password},
        )
        return str(answer["AuthenticationResult"]["IdToken"])

    def api(self, site: str, method: str, path: str, token: str, body: Any = None) -> tuple[int, Any]:
        return self.json(site, method, f"/api{path}", body, Authorization=f"Bearer {token}")
