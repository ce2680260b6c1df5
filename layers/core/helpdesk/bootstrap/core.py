"""The parts of the composition root that came first: every context up to SLAs and tasks.

Each newer context adds its own parts class next to this one (see `__init__`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

from helpdesk.settings import Settings

if TYPE_CHECKING:  # adapters and heavy services are imported where first used
    from helpdesk.billing.services.invoices import InvoiceService
    from helpdesk.cabinet.services.cabinet import CabinetService
    from helpdesk.cabinet.services.customer_pages import CustomerPages
    from helpdesk.cabinet.services.ticket_pages import TicketPages
    from helpdesk.commerce.adapters.product_names import CatalogueProductNames
    from helpdesk.commerce.ports import BillingAccounts, CheckoutStore, PaymentGateway
    from helpdesk.commerce.services.catalogue import CatalogueService
    from helpdesk.commerce.services.checkout import CheckoutService
    from helpdesk.commerce.services.license_console import LicenseConsole
    from helpdesk.commerce.services.renewals import CabinetRenewals
    from helpdesk.identity.ports import StaffAccounts, StaffDirectory
    from helpdesk.identity.services.rate_limits import RateLimiter
    from helpdesk.identity.services.sign_outs import SignOuts
    from helpdesk.identity.services.staff import StaffRoster
    from helpdesk.identity.services.tokens import TokenVerifier
    from helpdesk.kernel.clock import Clock
    from helpdesk.licensing.ports import (
        LapseTicketOpener,
        LicenseRepository,
        RenewalStore,
        SubscriptionPayments,
    )
    from helpdesk.licensing.services.admin import LicenseAdminService
    from helpdesk.licensing.services.at_risk import LicensesAtRisk
    from helpdesk.licensing.services.change_notices import LicenseChangeNotices
    from helpdesk.licensing.services.licensing import LicensingService
    from helpdesk.licensing.services.lifecycle import LicenseLifecycle
    from helpdesk.licensing.services.queries import LicenseQueries
    from helpdesk.licensing.services.reminders import LicenseReminders
    from helpdesk.notices.ports import NoticeStore
    from helpdesk.notices.views import NotifyRequested
    from helpdesk.operations.ports import (
        EscalationWorkflow,
        MetricSink,
        PageLog,
        Pager,
        Phone,
        QueueMonitor,
        RotaStore,
        TableStatsSource,
    )
    from helpdesk.operations.services.desk import OperationsDesk
    from helpdesk.search.ports import SearchIndex, TicketMessageItems
    from helpdesk.search.services.desk import SearchDesk
    from helpdesk.sla.adapters.dynamo_sla import DynamoSla
    from helpdesk.sla.services.desk import SlaDesk
    from helpdesk.sla.services.setup import SlaAdmin
    from helpdesk.sla.services.sweep import SlaSweep
    from helpdesk.sla.services.tracker import SlaTracker
    from helpdesk.sla.views import DeskInboxPageView, DeskTicketPageView
    from helpdesk.tasks.ports import (
        DoneMailOutbox,
        JiraClient,
        OrderLookup,
        ProjectStore,
        SyncOutbox,
        TaskStore,
    )
    from helpdesk.tasks.ports import StaffDirectory as TaskAssignees
    from helpdesk.tasks.public import Deadlines, JiraSync, JiraWebhooks, TaskDesk, TaskDoneMails, WorkingDays
    from helpdesk.tickets.adapters.mention_notices import MentionNotices
    from helpdesk.tickets.model.ticket import Ticket
    from helpdesk.tickets.ports import DeskStore, SurveyStore, TicketRepository, TicketStores
    from helpdesk.tickets.services.bulk import BulkService
    from helpdesk.tickets.services.counts import TicketCountsView
    from helpdesk.tickets.services.csat import CsatService
    from helpdesk.tickets.services.desk import DeskService
    from helpdesk.tickets.services.desk_setup import DeskSetup
    from helpdesk.tickets.services.macros import MacroService
    from helpdesk.tickets.services.presence import PresenceService
    from helpdesk.tickets.services.signatures import SignatureService
    from helpdesk.tickets.services.ticket_services import TicketServices
    from helpdesk.tickets.views.desk import InboxPageView


def aws_client(settings: Settings, service: str) -> Any:
    import boto3  # heavy: only functions that talk to AWS pay for it

    return boto3.client(service, region_name=settings.region, endpoint_url=settings.aws_endpoint_url)


class CoreParts:
    def __init__(self, settings: Settings, **overrides: Any) -> None:
        self.settings = settings
        for name, value in overrides.items():
            setattr(self, name, value)  # a fake given by a test wins over the cached property

    @cached_property
    def queue_monitor(self) -> QueueMonitor:
        from helpdesk.operations.adapters.sqs_monitor import SqsQueueMonitor

        return SqsQueueMonitor(aws_client(self.settings, "sqs"), aws_client(self.settings, "cloudwatch"))

    @cached_property
    def clock(self) -> Clock:
        from helpdesk.kernel.clock import SystemClock

        return SystemClock()

    @cached_property
    def operations(self) -> OperationsDesk:
        from helpdesk.operations.services.desk import OperationsDesk

        s = self.settings
        return OperationsDesk(self, s.queue_names, [s.table_name], f"{s.console_url}/ack.html")

    @cached_property
    def search(self) -> SearchDesk:
        from helpdesk.search.services.desk import SearchDesk

        return SearchDesk(self)

    @cached_property
    def deliver_notice(self) -> Callable[[NotifyRequested], bool]:
        """Store a requested notice once; False when its id was delivered before."""
        from helpdesk.notices.services import deliver_notice

        return lambda request: deliver_notice(request, self.notice_store, self.clock)

    @cached_property
    def ticket_counts(self) -> Callable[[str], TicketCountsView]:
        """The console's inbox counts, for the staff member whose email is given."""
        from helpdesk.tickets.services.counts import count_tickets

        return lambda me: count_tickets(self.ticket_repository, me)

    @cached_property
    def ticket_pages(self) -> TicketPages:
        from helpdesk.cabinet.services.ticket_pages import TicketPages

        return TicketPages(
            self.tickets.tickets,
            self.ticket_stores,
            self.license_queries,
            self.checkout_store,
            self.invoices,
            self.task_desk,
        )

    @cached_property
    def notice_store(self) -> NoticeStore:
        from helpdesk.notices.adapters.dynamo_notices import DynamoNoticeStore

        return DynamoNoticeStore(aws_client(self.settings, "dynamodb"), self.settings.table_name)

    @cached_property
    def token_verifier(self) -> TokenVerifier:
        from helpdesk.identity.adapters.jwks_http import HttpJwksSource
        from helpdesk.identity.services.tokens import TokenVerifier, cognito_issuer, jwks_url

        s = self.settings
        issuer = cognito_issuer(s.region, s.user_pool_id)
        source = HttpJwksSource(jwks_url(issuer, s.user_pool_id, s.aws_endpoint_url))
        return TokenVerifier.for_pool(
            source, issuer, [s.user_pool_client_id], session_ended=self.sign_outs.ended
        )

    @cached_property
    def sign_outs(self) -> SignOuts:
        from helpdesk.identity.adapters.sign_outs_dynamodb import CognitoSessionRevoker, DynamoSignOutRecords
        from helpdesk.identity.services.sign_outs import SignOuts

        s = self.settings
        return SignOuts(
            DynamoSignOutRecords(aws_client(s, "dynamodb"), s.table_name),
            CognitoSessionRevoker(lambda: aws_client(s, "cognito-idp"), s.user_pool_id),
        )

    @cached_property
    def staff_directory(self) -> StaffDirectory:
        from helpdesk.identity.adapters.staff_cognito import CognitoStaffDirectory

        return CognitoStaffDirectory(aws_client(self.settings, "cognito-idp"), self.settings.user_pool_id)

    @cached_property
    def staff_accounts(self) -> StaffAccounts:
        from helpdesk.identity.adapters.staff_cognito import CognitoStaffDirectory

        return CognitoStaffDirectory(aws_client(self.settings, "cognito-idp"), self.settings.user_pool_id)

    @cached_property
    def desk_setup(self) -> DeskSetup:
        from helpdesk.identity.services.staff_admin import StaffAdmin
        from helpdesk.kernel.adapters.dynamo_table import item_model
        from helpdesk.tickets.adapters.dynamo_teams import DynamoTeams
        from helpdesk.tickets.services.desk_setup import DeskSetup

        s = self.settings
        teams = DynamoTeams(item_model(s.table_name, s.region, s.aws_endpoint_url))
        return DeskSetup(StaffAdmin(self.staff_accounts, self.sign_outs), teams, self.ticket_stores.mailboxes)

    @cached_property
    def staff(self) -> StaffRoster:
        from helpdesk.identity.services.staff import StaffRoster

        return StaffRoster(self.staff_directory)

    @cached_property
    def rate_limiter(self) -> RateLimiter:
        from helpdesk.identity.adapters.attempts_dynamodb import DynamoAttemptCounter
        from helpdesk.identity.services.rate_limits import RateLimiter

        return RateLimiter(
            DynamoAttemptCounter(aws_client(self.settings, "dynamodb"), self.settings.table_name)
        )

    @cached_property
    def tickets(self) -> TicketServices:
        from helpdesk.mail.parser import parse_mail
        from helpdesk.tickets.adapters.outbound_queue import QueuedReplyDelivery
        from helpdesk.tickets.adapters.s3_objects import S3RawMail
        from helpdesk.tickets.adapters.ses_mailer import SesMailer
        from helpdesk.tickets.services.ticket_services import TicketConfig, build_ticket_services

        s = self.settings
        s3 = aws_client(s, "s3")
        stores = self.ticket_stores
        queued = (
            QueuedReplyDelivery(aws_client(s, "sqs"), s.outbound_queue_url) if s.outbound_queue_url else None
        )
        return build_ticket_services(
            stores,
            SesMailer(aws_client(s, "ses")),
            S3RawMail(s3),
            parse_mail,
            self.clock,
            TicketConfig.from_settings(s, self.reply_token_secret),
            reply_delivery=queued,
            staff=self.staff_directory,
            surveys=self.surveys,
            signatures=self.signatures,
            on_mention=self.mention_notices,
        )

    @cached_property
    def mention_notices(self) -> MentionNotices:
        from helpdesk.notices.adapters.ses_mail import SesNoticeMailer
        from helpdesk.tickets.adapters.mention_notices import MentionNotices

        s = self.settings
        mailer = SesNoticeMailer(aws_client(s, "ses"), s.support_address)
        return MentionNotices(self.notice_store, mailer, self.clock, s.console_url)

    @cached_property
    def signatures(self) -> SignatureService:
        from helpdesk.kernel.adapters.dynamo_table import item_model
        from helpdesk.tickets.adapters.dynamo_signatures import DynamoSignatures
        from helpdesk.tickets.services.signatures import SignatureService

        s = self.settings
        return SignatureService(DynamoSignatures(item_model(s.table_name, s.region, s.aws_endpoint_url)))

    @cached_property
    def surveys(self) -> SurveyStore:
        from helpdesk.kernel.adapters.dynamo_table import item_model
        from helpdesk.tickets.adapters.dynamo_csat import DynamoSurveys

        s = self.settings
        return DynamoSurveys(item_model(s.table_name, s.region, s.aws_endpoint_url))

    @property
    def csat(self) -> CsatService:
        csat = self.tickets.csat
        assert csat is not None  # built with the surveys above
        return csat

    @property
    def ticket_repository(self) -> TicketRepository:
        return self.ticket_stores.tickets

    @cached_property
    def reply_token_secret(self) -> bytes:
        from aws_lambda_powertools.utilities.parameters import get_parameter

        return str(
            get_parameter(self.settings.reply_token_secret_parameter, decrypt=True, max_age=300)
        ).encode()

    @cached_property
    def search_index(self) -> SearchIndex:
        from helpdesk.search.adapters.factory import search_index_from_settings

        return search_index_from_settings(self.settings)

    @cached_property
    def search_source(self) -> TicketMessageItems:
        from helpdesk.search.adapters.factory import table_resource
        from helpdesk.search.adapters.source_dynamodb import DynamoDbSearchSource

        return DynamoDbSearchSource(table_resource(self.settings))

    @cached_property
    def escalation(self) -> EscalationWorkflow:
        from helpdesk.operations.adapters.escalation_aws import StepFunctionsEscalation

        return StepFunctionsEscalation(
            aws_client(self.settings, "stepfunctions"), self.settings.escalation_state_machine_arn
        )

    @cached_property
    def pager(self) -> Pager:
        from helpdesk.operations.adapters.escalation_aws import SesPager

        return SesPager(aws_client(self.settings, "ses"), self.settings.support_address)

    @cached_property
    def phone(self) -> Phone:
        if self.settings.phone_backend == "connect":
            from helpdesk.operations.adapters.escalation_aws import ConnectPhone

            s = self.settings
            return ConnectPhone(
                aws_client(s, "connect"),
                s.connect_instance_id,
                s.connect_contact_flow_id,
                s.connect_source_number,
            )
        from helpdesk.operations.adapters.escalation_records import RecordedPhone

        return RecordedPhone(aws_client(self.settings, "dynamodb"), self.settings.table_name)

    @cached_property
    def rota_store(self) -> RotaStore:
        from helpdesk.operations.adapters.escalation_records import DynamoRotaStore

        return DynamoRotaStore(aws_client(self.settings, "dynamodb"), self.settings.table_name)

    @cached_property
    def page_log(self) -> PageLog:
        from helpdesk.operations.adapters.page_log import DynamoPageLog

        return DynamoPageLog(aws_client(self.settings, "dynamodb"), self.settings.table_name)

    @cached_property
    def table_stats(self) -> TableStatsSource:
        from helpdesk.operations.adapters.storage_aws import DynamoTableStats

        return DynamoTableStats(aws_client(self.settings, "dynamodb"))

    @cached_property
    def metric_sink(self) -> MetricSink:
        from helpdesk.operations.adapters.storage_aws import CloudWatchMetricSink

        return CloudWatchMetricSink(aws_client(self.settings, "cloudwatch"))

    # ------------------------------------------------------------ commerce and licensing (docs/commerce.md)
    def get_secret(self, name: str) -> str:
        from aws_lambda_powertools.utilities.parameters import get_secret

        return str(get_secret(name, max_age=300))

    @cached_property
    def license_repository(self) -> LicenseRepository:
        from helpdesk.licensing.adapters.dynamo_licenses import DynamoLicenseRepository

        s = self.settings
        return DynamoLicenseRepository(s.table_name, s.region, s.aws_endpoint_url)

    @cached_property
    def licensing(self) -> LicensingService:
        from helpdesk.licensing.adapters.ed25519_signer import license_signer, retired_public_keys
        from helpdesk.licensing.services.licensing import LicensingService

        signer = license_signer(self.settings, self.get_secret)
        return LicensingService(
            self.license_repository, signer, self.clock, retired_public_keys(self.settings)
        )

    @cached_property
    def license_admin(self) -> LicenseAdminService:
        from helpdesk.licensing.services.admin import LicenseAdminService

        return LicenseAdminService(self.license_repository, self.licensing, self.clock)

    @cached_property
    def license_queries(self) -> LicenseQueries:
        from helpdesk.licensing.services.queries import LicenseQueries

        return LicenseQueries(self.license_repository, self.licensing, self.clock, self.product_names)

    @cached_property
    def product_names(self) -> CatalogueProductNames:
        """The catalogue's names for slugs, read once per product and cold start."""
        from helpdesk.commerce.adapters.product_names import CatalogueProductNames

        return CatalogueProductNames(self.catalogue)

    @cached_property
    def license_rate_limiter(self) -> RateLimiter:
        from helpdesk.identity.adapters.attempts_dynamodb import DynamoAttemptCounter
        from helpdesk.identity.services.rate_limits import Limit, RateLimiter

        s = self.settings
        limits = {
            "license_validate": Limit(s.license_validate_per_minute, 60),
            "license_activate": Limit(s.license_activate_per_minute, 60),
        }
        # Locally every caller is 127.0.0.1: a per-address limit would be one limit for everybody.
        factor = 0 if s.stage == "local" else 5
        counter = DynamoAttemptCounter(aws_client(s, "dynamodb"), s.table_name)
        return RateLimiter(counter, limits, per_address_factor=factor)

    @cached_property
    def catalogue(self) -> CatalogueService:
        from helpdesk.commerce.adapters.dynamo_catalogue import DynamoProductStore
        from helpdesk.commerce.services.catalogue import CatalogueService

        s = self.settings
        return CatalogueService(DynamoProductStore(s.table_name, s.region, s.aws_endpoint_url))

    @cached_property
    def checkout_store(self) -> CheckoutStore:
        from helpdesk.commerce.adapters.dynamo_checkout_store import DynamoCheckoutStore

        s = self.settings
        return DynamoCheckoutStore(s.table_name, s.region, s.aws_endpoint_url)

    @cached_property
    def payments(self) -> PaymentGateway:
        from helpdesk.commerce.adapters.stripe_payments import StripePayments, StripeWebhooks

        s = self.settings
        if s.stage == "local" and not s.stripe_webhook_secret_name:
            from helpdesk.commerce.adapters.stripe_local import LocalPayments

            return LocalPayments(
                s.local_payment_page_url,
                StripeWebhooks(s.local_stripe_webhook_secret, s.stripe_webhook_tolerance),
            )
        if not (s.stripe_webhook_secret_name and s.stripe_api_key_secret):
            raise RuntimeError(
                "STRIPE_WEBHOOK_SECRET_NAME and STRIPE_API_KEY_SECRET must be set off the local stack"
            )
        webhooks = StripeWebhooks(self.get_secret(s.stripe_webhook_secret_name), s.stripe_webhook_tolerance)
        return StripePayments(self.get_secret(s.stripe_api_key_secret), webhooks)

    @cached_property
    def ticket_stores(self) -> TicketStores:
        from helpdesk.sla.adapters.observed_tickets import ObservedTickets
        from helpdesk.tickets.adapters.stores import dynamo_ticket_stores

        s = self.settings
        stores = dynamo_ticket_stores(
            s.table_name, s.region, s.aws_endpoint_url, aws_client(s, "s3"), s.attachments_bucket
        )
        # every saved ticket updates its SLA and history, whichever use case saved it
        observed = ObservedTickets(stores.tickets, lambda old, new: self.sla_tracker.saved(old, new))
        return replace(stores, tickets=observed)

    @cached_property
    def checkout(self) -> CheckoutService:
        from helpdesk.commerce.adapters.ticket_links import CustomerAccounts, OrderTickets
        from helpdesk.commerce.services.checkout import CheckoutService
        from helpdesk.commerce.services.order_lifecycle import OrderLifecycle
        from helpdesk.notices.adapters.ses_mail import SesNoticeMailer
        from helpdesk.tickets.services.staff_tickets import StaffTickets

        s = self.settings
        return CheckoutService(
            self.checkout_store,
            self.payments,
            self.catalogue,
            CustomerAccounts(self.ticket_stores),
            self.licensing,
            self.license_admin,
            SesNoticeMailer(aws_client(s, "ses"), s.support_address),
            OrderTickets(StaffTickets(self.ticket_stores, self.clock)),
            self.clock,
            lifecycle=OrderLifecycle(self.license_lifecycle, self.license_repository, self.clock),
            accounts=self.billing_accounts,
            invoices=self.invoices,
            shop_url=s.shop_url,
        )

    @cached_property
    def invoices(self) -> InvoiceService:
        from helpdesk.billing.adapters.dynamo_invoices import DynamoInvoiceStore
        from helpdesk.billing.adapters.exchange_rates import S3EcbRates, fixed_rates
        from helpdesk.billing.adapters.pdf_documents import sheet_pdf
        from helpdesk.billing.adapters.s3_invoice_documents import S3InvoiceDocuments
        from helpdesk.billing.services.invoices import InvoicePolicy, InvoiceService
        from helpdesk.commerce.model.parties import Party
        from helpdesk.commerce.model.tax import TaxRules

        s = self.settings
        s3 = aws_client(s, "s3")
        fallback = [fixed_rates(s.exchange_rates, s.exchange_rates_base)] if s.exchange_rates else []
        cbr = ((s.cbr_rates_key, "RUB", "CBR"),)
        ecb_key, base = s.exchange_rates_key, s.exchange_rates_base
        rates = S3EcbRates(s3, s.invoices_bucket, ecb_key, base, fallback, also=cbr)
        seller = Party(
            s.seller_name,
            s.seller_name,
            s.seller_country,
            s.seller_vat_id,
            s.seller_email,
            tuple(s.seller_address),
        )
        overrides = dict(entry.split("=", 1) for entry in s.tax_rates)
        policy = InvoicePolicy(
            seller,
            TaxRules.with_overrides(s.seller_country, overrides),
            s.accounting_currency,
            s.download_url_expiry_seconds,
        )
        return InvoiceService(
            DynamoInvoiceStore(aws_client(s, "dynamodb"), s.table_name),
            S3InvoiceDocuments(s3, s.invoices_bucket),
            rates,
            policy,
            self.clock,
            self.product_names.product_name,
            sheet_pdf,  # fpdf2 itself loads on the first PDF only
        )

    @cached_property
    def billing_accounts(self) -> BillingAccounts:
        from helpdesk.commerce.adapters.dynamo_billing_accounts import DynamoBillingAccounts

        s = self.settings
        return DynamoBillingAccounts(s.table_name, s.region, s.aws_endpoint_url)

    @cached_property
    def subscription_payments(self) -> SubscriptionPayments:
        """Off-session charges on the saved card: Stripe, or the local payment page's cards locally."""
        s = self.settings
        if s.stage == "local" and not s.stripe_api_key_secret:
            from helpdesk.commerce.adapters.local_subscription_payments import LocalSubscriptionPayments

            return LocalSubscriptionPayments(self.billing_accounts)
        from helpdesk.commerce.adapters.stripe_subscription_payments import (
            StripeKeyMissing,
            StripeSubscriptionPayments,
        )

        if not s.stripe_api_key_secret:
            return StripeKeyMissing()
        return StripeSubscriptionPayments(self.get_secret(s.stripe_api_key_secret), self.billing_accounts)

    @cached_property
    def cabinet_renewals(self) -> CabinetRenewals:
        from helpdesk.commerce.services.renewals import CabinetRenewals

        return CabinetRenewals(self.license_repository, self.checkout)

    @cached_property
    def renewal_store(self) -> RenewalStore:
        from helpdesk.licensing.adapters.dynamo_renewals import DynamoRenewalStore

        s = self.settings
        return DynamoRenewalStore(s.table_name, s.region, s.aws_endpoint_url)

    @cached_property
    def license_console(self) -> LicenseConsole:
        from helpdesk.commerce.services.license_console import LicenseConsole

        return LicenseConsole(
            self.license_repository,
            self.license_queries,
            self.license_admin,
            self.renewal_store,
            lambda: self.license_lifecycle,
            self.catalogue,
            self.clock,
            self.license_change_notices,
            self.ticket_stores.customers,
        )

    @cached_property
    def license_change_notices(self) -> LicenseChangeNotices:
        from helpdesk.kernel.adapters.once_claims import DynamoOnceClaims
        from helpdesk.licensing.services.change_notices import LicenseChangeNotices
        from helpdesk.notices.adapters.ses_mail import SesNoticeMailer

        s = self.settings
        return LicenseChangeNotices(
            self.ticket_stores.customers,
            SesNoticeMailer(aws_client(s, "ses"), s.support_address),
            DynamoOnceClaims(aws_client(s, "dynamodb"), s.table_name),
            self.licensing,
            self.product_names,
        )

    @cached_property
    def licenses_at_risk(self) -> LicensesAtRisk:
        from helpdesk.licensing.services.at_risk import LicensesAtRisk

        return LicensesAtRisk(self.license_lifecycle, self.product_names, self.ticket_stores.customers)

    @cached_property
    def license_lifecycle(self) -> LicenseLifecycle:
        from helpdesk.commerce.adapters.renewal_terms import CatalogueRenewalTerms, parse_grace_days
        from helpdesk.licensing.adapters.sfn_workflows import StepFunctionsWorkflows
        from helpdesk.licensing.services.lifecycle import LicenseLifecycle
        from helpdesk.licensing.services.period_input import CompressedTimeline, RealTimeline

        s = self.settings
        timeline = (
            CompressedTimeline(s.license_seconds_per_day) if s.license_seconds_per_day > 0 else RealTimeline()
        )
        return LicenseLifecycle(
            self.license_repository,
            self.renewal_store,
            StepFunctionsWorkflows(aws_client(s, "stepfunctions"), s.license_lifecycle_arn),
            self.subscription_payments,
            CatalogueRenewalTerms(
                self.catalogue,
                parse_grace_days(s.license_grace_days),
                set(s.license_manual_renewal_products),
            ),
            timeline,
            self.clock,
            s.cabinet_url,
            names=self.product_names,
        )

    @cached_property
    def license_reminders(self) -> LicenseReminders:
        from helpdesk.kernel.adapters.once_claims import DynamoOnceClaims
        from helpdesk.licensing.services.reminders import LicenseReminders
        from helpdesk.notices.adapters.ses_mail import SesNoticeMailer

        s = self.settings
        return LicenseReminders(
            self.ticket_stores.customers,
            SesNoticeMailer(aws_client(s, "ses"), s.support_address),
            DynamoOnceClaims(aws_client(s, "dynamodb"), s.table_name),
            self.product_names.product_name,
        )

    @cached_property
    def lapse_ticket_opener(self) -> LapseTicketOpener:
        from helpdesk.licensing.adapters.lapse_tickets import LapseTickets

        return LapseTickets(self.ticket_stores, self.clock)

    @cached_property
    def cabinet(self) -> CabinetService:
        from helpdesk.cabinet.services.cabinet import CabinetService

        return CabinetService(
            self.ticket_stores,
            self.checkout_store,
            self.license_queries,
            self.notice_store,
            self.clock,
            self.renewal_store,
            download_expiry_seconds=self.settings.download_url_expiry_seconds,
            surveys=self.csat.for_ticket,
        )

    @cached_property
    def macros(self) -> MacroService:
        """Issue 17's macros; the license key variable is the customer's first active license."""
        from helpdesk.kernel.adapters.dynamo_table import item_model
        from helpdesk.tickets.adapters.dynamo_macros import DynamoMacros
        from helpdesk.tickets.services.macros import MacroService

        s = self.settings
        store = DynamoMacros(item_model(s.table_name, s.region, s.aws_endpoint_url))

        def license_key(customer_id: str) -> str:
            keys = [v.key for v in self.license_queries.for_customer(customer_id) if v.state == "active"]
            return keys[0] if keys else ""

        return MacroService(
            store, self.tickets.tickets, self.ticket_stores.customers, license_key, self.staff
        )

    @cached_property
    def presence(self) -> PresenceService:
        from helpdesk.kernel.adapters.dynamo_table import item_model
        from helpdesk.tickets.adapters.dynamo_presence import DynamoPresence
        from helpdesk.tickets.services.presence import PresenceService

        s = self.settings
        store = DynamoPresence(item_model(s.table_name, s.region, s.aws_endpoint_url))
        return PresenceService(store, self.ticket_repository, self.clock)

    # --- SLA: policies, calendars, the board, the history, auto-close (issue 17) ---
    @cached_property
    def sla_store(self) -> DynamoSla:
        from helpdesk.sla.adapters.dynamo_sla import DynamoSla

        return DynamoSla(aws_client(self.settings, "dynamodb"), self.settings.table_name)

    @cached_property
    def sla_tracker(self) -> SlaTracker:
        from helpdesk.sla.services.tracker import SlaTracker

        store = self.sla_store
        return SlaTracker(store, store, store, self.ticket_stores, self.clock, cache=store)

    @cached_property
    def sla_desk(self) -> SlaDesk:
        from helpdesk.sla.services.desk import SlaDesk

        store = self.sla_store
        return SlaDesk(self.sla_tracker, store, store, store, store, self.ticket_stores, self.clock)

    @cached_property
    def sla_admin(self) -> SlaAdmin:
        import secrets

        from helpdesk.sla.services.setup import SlaAdmin

        return SlaAdmin(self.sla_store, self.staff.assignee_email, lambda: secrets.token_hex(10))

    @cached_property
    def sla_sweep(self) -> SlaSweep:
        from helpdesk.kernel.adapters.once_claims import DynamoOnceClaims
        from helpdesk.notices.adapters.ses_mail import SesNoticeMailer
        from helpdesk.sla.adapters.staff_notices import NoticeStaffNotifier
        from helpdesk.sla.services.sweep import SlaSweep
        from helpdesk.tickets.model.conversation import TicketChange
        from helpdesk.tickets.model.ticket import TicketStatus

        s, store = self.settings, self.sla_store
        notifier = NoticeStaffNotifier(
            self.notice_store, SesNoticeMailer(aws_client(s, "ses"), s.support_address), self.clock
        )
        tickets = self.tickets.tickets

        class CloseTickets:
            def close(self, ticket_id: str) -> None:
                tickets.change(ticket_id, TicketChange(status=TicketStatus.CLOSED))

            def wake(self, ticket_id: str) -> None:
                tickets.wake(ticket_id)

        claims = DynamoOnceClaims(aws_client(s, "dynamodb"), s.table_name)
        return SlaSweep(
            self.sla_tracker,
            store,
            store,
            store,
            self.ticket_stores,
            notifier,
            CloseTickets(),
            claims,
            self.clock,
            s.console_url,
        )

    def desk_ticket_page(self, ticket_id: str) -> DeskTicketPageView:
        """The console's ticket page: conversation, customer panel, SLA, history and the customer's rating."""
        from helpdesk.sla.views import DeskTicketPageView, TicketSlaView, TimelineEventView
        from helpdesk.tickets.views.csat import StaffSurveyView

        page = self.ticket_pages.page(ticket_id)
        sla = self.sla_desk.for_ticket(page.ticket.id)
        survey = self.csat.for_ticket(page.ticket.id)
        return DeskTicketPageView(
            **dict(page),
            sla=TicketSlaView.of(sla.snapshot),
            timeline=[TimelineEventView.of(e) for e in sla.history],
            csat=StaffSurveyView.of(survey.survey) if survey else None,
        )

    def inbox_with_sla(self, page: InboxPageView, tickets: list[Ticket]) -> DeskInboxPageView:
        """An inbox answer with each row's SLA (None where no policy covers the ticket)."""
        from helpdesk.sla.views import DeskInboxPageView

        return DeskInboxPageView.with_slas(page, self.sla_desk.for_rows(tickets))

    @cached_property
    def desk_store(self) -> DeskStore:
        from helpdesk.kernel.adapters.dynamo_table import item_model
        from helpdesk.tickets.adapters.dynamo_desk import DynamoDesk

        s = self.settings
        return DynamoDesk(item_model(s.table_name, s.region, s.aws_endpoint_url))

    @cached_property
    def desk(self) -> DeskService:
        from helpdesk.tickets.services.desk import DeskService

        return DeskService(self.ticket_repository, self.desk_store, self.clock)

    @cached_property
    def customer_pages(self) -> CustomerPages:
        from helpdesk.cabinet.services.customer_pages import CustomerPages

        return CustomerPages(
            self.ticket_stores, self.license_queries, self.checkout_store, self.invoices, self.task_desk
        )

    @cached_property
    def bulk(self) -> BulkService:
        from helpdesk.tickets.services.bulk import BulkService

        return BulkService(self.ticket_stores, self.desk_store, self.tickets.tickets, self.staff, self.clock)

    # ------------------------------------------------------------ tasks and the Jira sync (docs/tasks.md)
    @cached_property
    def project_store(self) -> ProjectStore:
        from helpdesk.kernel.adapters.dynamo_table import item_model
        from helpdesk.tasks.adapters.dynamo_projects import DynamoProjects

        s = self.settings
        return DynamoProjects(item_model(s.table_name, s.region, s.aws_endpoint_url))

    @cached_property
    def task_store(self) -> TaskStore:
        from helpdesk.kernel.adapters.dynamo_table import item_model
        from helpdesk.tasks.adapters.dynamo_tasks import DynamoTasks

        s = self.settings
        return DynamoTasks(item_model(s.table_name, s.region, s.aws_endpoint_url))

    @cached_property
    def task_assignees(self) -> TaskAssignees:
        from helpdesk.tasks.adapters.cognito_staff import CognitoStaffDirectory

        return CognitoStaffDirectory(aws_client(self.settings, "cognito-idp"), self.settings.user_pool_id)

    @cached_property
    def jira_sync_outbox(self) -> SyncOutbox:
        from helpdesk.tasks.adapters.sqs_sync import NoSync, SqsSyncOutbox

        url = self.settings.jira_sync_queue_url
        return SqsSyncOutbox(aws_client(self.settings, "sqs"), url) if url else NoSync()

    @property
    def task_orders(self) -> OrderLookup:
        """The orders tasks are made from: the shop's (BillingParts adds its service orders)."""
        return self.checkout_store

    @cached_property
    def task_desk(self) -> TaskDesk:
        from helpdesk.tasks.services.desk import TaskDesk
        from helpdesk.tasks.services.projects import ProjectService
        from helpdesk.tasks.services.tasks import TaskService

        projects, tasks = self.project_store, self.task_store
        service = TaskService(
            projects,
            tasks,
            self.task_assignees,
            self.ticket_repository,
            self.task_orders,
            self.jira_sync_outbox,
            self.clock,
            self.task_done_outbox,
            self.ticket_stores.attachments,  # task files share the attachments bucket, under tasks/
        )
        return TaskDesk(
            ProjectService(projects, tasks, self.clock, self.task_working_days), service, self.clock
        )

    def task_working_days(self) -> WorkingDays:
        """The business calendar task deadlines count (settings' `task_calendar`, else the only or first SLA
        calendar), read at each use; every calendar day when there is none."""
        from helpdesk.tasks.public import EveryDay

        calendars = self.sla_admin.calendars()
        wanted = self.settings.task_calendar
        chosen = next((c for c in calendars if c.name == wanted), None) if wanted else None
        return chosen or (calendars[0] if calendars and not wanted else None) or EveryDay()

    @cached_property
    def task_done_outbox(self) -> DoneMailOutbox:
        from helpdesk.tasks.adapters.sqs_done_mail import NoDoneMails, SqsDoneMails

        url = self.settings.outbound_queue_url
        return SqsDoneMails(aws_client(self.settings, "sqs"), url) if url else NoDoneMails()

    @cached_property
    def task_done_mails(self) -> TaskDoneMails:
        from helpdesk.kernel.adapters.once_claims import DynamoOnceClaims
        from helpdesk.notices.adapters.ses_mail import SesNoticeMailer
        from helpdesk.tasks.public import TaskDoneMails

        s = self.settings
        return TaskDoneMails(
            self.project_store,
            self.task_store,
            self.ticket_repository,
            self.task_orders,
            self.ticket_stores.customers,
            SesNoticeMailer(aws_client(s, "ses"), s.support_address),
            DynamoOnceClaims(aws_client(s, "dynamodb"), s.table_name),
            s.cabinet_url,
        )

    @cached_property
    def task_deadlines(self) -> Deadlines:
        from helpdesk.kernel.adapters.once_claims import DynamoOnceClaims
        from helpdesk.notices.adapters.ses_mail import SesNoticeMailer
        from helpdesk.tasks.public import Deadlines

        s = self.settings
        return Deadlines(
            self.project_store,
            self.task_store,
            SesNoticeMailer(aws_client(s, "ses"), s.support_address),
            DynamoOnceClaims(aws_client(s, "dynamodb"), s.table_name),
            self.clock,
            s.console_url,
            s.task_digest_hour_utc,
            self.task_working_days,
        )

    @cached_property
    def jira_client(self) -> JiraClient:
        from helpdesk.tasks.adapters.jira_http import HttpJira

        s = self.settings
        local = s.stage == "local" and not s.jira_api_token_secret
        token = s.local_jira_api_token if local else self.get_secret(s.jira_api_token_secret)
        return HttpJira(s.jira_base_url, s.jira_email or "helpdesk@localhost", token)

    @cached_property
    def jira_sync(self) -> JiraSync:
        from helpdesk.kernel.adapters.once_claims import DynamoOnceClaims
        from helpdesk.tasks.services.jira_sync import JiraSync

        s = self.settings
        claims = DynamoOnceClaims(aws_client(s, "dynamodb"), s.table_name)
        return JiraSync(
            self.project_store,
            self.task_store,
            self.jira_client,
            claims,
            self.jira_sync_outbox,
            self.clock,
            self.task_done_outbox,
        )

    @cached_property
    def jira_webhooks(self) -> JiraWebhooks:
        from helpdesk.tasks.services.desk import JiraWebhooks

        s = self.settings

        def secret() -> str:
            if s.stage == "local" and not s.jira_webhook_secret_name:
                return s.local_jira_webhook_secret
            return self.get_secret(s.jira_webhook_secret_name)

        return JiraWebhooks(self.jira_sync, secret)
