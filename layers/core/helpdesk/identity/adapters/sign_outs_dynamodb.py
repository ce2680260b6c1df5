"""Sign-out times in the single table (pk SIGNOUT#<sub>), and Cognito's global sign-out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError


class DynamoSignOutRecords:
    def __init__(self, dynamodb_client: Any, table_name: str) -> None:
        self._client, self._table = dynamodb_client, table_name

    def signed_out_at(self, subject: str) -> int | None:
        item = self._client.get_item(TableName=self._table, Key=self._key(subject)).get("Item")
        return int(item["signed_out_at"]["N"]) if item else None

    def record(self, subject: str, at: int) -> None:
        try:
            self._client.update_item(
                TableName=self._table,
                Key=self._key(subject),
                UpdateExpression="SET signed_out_at = :at",
                ConditionExpression="attribute_not_exists(signed_out_at) OR signed_out_at < :at",
                ExpressionAttributeValues={":at": {"N": str(at)}},
            )
        except ClientError as error:
            if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
                raise

    @staticmethod
    def _key(subject: str) -> dict[str, dict[str, str]]:
        return {"pk": {"S": f"SIGNOUT#{subject}"}, "sk": {"S": "SIGNOUT"}}


class CognitoSessionRevoker:
    """The Cognito client is made on the first sign-out: verifying tokens never pays for it."""

    def __init__(self, cognito_client: Callable[[], Any], user_pool_id: str) -> None:
        self._client, self._pool = cognito_client, user_pool_id

    def revoke_all(self, username: str) -> None:
        try:
            self._client().admin_user_global_sign_out(UserPoolId=self._pool, Username=username)
        except ClientError as error:
            if error.response["Error"]["Code"] != "UserNotFoundException":
                raise
