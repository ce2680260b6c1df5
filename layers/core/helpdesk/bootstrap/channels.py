"""The channels context's parts of the composition root (docs/channels.md)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from helpdesk.bootstrap.core import CoreParts, aws_client

if TYPE_CHECKING:
    from helpdesk.channels.adapters.dynamo_links import DynamoChannelLinks
    from helpdesk.channels.adapters.secret_bots import SecretBots
    from helpdesk.channels.adapters.telegram_bot_api import BotApi
    from helpdesk.channels.ports import CaseReplies
    from helpdesk.channels.services.chat import ChatDesk
    from helpdesk.channels.services.forms import FormService
    from helpdesk.channels.services.identities import ChannelIdentities
    from helpdesk.channels.services.links import ChannelLinking
    from helpdesk.channels.services.replies import ChannelReplies, ReplySender
    from helpdesk.channels.services.telegram import TelegramInbound
    from helpdesk.channels.services.whatsapp import WhatsAppInbound


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

    @cached_property
    def channel_links(self) -> DynamoChannelLinks:
        from helpdesk.channels.adapters.dynamo_links import DynamoChannelLinks
        from helpdesk.kernel.adapters.dynamo_table import item_model

        s = self.settings
        return DynamoChannelLinks(item_model(s.table_name, s.region, s.aws_endpoint_url))

    @cached_property
    def telegram_bots(self) -> SecretBots:
        from helpdesk.channels.adapters.secret_bots import SecretBots

        return SecretBots(self.get_secret)

    @cached_property
    def telegram_api(self) -> BotApi:
        from helpdesk.channels.adapters.telegram_bot_api import BotApi

        return BotApi(self.settings.telegram_api_url)

    @cached_property
    def telegram(self) -> TelegramInbound:
        from helpdesk.channels.adapters.s3_intake import S3ChannelIntake
        from helpdesk.channels.services.telegram import TelegramInbound

        s = self.settings
        intake = S3ChannelIntake(aws_client(s, "s3"), s.raw_mail_bucket, s.support_domain)
        return TelegramInbound(self.telegram_bots, self.telegram_api, intake, self.channel_links, self.clock)

    @cached_property
    def channel_linking(self) -> ChannelLinking:
        from helpdesk.channels.services.links import ChannelLinking

        bot = self.settings.cabinet_telegram_bot
        return ChannelLinking(self.telegram_bots, self.channel_links, self.clock, bot)

    @cached_property
    def channel_identities(self) -> ChannelIdentities:
        from helpdesk.channels.services.identities import ChannelIdentities

        return ChannelIdentities(self.ticket_stores, self.channel_links)

    @cached_property
    def channel_replies(self) -> ChannelReplies:
        from helpdesk.channels.adapters.sqs_replies import QueuedReplies
        from helpdesk.channels.services.replies import ChannelReplies

        s = self.settings
        queue = QueuedReplies(aws_client(s, "sqs"), s.channel_reply_queue_url)
        return ChannelReplies(self.ticket_stores, self.channel_links, queue, self.clock, s.support_domain)

    @cached_property
    def reply_sender(self) -> ReplySender:
        from helpdesk.channels.adapters.secret_numbers import SecretNumbers
        from helpdesk.channels.adapters.whatsapp_cloud_api import CloudApi
        from helpdesk.channels.services.replies import ReplySender, WhatsAppSending
        from helpdesk.kernel.adapters.once_claims import DynamoOnceClaims

        s = self.settings
        claims = DynamoOnceClaims(aws_client(s, "dynamodb"), s.table_name)
        api = CloudApi(s.whatsapp_api_url)
        whatsapp = WhatsAppSending(SecretNumbers(self.get_secret), api, self.channel_links, self.clock)
        stores, bots = self.ticket_stores, self.telegram_bots
        return ReplySender(stores, bots, self.telegram_api, claims, whatsapp, self.case_replies)

    @cached_property
    def case_replies(self) -> CaseReplies | None:
        """Replies to another helpdesk's cases: the integrations parts serve it (Omnidesk)."""
        return None

    @cached_property
    def whatsapp(self) -> WhatsAppInbound:
        from helpdesk.channels.adapters.s3_intake import S3ChannelIntake
        from helpdesk.channels.adapters.secret_numbers import SecretNumbers
        from helpdesk.channels.adapters.whatsapp_cloud_api import CloudApi
        from helpdesk.channels.services.whatsapp import WhatsAppInbound

        s = self.settings
        intake = S3ChannelIntake(aws_client(s, "s3"), s.raw_mail_bucket, s.support_domain)
        api = CloudApi(s.whatsapp_api_url)
        return WhatsAppInbound(SecretNumbers(self.get_secret), api, intake, self.channel_links)

    @cached_property
    def chats(self) -> ChatDesk:
        from helpdesk.channels.adapters.dynamo_chats import DynamoChats
        from helpdesk.channels.adapters.s3_intake import S3ChannelIntake
        from helpdesk.channels.services.chat import ChatDesk
        from helpdesk.kernel.adapters.dynamo_table import item_model

        s = self.settings
        store = DynamoChats(item_model(s.table_name, s.region, s.aws_endpoint_url))
        intake = S3ChannelIntake(aws_client(s, "s3"), s.raw_mail_bucket, s.support_domain)
        stores = self.ticket_stores
        return ChatDesk(store, intake, stores.limiter, stores, self.clock, self.reply_token_secret,
                        s.support_domain, tuple(s.chat_origins))  # fmt: skip
