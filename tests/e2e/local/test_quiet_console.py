"""`helpdesk local up` shows the banner and notable events on its terminal; the functions' JSON logs and their
metrics (embedded metric format) go to stack.log in the state folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.local_process import LocalProcess

pytestmark = pytest.mark.e2e


def test_the_console_shows_the_banner_and_the_log_file_the_rest(tmp_path: Path) -> None:
    stack = LocalProcess(tmp_path, demo=True, verbose=False).start()
    log = tmp_path / "stack.log"
    try:
        # The demo mail goes through ingest after the banner: its INFO logs and metrics are the noise.
        stack.wait_for(lambda: log.is_file() and '"_aws"' in log.read_text(), timeout=90)
        stack.wait_for(lambda: '"level":"INFO"' in log.read_text(), timeout=30)
    finally:
        assert stack.stop() == 0
    console = stack.banner
    assert "Helpdesk is running locally" in console
    assert f"functions' logs and metrics: {log}" in console
    assert "stopping; local data is kept in" in console
    assert '"_aws"' not in console and '"level":"INFO"' not in console
    assert "No application metrics" not in console
    assert not (tmp_path / "stack.json").exists()  # a stopped stack is not found by the admin commands
