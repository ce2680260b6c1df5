"""Forgets metric datapoints no reader needs any more.

moto keeps every datapoint and scans all of them on every GetMetricStatistics, so with the stack publishing
its metrics every few seconds each alarm evaluation grows slower the longer the stack runs. CloudWatch keeps
data for months; locally a metric is kept as long as the longest alarm window that reads it (scaled like the
alarms), and at least `floor` seconds for the other readers (`helpdesk queues` and the health check look
5 minutes back).
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from helpdesk_local.alarms import scaled
from helpdesk_local.delivery import Worker
from helpdesk_local.template import ACCOUNT_ID


def alarm_windows(alarms: list[dict[str, Any]], time_scale: float) -> dict[tuple[str, str], float]:
    """Seconds of history each (namespace, metric name) needs for the alarms that read it."""
    windows: dict[tuple[str, str], float] = {}
    for declared in alarms:
        alarm = scaled(declared, time_scale)
        periods = int(alarm["EvaluationPeriods"]) + 1  # metric math reads one period more
        stats = [(alarm.get("Namespace"), alarm.get("MetricName"), alarm.get("Period"))]
        stats += [
            (q["MetricStat"]["Metric"]["Namespace"], q["MetricStat"]["Metric"]["MetricName"], period)
            for q in alarm.get("Metrics", [])
            if "MetricStat" in q
            for period in [q["MetricStat"]["Period"]]
        ]
        for namespace, name, period in stats:
            if namespace and name and period:
                key = (namespace, name)
                windows[key] = max(windows.get(key, 0.0), float(period) * periods)
    return windows


def prune(data: list[Any], windows: dict[tuple[str, str], float], floor: float, now: datetime) -> int:
    """Drops stale datapoints in place; returns how many. Datapoints appended meanwhile are kept: only the
    snapshot's slice is replaced, in one step under the GIL."""
    count = len(data)
    kept = [d for d in data[:count] if _fresh(d, windows, floor, now)]
    data[:count] = kept
    return count - len(kept)


def _fresh(datum: Any, windows: dict[tuple[str, str], float], floor: float, now: datetime) -> bool:
    stamp = datum.timestamp if datum.timestamp.tzinfo else datum.timestamp.replace(tzinfo=UTC)
    keep = max(windows.get((datum.namespace, datum.name), 0.0), floor)
    return bool(now - stamp <= timedelta(seconds=keep))


class MetricRetention(Worker):
    def __init__(
        self,
        region: str,
        cloudwatch: Any,
        stop: threading.Event,
        time_scale: float = 1.0,
        floor: float = 600.0,
    ) -> None:
        super().__init__("metrics:retention", stop)
        self.region, self.cloudwatch, self.time_scale, self.floor = region, cloudwatch, time_scale, floor
        self.every = 60.0 / time_scale
        self.next_at = time.monotonic() + self.every
        self.dropped = 0

    def step(self) -> bool:
        if time.monotonic() < self.next_at:
            return False
        self.next_at = time.monotonic() + self.every
        from moto.cloudwatch.models import cloudwatch_backends

        windows = alarm_windows(self.cloudwatch.describe_alarms()["MetricAlarms"], self.time_scale)
        backend = cloudwatch_backends[ACCOUNT_ID][self.region]
        self.dropped += prune(backend.metric_data, windows, self.floor, datetime.now(UTC))
        return True
