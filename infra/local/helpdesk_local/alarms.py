"""Evaluates the template's CloudWatch alarms against the emulator's metrics, as CloudWatch would, and
publishes each state change to the alarm's SNS actions in CloudWatch's own message format."""

from __future__ import annotations

import json
import operator
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from helpdesk_local import metric_math
from helpdesk_local.delivery import Worker
from helpdesk_local.template import ACCOUNT_ID

COMPARE = {
    "GreaterThanThreshold": operator.gt,
    "GreaterThanOrEqualToThreshold": operator.ge,
    "LessThanThreshold": operator.lt,
    "LessThanOrEqualToThreshold": operator.le,
}


@dataclass(frozen=True)
class Verdict:
    state: str  # OK | ALARM | INSUFFICIENT_DATA
    reason: str


def evaluate(alarm: dict[str, Any], datapoints: list[float | None]) -> Verdict:
    """`datapoints`: the statistic per period, oldest first, None where no data came in that period."""
    needed = int(alarm.get("DatapointsToAlarm") or alarm["EvaluationPeriods"])
    compare = COMPARE[alarm["ComparisonOperator"]]
    threshold = float(alarm["Threshold"])
    missing = alarm.get("TreatMissingData", "missing")
    breaches = 0
    for value in datapoints:
        if value is None:
            if missing == "breaching":
                breaches += 1
            continue
        breaches += compare(value, threshold)
    if all(v is None for v in datapoints) and missing in ("missing", "ignore"):
        return Verdict("INSUFFICIENT_DATA", "no datapoints")
    if breaches >= needed:
        last = next((v for v in reversed(datapoints) if v is not None), None)
        return Verdict(
            "ALARM",
            f"Threshold Crossed: {breaches} of {len(datapoints)} datapoints "
            f"[{last}] were {alarm['ComparisonOperator']} the threshold ({threshold})",
        )
    return Verdict("OK", f"Threshold not crossed: {breaches} of {len(datapoints)} datapoints breached")


# Metrics whose values are durations in seconds: a time scale shortens their thresholds with the periods.
SECONDS_METRICS = {"ApproximateAgeOfOldestMessage"}


def scaled(alarm: dict[str, Any], time_scale: float) -> dict[str, Any]:
    """The alarm as seen by a clock running `time_scale` times faster: shorter periods, and shorter thresholds
    where the metric itself is a duration. Counts and rates keep their thresholds."""
    if time_scale == 1:
        return alarm
    shorter = {**alarm}
    if "Period" in alarm:
        shorter["Period"] = max(1, round(int(alarm["Period"]) / time_scale))
    if alarm.get("MetricName") in SECONDS_METRICS:
        shorter["Threshold"] = float(alarm["Threshold"]) / time_scale
    if alarm.get("Metrics"):
        shorter["Metrics"] = [_scaled_query(q, time_scale) for q in alarm["Metrics"]]
    return shorter


def _scaled_query(query: dict[str, Any], time_scale: float) -> dict[str, Any]:
    if "MetricStat" not in query:
        return query
    stat = {**query["MetricStat"], "Period": max(1, round(int(query["MetricStat"]["Period"]) / time_scale))}
    return {**query, "MetricStat": stat}


class AlarmEvaluator(Worker):
    """`time_scale` > 1 (a documented local option) evaluates every alarm on a faster clock, see `scaled`."""

    def __init__(
        self,
        region: str,
        cloudwatch: Any,
        sns: Any,
        stop: threading.Event,
        every: float = 10.0,
        time_scale: float = 1.0,
    ) -> None:
        super().__init__("alarms", stop)
        self.region, self.cloudwatch, self.sns = region, cloudwatch, sns
        # A scaled clock evaluates more often, but at most every 3 s: each evaluation is ~50 emulator reads.
        self.every, self.time_scale = max(every / time_scale, min(every, 3.0)), time_scale
        self.next_at = 0.0
        self.done_from = 0.0  # when the last finished evaluation began (monotonic)
        self.transitions: list[dict[str, Any]] = []
        self._fresh_data = threading.Event()

    def data_arrived(self) -> None:
        """The stack just published metrics: evaluate now, not up to a period later (the evaluation that
        follows restarts the period, so alarms are still evaluated about once per `every`)."""
        self._fresh_data.set()

    def step(self) -> bool:
        began = time.monotonic()
        fresh = self._fresh_data.is_set()
        if began < self.next_at and not fresh:
            return False
        self._fresh_data.clear()
        self.next_at = began + self.every
        self.evaluate_all()
        self.done_from = began
        return True

    def pause(self, seconds: float) -> None:
        if not self.stop.is_set():
            self._fresh_data.wait(seconds)

    def evaluate_all(self, now: datetime | None = None) -> None:
        now = now or datetime.now(UTC)
        for declared in self.cloudwatch.describe_alarms()["MetricAlarms"]:
            alarm = scaled(declared, self.time_scale)
            verdict = evaluate(alarm, self._datapoints(alarm, now))
            if verdict.state != alarm["StateValue"] and not (
                verdict.state == "INSUFFICIENT_DATA" and alarm["StateValue"] == "OK"
            ):
                self._transition(alarm, verdict, now)

    def _datapoints(self, alarm: dict[str, Any], now: datetime) -> list[float | None]:
        periods = int(alarm["EvaluationPeriods"])
        if alarm.get("Metrics"):
            return self._math_datapoints(alarm["Metrics"], periods, now)
        metric = {
            "Namespace": alarm["Namespace"],
            "MetricName": alarm["MetricName"],
            "Dimensions": alarm.get("Dimensions", []),
        }
        return self._series(metric, int(alarm["Period"]), alarm.get("Statistic", "Maximum"), periods, now)

    def _math_datapoints(
        self, queries: list[dict[str, Any]], periods: int, now: datetime
    ) -> list[float | None]:
        stats = [q for q in queries if "MetricStat" in q]
        period = int(stats[0]["MetricStat"]["Period"]) if stats else 60
        # One more period than evaluated, so DIFF and RATE have a predecessor for the oldest evaluated one.
        series = {
            q["Id"]: self._series(
                q["MetricStat"]["Metric"],
                int(q["MetricStat"]["Period"]),
                q["MetricStat"]["Stat"],
                periods + 1,
                now,
            )
            for q in stats
        }
        [returned] = [q for q in queries if q.get("ReturnData", True)]
        if "Expression" in returned:
            return metric_math.evaluate(returned["Expression"], series, period)[1:]
        return series[returned["Id"]][1:]

    def _series(
        self, metric: dict[str, Any], period: int, statistic: str, periods: int, now: datetime
    ) -> list[float | None]:
        # Whole seconds: the emulator drops the microseconds of StartTime and starts its buckets at the first
        # datapoint, so a window starting mid-second would shift that bucket out and empty the newest period.
        # Rounded up, not down: the window then ends at or after `now`, so a datapoint put earlier in this
        # second (metrics published just before an evaluation) is in it, not left for the next evaluation.
        exact = now - timedelta(seconds=period * periods)
        start = exact.replace(microsecond=0) + timedelta(seconds=1 if exact.microsecond else 0)
        answer = self.cloudwatch.get_metric_statistics(
            Namespace=metric["Namespace"],
            MetricName=metric["MetricName"],
            Dimensions=metric.get("Dimensions", []),
            StartTime=start,
            EndTime=start + timedelta(seconds=period * periods),
            Period=period,
            Statistics=[statistic],
        )
        buckets: list[float | None] = [None] * periods
        for point in answer.get("Datapoints", []):
            index = int((point["Timestamp"] - start).total_seconds() // period)
            if 0 <= index < periods:
                value = float(point[statistic])
                earlier = buckets[index]
                if earlier is not None:
                    value = earlier + value if statistic in ("Sum", "SampleCount") else max(earlier, value)
                buckets[index] = value
        return buckets

    def _transition(self, alarm: dict[str, Any], verdict: Verdict, now: datetime) -> None:
        old = alarm["StateValue"]
        self.cloudwatch.set_alarm_state(
            AlarmName=alarm["AlarmName"], StateValue=verdict.state, StateReason=verdict.reason
        )
        message = {
            "AlarmName": alarm["AlarmName"],
            "AlarmDescription": alarm.get("AlarmDescription"),
            "AWSAccountId": ACCOUNT_ID,
            "NewStateValue": verdict.state,
            "NewStateReason": verdict.reason,
            "StateChangeTime": now.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "+0000",
            "Region": self.region,
            "AlarmArn": alarm["AlarmArn"],
            "OldStateValue": old,
            "Trigger": _trigger(alarm),
        }
        self.transitions.append(message)
        actions = {"ALARM": "AlarmActions", "OK": "OKActions", "INSUFFICIENT_DATA": "InsufficientDataActions"}
        for topic in alarm.get(actions[verdict.state], []):
            self.sns.publish(
                TopicArn=topic,
                Subject=f'{verdict.state}: "{alarm["AlarmName"]}"',
                Message=json.dumps(message),
            )


def _trigger(alarm: dict[str, Any]) -> dict[str, Any]:
    common = {
        "EvaluationPeriods": alarm["EvaluationPeriods"],
        "ComparisonOperator": alarm["ComparisonOperator"],
        "Threshold": alarm["Threshold"],
    }
    if alarm.get("Metrics"):
        return {"Metrics": alarm["Metrics"], **common}
    return {
        "MetricName": alarm["MetricName"],
        "Namespace": alarm["Namespace"],
        "Statistic": alarm.get("Statistic"),
        "Dimensions": [{"name": d["Name"], "value": d["Value"]} for d in alarm.get("Dimensions", [])],
        "Period": alarm["Period"],
        **common,
    }
