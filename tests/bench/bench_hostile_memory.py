"""The local stack's memory and saved state under hostile mail: big attachments, thousands of parts, deep nesting.

Run: `pytest tests/bench/bench_hostile_memory.py -m bench -s`. HELPDESK_HOSTILE_MAILS (default 40) changes the run.
Results go to docs/performance.md, section "The local stack under hostile mail".
"""

from __future__ import annotations

import base64
import os
import smtplib
import time
from pathlib import Path

import pytest

from tests.bench.local_mail import SUPPORT, env_int, machine_load, queue_depth
from tests.bench.report import write_section
from tests.support.local_process import LocalProcess

pytestmark = pytest.mark.bench
MAILS = env_int("HELPDESK_HOSTILE_MAILS", 40)
TITLE = "The local stack under hostile mail"


def _head(n: int, kind: str, boundary: str) -> str:
    return (
        f"From: h{n}@hostile.test\r\nTo: {SUPPORT}\r\nSubject: hostile {kind} {n}\r\n"
        f"Message-ID: <hostile{n}@hostile.test>\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: multipart/mixed; boundary="{boundary}"\r\n\r\n'
    )


def _attachment(name: str, payload: bytes) -> str:
    encoded = base64.encodebytes(payload).decode().replace("\n", "\r\n")
    return (
        f"Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
        f'Content-Disposition: attachment; filename="{name}"\r\n\r\n{encoded}'
    )


def hostile_mail(n: int) -> bytes:
    """Three shapes in turn: one 24 MB attachment, 1,500 attachments of 8 KB, multiparts nested 40 deep."""
    kind = ("big", "parts", "deep")[n % 3]
    if kind == "big":
        body = f"--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--b\r\n{_attachment('big.bin', os.urandom(24 << 20))}\r\n--b--\r\n"
        return (_head(n, kind, "b") + body).encode()
    if kind == "parts":
        parts = "".join(f"--b\r\n{_attachment(f'p{i}.bin', os.urandom(8 << 10))}\r\n" for i in range(1500))
        return (_head(n, kind, "b") + parts + "--b--\r\n").encode()
    inner = "Content-Type: text/plain\r\n\r\ndeep\r\n"
    for depth in range(40):
        inner = f'Content-Type: multipart/mixed; boundary="d{depth}"\r\n\r\n--d{depth}\r\n{inner}\r\n--d{depth}--\r\n'
    return (_head(n, kind, "b") + f"--b\r\n{inner}\r\n--b--\r\n").encode()


def memory_kib(pid: int) -> dict[str, int]:
    """Resident now and at its peak (VmHWM), of the stack's process and, summed, of its children."""

    def status(p: int) -> dict[str, int]:
        fields = dict(line.split(":", 1) for line in Path(f"/proc/{p}/status").read_text().splitlines())
        return {k: int(fields[k].split()[0]) for k in ("VmRSS", "VmHWM")}

    own = status(pid)
    tasks = Path(f"/proc/{pid}/task").iterdir()  # children started by any thread
    children = [c for t in tasks for c in _read(t / "children").split()]
    own["children_rss"] = sum(status(int(c))["VmRSS"] for c in children if _read(Path(f"/proc/{c}/status")))
    return own


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:  # the thread or process ended meanwhile
        return ""


def test_hostile_mail_keeps_the_stack_small(tmp_path: Path) -> None:
    state = tmp_path / "state"
    stack = LocalProcess(state, demo=False).start()
    assert stack.proc is not None
    pid = stack.proc.pid
    try:
        load_before = machine_load()
        started = time.monotonic()
        peak = 0
        with smtplib.SMTP("127.0.0.1", stack.smtp_port, timeout=300) as smtp:
            for n in range(MAILS):
                assert not smtp.sendmail(f"h{n}@hostile.test", [SUPPORT], hostile_mail(n))
                peak = max(peak, memory_kib(pid)["VmRSS"])
        accepted = time.monotonic() - started
        stack.wait_for(lambda: queue_depth(stack) == 0, timeout=1800, every=2)
        drained = time.monotonic() - started
        after = memory_kib(pid)
    except BaseException:
        stack.kill()
        raise
    assert stack.stop() == 0
    saved = sum(f.stat().st_size for f in state.rglob("*") if f.is_file() and "search" not in f.parts)
    rows = {
        "hostile mails (24 MB attachment / 1,500 parts / 40-deep nesting, in turn)": f"{MAILS}",
        "accepted over SMTP / drained": f"{accepted:.0f} s / {drained:.0f} s",
        "stack process resident at the end / its peak (VmHWM)": f"{after['VmRSS'] / 1024:.0f} / {after['VmHWM'] / 1024:.0f} MB",
        "execution environments (child processes) resident at the end": f"{after['children_rss'] / 1024:.0f} MB",
        "local state on disk after a graceful stop (search index excluded)": f"{saved / 1e6:.0f} MB",
    }
    table = "| what | value |\n| --- | --- |\n" + "".join(f"| {k} | {v} |\n" for k, v in rows.items())
    print(table)
    intro = (
        "Measured by `pytest tests/bench/bench_hostile_memory.py -m bench -s` (HELPDESK_HOSTILE_MAILS) through "
        "`helpdesk local up --fresh --no-demo` in its own process, one SMTP connection.\n\n"
        f"Machine: 2 cores shared with other sessions; {load_before} at the start, {machine_load()} at the end."
    )
    write_section(TITLE, f"{intro}\n\n{table}")
