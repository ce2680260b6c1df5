"""Publishes the AWS/SQS metrics that AWS would (depth, age of oldest message) into the emulator's CloudWatch."""

from __future__ import annotations

import threading
import time
from typing import Any

from helpdesk_local.delivery import Worker
from helpdesk_local.template import ACCOUNT_ID


class QueueMetricsPublisher(Worker):
    def __init__(self, region: str, cloudwatch: Any, queue_names: list[str], stop: threading.Event,
                 every: float = 10.0) -> None:
        super().__init__("metrics:sqs", stop)
        self.region, self.cloudwatch, self.queue_names, self.every = region, cloudwatch, queue_names, every
        self.next_at = 0.0

    def step(self) -> bool:
        if time.monotonic() < self.next_at:
            return False
        self.next_at = time.monotonic() + self.every
        self.publish()
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
                {"MetricName": "ApproximateNumberOfMessagesVisible", "Dimensions": dims,
                 "Value": float(queue.approximate_number_of_messages), "Unit": "Count"},
                {"MetricName": "ApproximateAgeOfOldestMessage", "Dimensions": dims, "Value": age, "Unit": "Seconds"},
            ]
        for i in range(0, len(data), 20):
            self.cloudwatch.put_metric_data(Namespace="AWS/SQS", MetricData=data[i:i + 20])
