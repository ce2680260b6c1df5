"""The stack's terminal shows the banner and one line per notable event; everything the functions print (their
JSON logs, the metrics in embedded metric format) goes to a log file in the state folder instead."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TextIO

LOG_FILE = "stack.log"


def keep_output_in(folder: Path) -> TextIO:
    """Point this process's (and its future children's) stdout and stderr at folder/stack.log; returns the
    terminal they were, where the stack's warnings and errors still get one line each."""
    folder.mkdir(parents=True, exist_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    terminal = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1, encoding="utf-8", errors="replace")
    log = os.open(folder / LOG_FILE, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(log, sys.stdout.fileno())
    os.dup2(log, sys.stderr.fileno())
    os.close(log)
    notable = logging.StreamHandler(terminal)
    notable.setLevel(logging.WARNING)
    notable.setFormatter(OneLine(datefmt="%H:%M:%S"))
    logging.getLogger("helpdesk.local").addHandler(notable)
    return terminal


class OneLine(logging.Formatter):
    """The event and its error in one line; the traceback is in the log file."""

    def format(self, record: logging.LogRecord) -> str:
        error = f": {record.exc_info[1]!r}" if record.exc_info and record.exc_info[1] else ""
        stamp = self.formatTime(record, self.datefmt)
        return f"{stamp} {record.getMessage()}{error} (details in {LOG_FILE})"
