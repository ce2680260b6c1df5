"""The parts of the composition root for billing's services work: quotes, client accounts, time to invoice."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from helpdesk.bootstrap.core import CoreParts, aws_client

if TYPE_CHECKING:
    from helpdesk.billing.ports import ClientAccounts, DocumentMailer, WorkedTime
    from helpdesk.billing.services.invoice_payments import InvoicePayments
    from helpdesk.billing.services.quote_payments import QuotePayments
    from helpdesk.billing.services.quotes import QuoteService
    from helpdesk.billing.services.rate_fetch import RateFetcher
    from helpdesk.billing.services.receivables import Receivables
    from helpdesk.billing.services.service_orders import ServiceOrders
    from helpdesk.billing.services.time_billing import TimeBilling
    from helpdesk.bootstrap.order_tasks import ShopAndServiceOrders
    from helpdesk.commerce.services.checkout import CheckoutService


class BillingParts(CoreParts):
    @cached_property
    def client_accounts(self) -> ClientAccounts:
        from helpdesk.billing.adapters.dynamo_billing import DynamoClientAccounts

        return DynamoClientAccounts(aws_client(self.settings, "dynamodb"), self.settings.table_name)

    @cached_property
    def document_mailer(self) -> DocumentMailer:
        from helpdesk.billing.adapters.ses_documents import SesDocumentMailer

        return SesDocumentMailer(aws_client(self.settings, "ses"), self.settings.support_address)

    @cached_property
    def worked_time(self) -> WorkedTime:
        from helpdesk.bootstrap.worked_time import TasksAndTicketsTime

        stores = self.ticket_stores
        return TasksAndTicketsTime(
            self.project_store, self.task_store, self.desk_store, stores.customers, stores.tickets
        )

    @cached_property
    def quotes(self) -> QuoteService:
        from helpdesk.billing.adapters.dynamo_billing import DynamoQuotes
        from helpdesk.billing.adapters.pdf_documents import sheet_pdf
        from helpdesk.billing.model.documents import quote_sheet
        from helpdesk.billing.services.quotes import QuoteService

        seller = self.invoices.seller
        store = DynamoQuotes(aws_client(self.settings, "dynamodb"), self.settings.table_name)
        return QuoteService(
            store,
            self.client_accounts,
            self.document_mailer,
            self.clock,
            lambda quote, account: sheet_pdf(quote_sheet(quote, seller, account)),
            self.settings.cabinet_url,
            self.invoices.documents,
            self.settings.download_url_expiry_seconds,
        )

    @cached_property
    def time_billing(self) -> TimeBilling:
        from helpdesk.billing.adapters.dynamo_billing import DynamoDrafts, DynamoTimeLedger
        from helpdesk.billing.adapters.dynamo_invoices import DynamoInvoiceStore
        from helpdesk.billing.services.time_billing import TimeBilling

        db, table = aws_client(self.settings, "dynamodb"), self.settings.table_name
        invoices = self.invoices
        return TimeBilling(
            self.worked_time,
            DynamoTimeLedger(db, table),
            DynamoDrafts(db, table),
            self.client_accounts,
            DynamoInvoiceStore(db, table),
            invoices.rates,
            invoices.policy,
            self.clock,
            self.document_mailer,
            invoices.publish,
            self.receivables,
        )

    @cached_property
    def quote_payments(self) -> QuotePayments:
        from helpdesk.billing.adapters.dynamo_invoices import DynamoInvoiceStore
        from helpdesk.billing.services.quote_payments import QuotePayments

        invoices, s = self.invoices, self.settings
        policy = invoices.policy
        return QuotePayments(
            self.quotes,
            self.client_accounts,
            DynamoInvoiceStore(aws_client(s, "dynamodb"), s.table_name),
            policy,
            lambda currency, at: invoices.rates.rate(currency, policy.accounting_currency, at.date()),
            self.clock,
            lambda checkout, success, cancel: self.checkout.start_service_payment(checkout, success, cancel),
            s.cabinet_url,
            invoices.publish,
            self.document_mailer,
        )

    @cached_property
    def invoice_payments(self) -> InvoicePayments:
        from helpdesk.billing.adapters.dynamo_invoices import DynamoInvoiceStore
        from helpdesk.billing.services.invoice_payments import InvoicePayments
        from helpdesk.billing.services.invoice_refunds import InvoiceRefunds
        from helpdesk.kernel.adapters.once_claims import DynamoOnceClaims

        s = self.settings
        db = aws_client(s, "dynamodb")
        store = DynamoInvoiceStore(db, s.table_name)
        return InvoicePayments(
            self.invoices,
            store,
            self.receivables,
            self.clock,
            lambda checkout, success, cancel: self.checkout.start_service_payment(checkout, success, cancel),
            s.cabinet_url,
            self.document_mailer,
            DynamoOnceClaims(db, s.table_name),
            InvoiceRefunds(self.invoices, store, self.receivables, self.clock),
        )

    @cached_property
    def service_orders(self) -> ServiceOrders:
        from helpdesk.billing.adapters.dynamo_billing import DynamoQuotes
        from helpdesk.billing.services.service_orders import ServiceOrders
        from helpdesk.bootstrap.order_tasks import DeskOrderTasks

        store = DynamoQuotes(aws_client(self.settings, "dynamodb"), self.settings.table_name)
        tasks = DeskOrderTasks(lambda: self.task_desk)
        return ServiceOrders(self.quotes, store, lambda: tasks, lambda i: self.ticket_repository.find(i))

    @cached_property
    def task_orders(self) -> ShopAndServiceOrders:
        """Tasks are made from the shop's orders and from service orders."""
        from helpdesk.bootstrap.order_tasks import ShopAndServiceOrders

        return ShopAndServiceOrders(self.checkout_store, lambda: self.service_orders)

    @cached_property
    def checkout(self) -> CheckoutService:
        """The shop's checkout, which hands paid quotes and invoices to billing (commerce sits below it)."""
        service = CoreParts.checkout.func(self)  # type: ignore[attr-defined]
        service.serve(self.quote_payments)
        service.serve(self.invoice_payments)
        return service  # type: ignore[no-any-return]

    @cached_property
    def rate_fetcher(self) -> RateFetcher:
        from pathlib import Path

        from helpdesk.billing.adapters.exchange_rates import S3RateFiles
        from helpdesk.billing.adapters.rate_feeds import FixtureRateFeed, HttpRateFeed
        from helpdesk.billing.model.rate_feeds import parse_cbr_daily, parse_ecb_daily
        from helpdesk.billing.services.rate_fetch import RateFetcher, RateSource

        s = self.settings
        today = lambda: self.clock.now().date()  # noqa: E731
        feed = FixtureRateFeed(Path(s.rates_fixtures_dir), today) if s.rates_fixtures_dir else HttpRateFeed()
        sources = [
            RateSource("ECB", s.ecb_daily_url, s.exchange_rates_key, "EUR", parse_ecb_daily),
            RateSource("CBR", s.cbr_daily_url, s.cbr_rates_key, "RUB", parse_cbr_daily),
        ]
        return RateFetcher(feed, S3RateFiles(aws_client(s, "s3"), s.invoices_bucket), sources, self.clock)

    @cached_property
    def receivables(self) -> Receivables:
        from helpdesk.billing.adapters.dynamo_receivables import DynamoReceivables
        from helpdesk.billing.services.receivables import Receivables

        store = DynamoReceivables(aws_client(self.settings, "dynamodb"), self.settings.table_name)
        return Receivables(store, self.document_mailer, self.clock)
