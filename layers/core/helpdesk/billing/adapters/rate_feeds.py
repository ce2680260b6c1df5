"""The rate feed over HTTPS (urllib: no extra dependency) and its fixture twin for the local stack and tests
(the history files are `exchange_rates.S3RateFiles`)."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from helpdesk.kernel.errors import Unavailable

TIMEOUT_SECONDS = 10
MAX_BYTES = 2_000_000


class HttpRateFeed:
    def fetch(self, url: str) -> bytes:
        if urlsplit(url).scheme != "https":
            raise Unavailable(f"only https publications are fetched, not {url}")
        request = urllib.request.Request(url, headers={"User-Agent": "helpdesk-billing/1"})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:  # noqa: S310 - https only
                return bytes(answer.read(MAX_BYTES))
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise Unavailable(f"{url}: {error}") from error


class FixtureRateFeed:
    """Answers a URL with the fixture named by its last path segment (`eurofxref-daily.xml`, `XML_daily.asp`),
    dated the last weekday on or before today: a local stack's rates never go stale."""

    def __init__(self, directory: Path, today: Callable[[], date], fail_first: int = 0) -> None:
        self._directory, self._today, self._failures_left = directory, today, fail_first

    def fetch(self, url: str) -> bytes:
        if self._failures_left > 0:
            self._failures_left -= 1
            raise Unavailable("fixture feed: a failure asked for")
        path = self._directory / Path(urlsplit(url).path).name
        if not path.is_file():
            raise Unavailable(f"no fixture {path.name}")
        day = self._today()
        while day.weekday() > 4:
            day -= timedelta(days=1)
        body = path.read_bytes().replace(b"__PUBLISHED_ISO__", day.isoformat().encode())
        return body.replace(b"__PUBLISHED_RU__", day.strftime("%d.%m.%Y").encode())
