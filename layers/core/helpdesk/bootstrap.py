"""The composition root: builds adapters and services from settings, once per cold start.

Tests build their own `Container` with fakes instead of patching.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from helpdesk.settings import Settings, get_settings


def aws_client(settings: Settings, service: str) -> Any:
    import boto3  # heavy: only functions that talk to AWS pay for it

    return boto3.client(service, region_name=settings.region, endpoint_url=settings.aws_endpoint_url)


@dataclass
class Container:
    settings: Settings


@lru_cache(maxsize=1)
def container() -> Container:
    return Container(settings=get_settings())
