"""One settings class, read once from the environment (names match template.yaml's Globals)."""

from __future__ import annotations

import os
from functools import lru_cache

from pydantic import BaseModel, Field


class Settings(BaseModel):
    stage: str = "local"
    region: str = "eu-central-1"
    # Set only on the local stack: every AWS client talks to the emulator there.
    aws_endpoint_url: str | None = None  # AWS_ENDPOINT_URL, which boto3 honours too

    table_name: str = "helpdesk"
    attachments_bucket: str = "helpdesk-attachments"
    outbound_queue_url: str = ""
    user_pool_id: str = ""
    user_pool_client_id: str = ""
    support_domain: str = "support.example.com"
    support_address: str = "support@support.example.com"
    console_url: str = "http://console.localhost"
    cabinet_url: str = "http://cabinet.localhost"
    shop_url: str = "http://shop.localhost"
    search_backend: str = "tantivy"
    search_url: str = ""
    search_index_dir: str = ".local/search"  # tantivy-s3: the Lambda's local copy (/tmp/search)
    search_bucket: str = ""  # tantivy-s3: where the writer publishes the index (docs/search.md)
    search_check_seconds: float = 5.0  # tantivy-s3: a reader asks S3 for a newer manifest at most this often
    search_retire_seconds: float = 900.0  # tantivy-s3: dropped files stay this long for readers
    queue_names: list[str] = Field(default_factory=list)
    escalation_state_machine_arn: str = ""
    phone_backend: str = "record"  # "connect" on AWS when an Amazon Connect instance is configured
    connect_instance_id: str = ""
    connect_contact_flow_id: str = ""
    connect_source_number: str = ""
    # Licensing and checkout (docs/licensing.md): secrets live in Secrets Manager, these are their names.
    license_signing_key_secret: str = ""
    license_signing_key_file: str = ".local/license-signing.key"
    license_retired_public_keys: list[str] = Field(default_factory=list)  # "<key id>=<base64 public key>"
    stripe_api_key_secret: str = ""
    stripe_webhook_secret_name: str = ""
    stripe_webhook_tolerance: int = 300
    local_payment_page_url: str = ""
    # Commerce (docs/commerce.md). The local webhook secret is a development value used only when stage is
    # "local" and no secret name is set; every other stage reads STRIPE_WEBHOOK_SECRET_NAME.
    local_stripe_webhook_secret: str = "whsec_local_helpdesk_development"
    license_validate_per_minute: int = 600  # per license key; 5x per client address
    license_activate_per_minute: int = 60
    # Tickets from mail (issue 4). The reply-token secret itself lives in SSM, never in the environment.
    reply_token_secret_parameter: str = "/helpdesk/reply-token-secret"
    support_from_name: str = "Support"
    ack_limit: int = 3
    ack_window_seconds: int = 3600
    max_mail_bytes: int = 30 * 1024 * 1024
    download_url_expiry_seconds: int = 300
    # Channels (docs/channels.md): other channels' messages are written, as mail, into the raw-mail bucket.
    raw_mail_bucket: str = "helpdesk-raw-mail"
    channel_reply_queue_url: str = ""
    telegram_api_url: str = "https://api.telegram.org"  # the stand-in's address locally
    cabinet_telegram_bot: str = ""  # the bot id the cabinet's "Connect Telegram" offers ("": none)
    whatsapp_api_url: str = "https://graph.facebook.com/v21.0"  # Graph API and version; the stand-in locally
    chat_origins: list[str] = Field(default_factory=list)  # sites that embed the chat widget (exact origins)
    # Queue consumers: a failed record returns after min(cap, base * 2^receives) seconds plus jitter.
    queue_retry_base_seconds: float = 5.0
    queue_retry_cap_seconds: float = 900.0
    # License lifecycle (docs/license-lifecycle.md).
    license_lifecycle_arn: str = ""
    license_grace_days: list[str] = Field(default_factory=list)  # "<product>=<days>"; default 14
    # Products whose monthly/yearly licenses are renewed by the customer, not charged on the saved card.
    license_manual_renewal_products: list[str] = Field(default_factory=list)
    license_seconds_per_day: float = 0  # > 0 compresses the lifecycle's waits (local demos); 0: real time
    # Tax invoices (docs/invoices.md). The seller defaults are the local demo's: set SELLER_* on AWS.
    invoices_bucket: str = "helpdesk-invoices"
    releases_bucket: str = "helpdesk-releases"  # module zips (docs/commerce.md)
    accounting_currency: str = "EUR"
    exchange_rates_key: str = "rates/eurofxref-hist.csv"  # an ECB-style CSV in the invoices bucket
    exchange_rates_base: str = "EUR"  # the file's and the fixed table's quotes are per one unit of this
    exchange_rates: list[str] = Field(default_factory=list)  # fallback "USD=1.10": units per one base unit
    # Fetched daily (docs/billing.md): ECB's history in exchange_rates_key, the Bank of Russia's here.
    cbr_rates_key: str = "rates/cbr-hist.csv"
    ecb_daily_url: str = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml"
    cbr_daily_url: str = "https://www.cbr.ru/scripts/XML_daily.asp"
    rates_fixtures_dir: str = ""  # set: the feed reads <dir>/<last URL segment> instead of the network
    tax_rates: list[str] = Field(default_factory=list)  # "DE=19": percent; overrides the built-in EU table
    seller_name: str = "Helpdesk Demo Agency GmbH"
    seller_address: list[str] = Field(default_factory=lambda: ["Musterstrasse 1", "10115 Berlin"])
    seller_country: str = "DE"
    seller_vat_id: str = "DE000000000"
    seller_email: str = "billing@helpdesk.localhost"
    # Tasks and the Jira Cloud sync (docs/tasks.md). Secrets live in Secrets Manager; these are their names.
    jira_sync_queue_url: str = ""
    jira_base_url: str = ""  # https://<site>.atlassian.net; the Jira stand-in's address locally
    jira_email: str = ""
    jira_api_token_secret: str = ""
    jira_webhook_secret_name: str = ""
    task_calendar: str = ""  # the SLA calendar task deadlines count working days in ("": the only/first)
    task_digest_hour_utc: int = 6  # the developers' daily digest goes out at the first run from this hour
    # Development values, used only when stage is "local" and the secret names above are unset.
    local_jira_api_token: str = "local-jira-token"
    local_jira_webhook_secret: str = "local-jira-webhook-secret"
    # Outgoing webhooks (docs/webhooks.md). Loopback http targets only where the local stack says so.
    webhook_delivery_queue_url: str = ""
    webhook_allow_loopback: bool = False
    webhook_retry_scale: float = 1.0  # < 1 compresses the ~3-day retry schedule (local stack, benchmark)
    webhook_disable_after_days: float = 5.0
    # Server access (docs/server-access.md): the SSH CA private key is the Secrets Manager secret so named.
    access_ca_secret_name: str = "helpdesk-access-ca"
    access_seconds_per_hour: float = 3600  # < 3600 compresses access windows (local demos, tests)
    access_krl_base_url: str = ""  # the public API's URL; servers fetch <it>/access/krl/<organisation>
    hosting_panel_url: str = ""  # cPanel's https://<host>:2083 (the stand-in locally); empty: no panel
    hosting_panel_token_secret: str = ""  # "<cpanel user>:<API token>" in Secrets Manager
    local_hosting_panel_token: str = "helpdesk:local-cpanel-token"
    # Connectors (docs/integrations.md): settings in the table, credentials in Secrets Manager (prefix).
    integrations_queue_url: str = ""
    integrations_dlq_url: str = ""
    integrations_secret_prefix: str = "helpdesk/local/integrations/"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        values: dict[str, object] = {}
        for name, field in cls.model_fields.items():
            raw = env.get(name.upper())
            if raw is None:
                continue
            values[name] = [v for v in raw.split(",") if v] if field.annotation == list[str] else raw
        if "region" not in values and env.get("AWS_REGION"):
            values["region"] = env["AWS_REGION"]
        return cls.model_validate(values)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings.from_env()
