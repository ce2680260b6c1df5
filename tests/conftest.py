"""Shared fixtures: repository paths, the public mail corpora, AWS credentials that never reach AWS."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpdesk_local.collector import collect_less_often, freeze_what_start_up_made

from tests.support.shared_models import share_across_sessions

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("HELPDESK_CORPUS", ROOT.parent / "shared" / "corpus"))

# No test may ever talk to real AWS.
for _key, _value in {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "eu-central-1",
    "AWS_REGION": "eu-central-1",
}.items():
    os.environ[_key] = _value


def pytest_configure(config: pytest.Config) -> None:
    """In-process moto (`mock_aws`) undoes a cancelled transaction as the local stack's emulator does: by the
    items it names, not by copies of whole tables (helpdesk_local/emulator_transactions.py)."""
    from helpdesk_local.emulator_transactions import back_up_named_items_only

    back_up_named_items_only()
    share_across_sessions()
    collect_less_often()  # in-process tests build and drop whole moto backends (helpdesk_local/collector.py)


def pytest_collection_finish(session: pytest.Session) -> None:
    """What collection imported lives for the whole run: out of the collector's way from here on."""
    freeze_what_start_up_made()


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


CORPUS_MISSING = (
    f"!!! CORPUS TESTS SKIPPED: no public mail corpus at {CORPUS}; put it at ../shared/corpus"
    " or set HELPDESK_CORPUS=DIR (README, Tests) !!!"
)


@pytest.fixture(scope="session")
def corpus(request: pytest.FixtureRequest) -> Path:
    if not CORPUS.is_dir():
        if corpus_was_asked_for(request.config):
            pytest.fail(f"no public mail corpus at {CORPUS}, yet HELPDESK_CORPUS or `-m corpus` asked for it")
        pytest.skip(CORPUS_MISSING)
    return CORPUS


def corpus_was_asked_for(config: pytest.Config) -> bool:
    """Asked for by name: then a missing corpus is a failure, not a skip that looks like a pass."""
    marks = str(config.getoption("markexpr", "") or "")
    return "HELPDESK_CORPUS" in os.environ or ("corpus" in marks and "not corpus" not in marks)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Said once more at the very end, where a reader of a green run looks."""
    skipped = terminalreporter.stats.get("skipped", [])
    if any(CORPUS_MISSING in str(getattr(report, "longrepr", "")) for report in skipped):
        terminalreporter.write_sep("!", "corpus tests skipped", red=True, bold=True)
        terminalreporter.write_line(CORPUS_MISSING, red=True, bold=True)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def shared_chromium() -> Iterator[Any]:
    """One Playwright and one Chromium per test process: page tests and end-to-end browser tests may share a
    worker, and a second sync Playwright in a thread refuses to start ("Sync API inside the asyncio loop")."""
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"!!! BROWSER TESTS SKIPPED: no Chromium at {CHROMIUM}; `apt-get install -y chromium` as root !!!"
        )
    from playwright.sync_api import expect, sync_playwright

    from tests.support.patience import BROWSER_ACTION_MS, BROWSER_EXPECT_MS

    expect.set_options(timeout=BROWSER_EXPECT_MS)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield PatientBrowser(launched, BROWSER_ACTION_MS)
        launched.close()


class PatientBrowser:
    """The launched Chromium; each new context waits for states as long as `tests.support.patience` says."""

    def __init__(self, browser: Any, timeout_ms: float) -> None:
        self._browser, self._timeout_ms = browser, timeout_ms

    def new_context(self, **options: Any) -> Any:
        context = self._browser.new_context(**options)
        context.set_default_timeout(self._timeout_ms)
        return context

    def new_page(self, **options: Any) -> Any:
        page = self._browser.new_page(**options)
        page.context.set_default_timeout(self._timeout_ms)
        return page

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)


class OneTestsBrowser:
    """The shared Chromium as one test sees it: every context the test opened is closed when it ends. A page
    left open keeps polling the local stack (live inbox, presence, chats) for the rest of the run; late in a
    run dozens of them kept the stack's HTTP threads busy until a page load waited out its 90 s."""

    def __init__(self, browser: PatientBrowser) -> None:
        self._browser = browser
        self._contexts: list[Any] = []

    def new_context(self, **options: Any) -> Any:
        self._contexts.append(self._browser.new_context(**options))
        return self._contexts[-1]

    def new_page(self, **options: Any) -> Any:
        page = self._browser.new_page(**options)
        self._contexts.append(page.context)
        return page

    def close_all(self) -> None:
        for context in self._contexts:
            try:
                context.close()
            except Exception:  # noqa: BLE001 - closed by the test already, or the browser went away
                pass
        self._contexts.clear()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)


@pytest.fixture
def chromium(shared_chromium: PatientBrowser) -> Iterator[OneTestsBrowser]:
    browser = OneTestsBrowser(shared_chromium)
    yield browser
    browser.close_all()
