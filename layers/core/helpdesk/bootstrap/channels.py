"""The channels context's parts of the composition root (docs/channels.md)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from helpdesk.bootstrap.core import CoreParts, aws_client

if TYPE_CHECKING:
    from helpdesk.channels.services.forms import FormService


class ChannelsParts(CoreParts):
    @cached_property
    def forms(self) -> FormService:
        from helpdesk.channels.adapters.confirmations import MailedConfirmations
        from helpdesk.channels.adapters.dynamo_forms import DynamoForms, DynamoHeldSubmissions
        from helpdesk.channels.adapters.s3_intake import S3ChannelIntake
        from helpdesk.channels.adapters.ticket_marks import TicketVerification
        from helpdesk.channels.services.forms import FormConfig, FormService
        from helpdesk.kernel.adapters.dynamo_table import item_model
        from helpdesk.notices.adapters.ses_mail import SesNoticeMailer

        s = self.settings
        model = item_model(s.table_name, s.region, s.aws_endpoint_url)
        stores = self.ticket_stores
        return FormService(
            DynamoForms(model),
            DynamoHeldSubmissions(model),
            S3ChannelIntake(aws_client(s, "s3"), s.raw_mail_bucket, s.support_domain),
            stores.limiter,
            MailedConfirmations(SesNoticeMailer(aws_client(s, "ses"), s.support_address)),
            TicketVerification(stores, s.support_domain),
            self.clock,
            FormConfig(self.reply_token_secret, f"{s.shop_url.rstrip('/')}/api/forms/confirm/"),
        )
