"""Publishes the AWS/SQS metrics that AWS would (depth, age of the oldest message) into the emulator."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from helpdesk_local.delivery import Worker
from helpdesk_local.template import ACCOUNT_ID


class QueueMetricsPublisher(Worker):
    def __init__(
        self,
        region: str,
        cloudwatch: Any,
        queue_names: list[str],
        stop: threading.Event,
        every: float = 10.0,
        published: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__("metrics:sqs", stop)
        self.region, self.cloudwatch, self.queue_names, self.every = region, cloudwatch, queue_names, every
        self.published = published  # told after each publication (the alarm evaluator reads it then)
        self.next_at = 0.0
        self.done_from = 0.0  # when the last finished publication began (monotonic): it saw the queues then

    def step(self) -> bool:
        began = time.monotonic()
        if began < self.next_at:
            return False
        self.next_at = began + self.every
        self.publish()
        self.done_from = began
        self.published()
        return True

    def publish(self) -> None:
        from moto.sqs.models import sqs_backends

        backend = sqs_backends[ACCOUNT_ID][self.region]
        now = time.time()
        data = []
        for name in self.queue_names:
            queue = backend.queues.get(name)
            if queue is None:
                continue
            sent = [m.sent_timestamp for m in list(queue._messages) if m.sent_timestamp]  # ms
            age = (now - min(sent) / 1000) if sent else 0.0
            dims = [{"Name": "QueueName", "Value": name}]
            data += [
                {
                    "MetricName": "ApproximateNumberOfMessagesVisible",
                    "Dimensions": dims,
                    "Value": float(queue.approximate_number_of_messages),
                    "Unit": "Count",
                },
                {
                    "MetricName": "ApproximateAgeOfOldestMessage",
                    "Dimensions": dims,
                    "Value": age,
                    "Unit": "Seconds",
                },
            ]
        for i in range(0, len(data), 20):
            self.cloudwatch.put_metric_data(Namespace="AWS/SQS", MetricData=data[i : i + 20])


class Observed:
    """What the local runtime itself sees (function invocations and errors, API answers), summed until the
    publisher hands it to the emulator's CloudWatch under AWS's own namespaces and dimensions."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sums: dict[tuple[str, str, tuple[tuple[str, str], ...]], float] = {}

    def add(self, namespace: str, name: str, dimensions: dict[str, str], value: float = 1.0) -> None:
        key = (namespace, name, tuple(sorted(dimensions.items())))
        with self._lock:
            self._sums[key] = self._sums.get(key, 0.0) + value

    def invoked(self, function: str, failed: bool) -> None:
        self.add("AWS/Lambda", "Invocations", {"FunctionName": function})
        self.add("AWS/Lambda", "Errors", {"FunctionName": function}, float(failed))

    def answered(self, api_name: str, stage: str, status: int) -> None:
        dims = {"ApiName": api_name, "Stage": stage}
        self.add("AWS/ApiGateway", "Count", dims)
        self.add("AWS/ApiGateway", "5XXError", dims, float(status >= 500))
        self.add("AWS/ApiGateway", "4XXError", dims, float(400 <= status < 500))

    def drain(self) -> dict[str, list[dict[str, Any]]]:
        with self._lock:
            sums, self._sums = self._sums, {}
        by_namespace: dict[str, list[dict[str, Any]]] = {}
        for (namespace, name, dims), value in sums.items():
            by_namespace.setdefault(namespace, []).append(
                {
                    "MetricName": name,
                    "Value": value,
                    "Unit": "Count",
                    "Dimensions": [{"Name": k, "Value": v} for k, v in dims],
                }
            )
        return by_namespace


class ObservedMetricsPublisher(Worker):
    """Flushes `Observed` and the storage sizes of the buckets the template alarms on."""

    def __init__(
        self,
        region: str,
        cloudwatch: Any,
        observed: Observed,
        buckets: list[str],
        stop: threading.Event,
        every: float = 10.0,
    ) -> None:
        super().__init__("metrics:observed", stop)
        self.region, self.cloudwatch, self.observed, self.buckets, self.every = (
            region,
            cloudwatch,
            observed,
            buckets,
            every,
        )
        self.next_at = 0.0

    def step(self) -> bool:
        if time.monotonic() < self.next_at:
            return False
        self.next_at = time.monotonic() + self.every
        self.publish()
        return True

    def publish(self) -> None:
        batches = self.observed.drain()
        batches.setdefault("AWS/S3", []).extend(self._bucket_sizes())
        for namespace, data in batches.items():
            for i in range(0, len(data), 20):
                self.cloudwatch.put_metric_data(Namespace=namespace, MetricData=data[i : i + 20])

    def _bucket_sizes(self) -> list[dict[str, Any]]:
        from moto.s3.models import s3_backends

        backend = s3_backends[ACCOUNT_ID]["aws"]
        data = []
        for name in self.buckets:
            bucket = backend.buckets.get(name)
            if bucket is None:
                continue
            size = sum(key.size for key in list(bucket.keys.values()) if hasattr(key, "size"))
            data.append(
                {
                    "MetricName": "BucketSizeBytes",
                    "Value": float(size),
                    "Unit": "Bytes",
                    "Dimensions": [
                        {"Name": "BucketName", "Value": name},
                        {"Name": "StorageType", "Value": "StandardStorage"},
                    ],
                }
            )
        return data
