"""The channel port's inbound adapter: the message, written as mail, goes where SES puts mail, under a key
naming its channel; the bucket's notification takes it to the mail ingest queue like any mail."""

from __future__ import annotations

from typing import Any

from helpdesk.channels.model.inbound import InboundMessage, as_mail, message_id


class S3ChannelIntake:
    def __init__(self, client: Any, bucket: str, support_domain: str) -> None:
        self._s3, self._bucket, self._domain = client, bucket, support_domain

    def take(self, message: InboundMessage) -> None:
        name = message_id(message.channel, message.message_key, self._domain)
        key = f"inbound/channels/{message.channel}/{name}"
        self._s3.put_object(Bucket=self._bucket, Key=key, Body=as_mail(message, self._domain))
