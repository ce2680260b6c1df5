"""Create the `helpdesk` table for tests. The lead will replace the body with creation from template.yaml."""

from __future__ import annotations

from typing import Any

KEY_ATTRIBUTES = ("pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk", "gsi3pk", "gsi3sk")


def helpdesk_table_definition(table_name: str = "helpdesk") -> dict[str, Any]:
    def gsi(n: int) -> dict[str, Any]:
        return {
            "IndexName": f"gsi{n}",
            "KeySchema": [
                {"AttributeName": f"gsi{n}pk", "KeyType": "HASH"},
                {"AttributeName": f"gsi{n}sk", "KeyType": "RANGE"},
            ],
            "Projection": {"ProjectionType": "ALL"},
        }

    return {
        "TableName": table_name,
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": a, "AttributeType": "S"} for a in KEY_ATTRIBUTES],
        "KeySchema": [
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        "GlobalSecondaryIndexes": [gsi(1), gsi(2), gsi(3)],
        "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
    }


def create_helpdesk_table(table_name: str = "helpdesk", region: str = "eu-central-1") -> None:
    """Create the table (inside `mock_aws`) with its TTL on `expires_at`."""
    import boto3

    client = boto3.client("dynamodb", region_name=region)
    client.create_table(**helpdesk_table_definition(table_name))
    client.update_time_to_live(
        TableName=table_name, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires_at"}
    )
