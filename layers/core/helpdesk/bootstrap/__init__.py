"""The composition root: builds adapters and services from settings, once per cold start.

`Container` is assembled from one parts class per group of contexts (`core.CoreParts` holds the first
ones); a new context adds `<context>.py` with a `<Context>Parts(CoreParts)` class and one base below. Parts
import their adapters and heavy services where first used, so a function pays only for what it touches.

Tests build their own `Container` (or pass fakes to its fields) instead of patching.
"""

from __future__ import annotations

from functools import lru_cache

from helpdesk.bootstrap.access import AccessParts
from helpdesk.bootstrap.billing import BillingParts
from helpdesk.bootstrap.channels import ChannelsParts
from helpdesk.bootstrap.core import CoreParts, aws_client
from helpdesk.bootstrap.integrations import IntegrationsParts
from helpdesk.bootstrap.reports import ReportsParts
from helpdesk.bootstrap.store import StoreParts
from helpdesk.bootstrap.webhooks import WebhooksParts
from helpdesk.settings import get_settings

__all__ = ["Container", "aws_client", "container"]


class Container(
    WebhooksParts,
    AccessParts,
    IntegrationsParts,
    ChannelsParts,
    ReportsParts,
    BillingParts,
    StoreParts,
    CoreParts,
):
    pass


@lru_cache(maxsize=1)
def container() -> Container:
    return Container(get_settings())
