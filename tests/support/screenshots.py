"""Where browser tests put their screenshots: tests/.artifacts/screenshots, or the committed docs/screenshots
when HELPDESK_SCREENSHOTS=1 (`make screenshots`), so an ordinary test run leaves the work tree clean."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = bool(os.environ.get("HELPDESK_SCREENSHOTS"))
SHOTS = ROOT / ("docs/screenshots" if COMMITTED else "tests/.artifacts/screenshots")
