"""The table's stream as its consumers read it: each record's (new image, old image), plain dicts or None."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import DynamoDBStreamModel

Image = Mapping[str, Any] | None


def image(value: object) -> Image:
    """A stream image as Powertools parses it without an image model: a plain dict, or None."""
    return value if isinstance(value, Mapping) else None


def table_changes(event: dict[str, Any]) -> list[tuple[Image, Image]]:
    batch = parse(event=event, model=DynamoDBStreamModel)
    return [(image(r.dynamodb.NewImage), image(r.dynamodb.OldImage)) for r in batch.Records]
