"""The composition root: builds adapters and services from settings, once per cold start.

Tests build their own `Container` (or pass fakes to its fields) instead of patching.
"""

from __future__ import annotations

from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from helpdesk.settings import Settings, get_settings

if TYPE_CHECKING:  # adapters and heavy services are imported where first used
    from helpdesk.ports import (
        Clock,
        EscalationWorkflow,
        NoticeStore,
        Pager,
        Phone,
        QueueMonitor,
        RotaStore,
        SearchIndex,
    )
    from helpdesk.services.rate_limits import RateLimiter
    from helpdesk.services.ports_tickets import TicketRepository, TicketStores
    from helpdesk.services.ticket_services import TicketServices
    from helpdesk.services.tokens import TokenVerifier


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

    @cached_property
    def token_verifier(self) -> TokenVerifier:
        from helpdesk.adapters.jwks_http import HttpJwksSource
        from helpdesk.services.tokens import TokenVerifier, cognito_issuer, jwks_url

        s = self.settings
        issuer = cognito_issuer(s.region, s.user_pool_id)
        source = HttpJwksSource(jwks_url(issuer, s.user_pool_id, s.aws_endpoint_url))
        return TokenVerifier.for_pool(source, issuer, [s.user_pool_client_id])

    @cached_property
    def rate_limiter(self) -> RateLimiter:
        from helpdesk.adapters.attempts_dynamodb import DynamoAttemptCounter
        from helpdesk.services.rate_limits import RateLimiter

        return RateLimiter(DynamoAttemptCounter(aws_client(self.settings, "dynamodb"), self.settings.table_name))

    @cached_property
    def tickets(self) -> TicketServices:
        from helpdesk.adapters.clock import SystemClock
        from helpdesk.adapters.outbound_queue import QueuedReplyDelivery
        from helpdesk.adapters.s3_objects import S3RawMail
        from helpdesk.adapters.ses_mailer import SesMailer
        from helpdesk.domain.mail.parser import parse_mail
        from helpdesk.services.ticket_services import TicketConfig, build_ticket_services

        s = self.settings
        s3 = aws_client(s, "s3")
        stores = self.ticket_stores
        queued = QueuedReplyDelivery(aws_client(s, "sqs"), s.outbound_queue_url) if s.outbound_queue_url else None
        return build_ticket_services(stores, SesMailer(aws_client(s, "ses")), S3RawMail(s3), parse_mail, SystemClock(),
                                     TicketConfig.from_settings(s, self.reply_token_secret), reply_delivery=queued)

    @cached_property
    def ticket_stores(self) -> TicketStores:
        from helpdesk.adapters.ticket_stores import dynamo_ticket_stores

        s = self.settings
        return dynamo_ticket_stores(s.table_name, s.region, s.aws_endpoint_url, aws_client(s, "s3"),
                                    s.attachments_bucket)

    @property
    def ticket_repository(self) -> TicketRepository:
        return self.ticket_stores.tickets

    @cached_property
    def reply_token_secret(self) -> bytes:
        from aws_lambda_powertools.utilities.parameters import get_parameter

        return str(get_parameter(self.settings.reply_token_secret_parameter, decrypt=True, max_age=300)).encode()

    @cached_property
    def search_index(self) -> SearchIndex:
        from helpdesk.adapters.search_factory import search_index_from_settings

        return search_index_from_settings(self.settings)

    @cached_property
    def escalation(self) -> EscalationWorkflow:
        from helpdesk.adapters.escalation_aws import StepFunctionsEscalation

        return StepFunctionsEscalation(aws_client(self.settings, "stepfunctions"),
                                       self.settings.escalation_state_machine_arn)

    @cached_property
    def pager(self) -> Pager:
        from helpdesk.adapters.escalation_aws import SesPager

        return SesPager(aws_client(self.settings, "ses"), self.settings.support_address)

    @cached_property
    def phone(self) -> Phone:
        if self.settings.phone_backend == "connect":
            from helpdesk.adapters.escalation_aws import ConnectPhone

            s = self.settings
            return ConnectPhone(aws_client(s, "connect"), s.connect_instance_id, s.connect_contact_flow_id,
                                s.connect_source_number)
        from helpdesk.adapters.escalation_records import RecordedPhone

        return RecordedPhone(aws_client(self.settings, "dynamodb"), self.settings.table_name)

    @cached_property
    def rota_store(self) -> RotaStore:
        from helpdesk.adapters.escalation_records import DynamoRotaStore

        return DynamoRotaStore(aws_client(self.settings, "dynamodb"), self.settings.table_name)


@lru_cache(maxsize=1)
def container() -> Container:
    return Container(get_settings())
