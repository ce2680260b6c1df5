"""The composition root: builds adapters and services from settings, once per cold start.

Tests build their own `Container` (or pass fakes to its fields) instead of patching.
"""

from __future__ import annotations

from functools import cached_property, lru_cache
from typing import Any

from helpdesk.ports import Clock, NoticeStore, QueueMonitor
from helpdesk.settings import Settings, get_settings


def aws_client(settings: Settings, service: str) -> Any:
    import boto3  # heavy: only functions that talk to AWS pay for it

    return boto3.client(service, region_name=settings.region, endpoint_url=settings.aws_endpoint_url)


class Container:
    def __init__(self, settings: Settings, **overrides: Any) -> None:
        self.settings = settings
        for name, value in overrides.items():
            setattr(self, name, value)  # a fake given by a test wins over the cached property

    @cached_property
    def queue_monitor(self) -> QueueMonitor:
        from helpdesk.adapters.sqs_monitor import SqsQueueMonitor

        return SqsQueueMonitor(aws_client(self.settings, "sqs"), aws_client(self.settings, "cloudwatch"))

    @cached_property
    def clock(self) -> Clock:
        from helpdesk.adapters.clock import SystemClock

        return SystemClock()

    @cached_property
    def notice_store(self) -> NoticeStore:
        from helpdesk.adapters.dynamo_notices import DynamoNoticeStore

        return DynamoNoticeStore(aws_client(self.settings, "dynamodb"), self.settings.table_name)


@lru_cache(maxsize=1)
def container() -> Container:
    return Container(get_settings())
