"""How long a test may wait for a state before it calls the state missing.

Every wait in the browser and end-to-end suites is for a state, never for time; these are only the upper
bounds after which a missing state is a failure. On a 2-core CI machine under load the same steps can take
several times as long as on an idle one, so every bound is the written one times `HELPDESK_TEST_PATIENCE`
(default 3): a passing test never waits a bound out, and a failing one still fails, only later.
"""

from __future__ import annotations

import os

PATIENCE = max(1.0, float(os.environ.get("HELPDESK_TEST_PATIENCE", "3")))

BROWSER_ACTION_MS = 30_000 * PATIENCE  # Playwright's own default, scaled
BROWSER_EXPECT_MS = 5_000 * PATIENCE


def bound(seconds: float) -> float:
    return seconds * PATIENCE
