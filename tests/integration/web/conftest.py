"""Page tests of web/ in a real headless Chromium against the stub front (tests/support/web_stub.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from tests.support.screenshots import SHOTS
from tests.support.web_cabinet_fixtures import CabinetApi
from tests.support.web_console_fixtures import NOW, ConsoleApi
from tests.support.web_license_fixtures import LicenseConsoleApi
from tests.support.web_shop_fixtures import ShopApi
from tests.support.web_stub import WebStub, serving, stub_jwt

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}
BROWSER_NOW = NOW + timedelta(hours=6)


@pytest.fixture(scope="session")
def browser(shared_chromium: Any) -> Any:
    return shared_chromium


class Apis:
    def __init__(self) -> None:
        self.console, self.cabinet, self.shop = ConsoleApi(), CabinetApi(), ShopApi()
        self.licenses = LicenseConsoleApi()


@pytest.fixture
def apis() -> Apis:
    return Apis()


@pytest.fixture
def stub(apis: Apis) -> Iterator[WebStub]:
    front = WebStub()
    apis.console.install(front)
    apis.licenses.install(front)
    apis.cabinet.install(front)
    apis.shop.install(front)
    with serving(front):
        yield front


# Counts every fetch until its answer and its body are read; each count drops a task later, so the page's own
# continuation (reading the body, rendering it) is queued before the count reaches zero.
COUNT_PENDING_FETCHES = """(() => {
  let pending = 0;
  const later = () => setTimeout(() => { pending--; }, 0);
  const counted = (promise) => { pending++; promise.then(later, later); return promise; };
  const fetch = window.fetch;
  window.fetch = (...args) => counted(fetch(...args));
  for (const name of ["text", "json", "blob", "arrayBuffer"]) {
    const read = Response.prototype[name];
    Response.prototype[name] = function (...args) { return counted(read.apply(this, args)); };
  }
  Object.defineProperty(window, "__pendingFetches", { get: () => pending });
})()"""
SETTLED = """() => window.__pendingFetches === 0 && document.fonts.status === "loaded"
  && document.getAnimations().every((a) => a.playState !== "running"
    || a.effect.getComputedTiming().iterations === Infinity)"""


class Tab:
    """A browser tab that remembers every console error and uncaught exception of the pages it shows."""

    def __init__(self, browser: Any, stub: WebStub, viewport: dict[str, int]) -> None:
        self.context = browser.new_context(viewport=viewport)
        # The browser's clock stands still a few hours after the fixtures' data: "3 hours ago" stays true and
        # the screenshots do not change with the wall clock. Timers (polling, toasts) still run.
        self.context.clock.set_fixed_time(BROWSER_NOW)
        self.context.add_init_script(script=COUNT_PENDING_FETCHES)
        self.page = self.context.new_page()
        self.stub = stub
        self.errors: list[str] = []
        self.allowed: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.seeded = False
        self.page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        self.page.on(
            "response", lambda r: self.errors.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None
        )

    def open(self, host: str, hash_path: str = "/", ready: str = "main") -> Any:
        if self.stub.signed_in and not self.seeded:
            self.context.add_init_script(script=_session_seed(self.stub))
            self.seeded = True
        self.page.goto(self.stub.url(host, "/#" + hash_path))
        self.page.wait_for_selector(ready)
        return self.page

    def shoot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        width = self.page.viewport_size["width"]
        self.page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)

    def settled(self) -> None:
        """Wait until no fetch or body read is pending, the fonts are loaded and no finite animation runs:
        what a picture or a layout measure needs, without waiting for time."""
        self.page.wait_for_function(SETTLED)

    def overflow(self) -> int:
        """How many pixels the page is wider than the viewport (0 when nothing scrolls sideways)."""
        return int(self.page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))

    def unexpected_errors(self) -> list[str]:
        return [e for e in self.errors if not any(a in e for a in self.allowed)]


def _session_seed(stub: WebStub) -> str:
    """Start each tab already signed in, as after a finished SSO redirect (that flow has its own tests):
    auth.js still refreshes against the stub sign-in host on every load."""
    tokens = {
        site: {"id": stub_jwt(claims), "access": stub_jwt(claims), "refresh": f"refresh-{site}"}
        for site, claims in stub.users.items()
    }
    return f"""(() => {{
      const tokens = {json.dumps(tokens)}[location.hostname.split(".")[0]];
      if (tokens && !sessionStorage.getItem("helpdesk.auth.tokens"))
        sessionStorage.setItem("helpdesk.auth.tokens",
          JSON.stringify({{...tokens, expiresAt: Date.now() + 3600000}}));
    }})();"""


@pytest.fixture
def tab(browser: Any, stub: WebStub) -> Iterator[Tab]:
    opened = Tab(browser, stub, DESKTOP)
    yield opened
    errors = opened.unexpected_errors()
    opened.context.close()
    assert not errors, f"console errors: {errors}"


@pytest.fixture
def phone(browser: Any, stub: WebStub) -> Iterator[Tab]:
    opened = Tab(browser, stub, PHONE)
    yield opened
    errors = opened.unexpected_errors()
    opened.context.close()
    assert not errors, f"console errors: {errors}"
