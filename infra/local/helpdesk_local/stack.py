"""The whole product on one machine: emulator, template.yaml's resources, functions, event delivery, web."""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpdesk_local.alarms import AlarmEvaluator
from helpdesk_local.delivery import Invoker, Scheduler, SqsPoller, StreamPoller, Worker
from helpdesk_local.durability import Durable
from helpdesk_local.emulator import Emulator, free_port
from helpdesk_local.environments import ProcessEnvironment
from helpdesk_local.functions import LocalFunction, load_functions, shared_environment
from helpdesk_local.gateway import Gateway, base_path, build_routes
from helpdesk_local.mailviewer import MailViewer
from helpdesk_local.memory import bound_process_memory
from helpdesk_local.metric_retention import MetricRetention
from helpdesk_local.metrics import Observed, ObservedMetricsPublisher, QueueMetricsPublisher
from helpdesk_local.observed_names import alarmed_buckets, api_names
from helpdesk_local.provision import Provisioner
from helpdesk_local.running import RunningStack, forget_stack, record_stack
from helpdesk_local.smtp import InboundHandler, start_smtp
from helpdesk_local.state import load_state
from helpdesk_local.stream_retention import trim_consumed
from helpdesk_local.stream_signal import NEW_RECORDS, announce_stream_records
from helpdesk_local.template import Created, Resolver, load_template
from helpdesk_local.web import Front, Site

log = logging.getLogger("helpdesk.local")
ROOT = Path(__file__).resolve().parents[3]


@dataclass
class LocalConfig:
    root: Path = ROOT
    state_dir: Path | None = None
    fresh: bool = False
    persist: bool = True
    http_port: int = 0
    smtp_port: int = 0
    emulator_port: int = 0
    region: str = "eu-central-1"
    retry_delay: int = 1
    schedule_speedup: float = 1.0
    alarm_time_scale: float = 1.0  # > 1: alarms and their metrics run on a faster clock (benchmarks)
    concurrency: int = field(default_factory=lambda: os.cpu_count() or 1)  # environments per function at most
    demo: bool = True
    demo_reports: bool = True  # the month of report data; tests that need it load it by command

    @property
    def state_folder(self) -> Path:
        return self.state_dir or self.root / ".local"

    @property
    def state_file(self) -> Path:
        return self.state_folder / "emulator.pickle"


@dataclass
class LocalStack:
    config: LocalConfig = field(default_factory=LocalConfig)

    def start(self) -> LocalStack:
        c = self.config
        started = time.monotonic()
        bound_process_memory()
        self.http_port = c.http_port or free_port()
        self.smtp_port = c.smtp_port or free_port()
        self.extra: dict[str, Any] = {}
        # no network for rates: the fetch function reads these fixtures through the same code path
        os.environ.setdefault("RATES_FIXTURES_DIR", str(Path(__file__).with_name("rate_fixtures")))
        self.durable = self._durable() if c.persist else None
        self.emulator = Emulator(c.region, c.emulator_port, wrap=self.durable.wrap if self.durable else None)
        self.emulator.start()
        self.extra.update({} if c.fresh else load_state(c.state_file))
        self.checkpoints: dict[str, str] = self.extra.setdefault("stream_checkpoints", {})
        self.template = load_template(c.root / "template.yaml")
        self.resolver = Resolver(self.template, self._parameters(), c.region)
        self.resources = Provisioner(self.resolver, self.emulator.client, c.root).create_all()
        self.functions = load_functions(self.resolver, c.root)
        self.observed = Observed()
        for fn in self.functions.values():
            fn.observe = self.observed.invoked
        settings = self._local_urls(shared_environment(self.functions))
        os.environ.update(settings)
        # Consumers back off exponentially; locally the whole retry ladder fits in seconds, like retry_delay:
        # five receives of a record that never succeeds take about ten seconds to reach its DLQ.
        os.environ.setdefault("QUEUE_RETRY_BASE_SECONDS", str(c.retry_delay / 2))
        os.environ.setdefault("QUEUE_RETRY_CAP_SECONDS", str(c.retry_delay * 2))
        # Webhooks to receivers on this machine over plain http; the ~3-day retry schedule in minutes.
        os.environ.setdefault("WEBHOOK_ALLOW_LOOPBACK", "true")
        os.environ.setdefault("WEBHOOK_RETRY_SCALE", "0.002")
        settings |= self._local_search()
        os.environ.update(settings)
        self._reset_cached_settings()
        self._ensure_secrets()
        self.front = self._start_web()
        self.smtp = self._start_smtp()
        self.stop_event = threading.Event()
        self.environments: list[ProcessEnvironment] = []
        self.workers = self._workers()
        self._load_demo_then_deliver()
        if self.durable is not None:
            self.durable.acknowledge()  # from here on a write is answered once it is on disk
        self.startup_seconds = time.monotonic() - started
        region = {"AWS_REGION": c.region, "AWS_DEFAULT_REGION": c.region}
        endpoint = self.emulator.endpoint
        found = RunningStack(os.getpid(), self.http_port, self.smtp_port, endpoint, settings | region)
        record_stack(c.state_folder, found)  # where the admin commands find this stack
        return self

    def _load_demo_then_deliver(self) -> None:
        """Delivery starts once the demo is written: while it was being written, each record woke four stream
        readers and the queue consumers in this process, which took turns with the writer (start-up took twice
        the CPU); afterwards they take the same records in whole batches."""
        if self.config.demo:
            from helpdesk_local.demo import load_demo

            self.demo_logins = load_demo(self, reports=self.config.demo_reports)
        for worker in self.workers:
            worker.start()

    def _durable(self) -> Durable:
        return Durable(self.config.state_file, self.extra, prune=self._drop_read_stream_records)

    def _drop_read_stream_records(self) -> int:
        readers = [(w.fn.name, w.arn) for w in getattr(self, "workers", []) if isinstance(w, StreamPoller)]
        return trim_consumed(readers, self.checkpoints)

    def stop(self) -> None:
        forget_stack(self.config.state_folder, os.getpid())
        self.stop_event.set()
        NEW_RECORDS.announce()  # wakes the stream readers waiting for records, so they see the stop
        from helpdesk_local.long_polls import end_long_polls

        end_long_polls()  # and the queue pollers waiting in a receive
        deadline = time.monotonic() + 5  # one budget for all workers: a busy one must not hold up the rest
        for worker in self.workers:
            worker.join(timeout=max(0.0, deadline - time.monotonic()))
        for environment in self.environments:
            environment.terminate()  # all at once: one by one, each waiting, took minutes under load
        deadline = time.monotonic() + 5
        for environment in self.environments:
            environment.close(deadline)
        if self.durable is not None:
            self.durable.close()
        for stop in (self.smtp.stop, self.http_server.close, self.emulator.stop):
            closer = threading.Thread(target=stop, daemon=True)
            closer.start()
            closer.join(timeout=5)

    # ---------------------------------------------------------------- helpers for tools and tests
    def url(self, host: str) -> str:
        return self.front.url(host)

    def resource(self, logical_id: str) -> Created:
        return self.resources[logical_id]

    def client(self, service: str) -> Any:
        return self.emulator.client(service)

    def env(self, name: str) -> str:
        return os.environ[name]

    # ---------------------------------------------------------------- wiring
    def _parameters(self) -> dict[str, str]:
        port = self.http_port
        return {
            "Stage": "local",
            "SupportDomain": "support.localhost",
            "ShopDomain": f"shop.localhost:{port}",
            "ConsoleDomain": f"console.localhost:{port}",
            "CabinetDomain": f"cabinet.localhost:{port}",
            "AccessKrlBaseUrl": f"http://api.localhost:{port}/public",
            "ChatOrigins": f"http://company.localhost:{port},http://shop.localhost:{port}",  # the chat widget
        }

    @staticmethod
    def _local_urls(env: dict[str, str]) -> dict[str, str]:
        """*.localhost is served over plain http locally."""
        return {k: v.replace("https://", "http://") if ".localhost" in v else v for k, v in env.items()}

    @staticmethod
    def _reset_cached_settings() -> None:
        from helpdesk import bootstrap, settings

        settings.get_settings.cache_clear()
        bootstrap.container.cache_clear()

    def _local_search(self) -> dict[str, str]:
        """The embedded engine stands in for the OpenSearch domain locally (same port, one contract suite)."""
        import shutil

        directory = self.config.state_folder / "search"
        if self.config.fresh:
            shutil.rmtree(directory, ignore_errors=True)
        return {"SEARCH_BACKEND": "tantivy", "SEARCH_INDEX_DIR": str(directory), "SEARCH_URL": ""}

    def _ensure_secrets(self) -> None:
        """What an operator creates by hand on AWS (README): the reply-token secret, once per local state."""
        import secrets

        # moto's SSM state does not pickle, so the value travels in our state: replies sent before a restart
        # must still thread after it.
        value = self.extra.setdefault("reply_token_secret", secrets.token_hex(32))
        self.emulator.client("ssm").put_parameter(
            Name=os.environ["REPLY_TOKEN_SECRET_PARAMETER"], Type="SecureString", Value=value, Overwrite=True
        )
        from helpdesk_local.demo_access import ensure_access_ca

        ensure_access_ca()  # the SSH CA's key in Secrets Manager (docs/server-access.md)

    def _sites(self) -> list[Site]:
        sites = []
        for spec in self.template["Resources"].values():
            meta = spec.get("Metadata", {}).get("LocalSite")
            if meta:
                sites.append(Site(meta["Host"], self.config.root / meta["Dir"], meta.get("Api")))
        return sites

    def _start_web(self) -> Front:
        from waitress.server import create_server

        pool_id = self.resources["UserPool"].ref
        gateway = Gateway(
            build_routes(self.functions, self.template),
            self._authorizer(pool_id),
            observe=self.observed.answered,
            api_names=api_names(self.template, self.resolver),
        )
        apis = {
            base_path(n): n
            for n, s in self.template["Resources"].items()
            if s["Type"] == "AWS::Serverless::Api"
        }
        front = Front(
            self._sites(),
            gateway,
            MailViewer(self.config.region),
            apis,
            self._extra_hosts(),
            shared=self.config.root / "web" / "shared",
            auth_config={"clientId": self.resources["WebClient"].ref},
            inline_styles=self._inline_styles(),
            storage=self.emulator.endpoint,
        )
        front.port = self.http_port
        served = self.durable.front(front) if self.durable else front
        self.http_server = create_server(
            # a write waits for its snapshot in its thread: static files must not queue behind such waits
            served,
            host="127.0.0.1",
            port=self.http_port,
            threads=16,
            ident="helpdesk-local",
        )
        threading.Thread(target=self.http_server.run, name="http", daemon=True).start()
        return front

    def _authorizer(self, pool_id: str) -> Any:
        """API Gateway's Cognito authorizer: the token checks the functions make (services/tokens.py)."""
        from helpdesk.identity.adapters.jwks_http import HttpJwksSource
        from helpdesk.identity.services.tokens import TokenVerifier, cognito_issuer, jwks_url

        issuer = cognito_issuer(self.config.region, pool_id)
        source = HttpJwksSource(jwks_url(issuer, pool_id, self.emulator.endpoint))
        verifier = TokenVerifier.for_pool(source, issuer, [self.resources["WebClient"].ref])
        return lambda token: verifier.claims(token, "id")

    def _inline_styles(self) -> tuple[str, ...]:
        try:
            from helpdesk_local.auth.pages import STYLE
        except ImportError:
            return ()
        return (STYLE,)

    def _extra_hosts(self) -> dict[str, Any]:
        from helpdesk_local.company_host import make_company_host
        from helpdesk_local.pay_host import make_pay_host

        hosts = {"pay": self._pay_host(make_pay_host), "jira": self._jira_host()}
        self._cpanel_standin()
        hosts["pipedrive"], hosts["bitrix24"] = self._connectors()
        hosts["omnidesk"] = self._omnidesk_standin()
        hosts["company"] = make_company_host(self)
        hosts["telegram"] = self._telegram_host()
        hosts["whatsapp"] = self._whatsapp_host()
        hosts["schedules"] = self._schedules_host()
        try:
            from helpdesk_local.auth_host import make_auth_host
        except ImportError:
            return hosts
        return {"auth": make_auth_host(self), **hosts}

    def _jira_host(self) -> Any:
        """The Jira stand-in (docs/tasks.md); the sync's settings must name it before first use."""
        from helpdesk_local.jira_control import JiraStandinHost
        from helpdesk_local.jira_standin import start_jira_standin

        self.jira = start_jira_standin(self)
        self.jira.restore(self.extra.get("jira_standin", {}))  # its issues outlive a restart, like the links

        def keep() -> None:  # into the state the durability snapshots take
            self.extra["jira_standin"] = self.jira.snapshot()
            if self.durable is not None:
                self.durable.committer.changed()

        self.jira.on_change = keep
        self._reset_cached_settings()
        return JiraStandinHost(self.jira)

    def _cpanel_standin(self) -> None:
        """The hosting panel (cPanel UAPI) stand-in for temporary FTP accounts (docs/server-access.md)."""
        from helpdesk_local.cpanel_standin import start_cpanel_standin

        self.cpanel, url, _ = start_cpanel_standin()
        os.environ.update({"HOSTING_PANEL_URL": url, "LOCAL_HOSTING_PANEL_TOKEN": self.cpanel.token})
        self._reset_cached_settings()

    def _connectors(self) -> Any:
        """The Pipedrive and Bitrix24 stand-ins (docs/integrations.md); the demo connects the connectors."""
        from helpdesk_local import demo_integrations as demo
        from helpdesk_local.bitrix24_standin import start_bitrix24_standin
        from helpdesk_local.pipedrive_standin import start_pipedrive_standin

        auth = (demo.PIPEDRIVE_CREDENTIALS["webhook_user"], demo.PIPEDRIVE_CREDENTIALS["webhook_password"])
        self.pipedrive, base_url = start_pipedrive_standin(
            self, demo.PIPEDRIVE_CREDENTIALS["api_token"], auth
        )
        token = demo.BITRIX24_APPLICATION_TOKEN
        self.bitrix24, webhook_url = start_bitrix24_standin(self, *demo.BITRIX24_WEBHOOK, token)
        if self.config.demo:
            demo.connect_pipedrive(base_url)
            demo.connect_bitrix24(webhook_url)
            demo.connect_onec()
        return self.pipedrive, self.bitrix24

    def _omnidesk_standin(self) -> Any:
        """The Omnidesk stand-in (docs/integrations.md); the demo connects the connector to it."""
        from helpdesk_local import demo_omnidesk as demo
        from helpdesk_local.omnidesk_standin import start_omnidesk_standin

        given = demo.OMNIDESK_CREDENTIALS
        webhook_auth = (given["webhook_user"], given["webhook_password"])
        email, key = given["email"], given["api_key"]
        self.omnidesk, base_url = start_omnidesk_standin(self, email, key, webhook_auth)
        if self.config.demo:
            demo.connect_omnidesk(base_url, self.omnidesk.staff_id)
        return self.omnidesk

    def _telegram_host(self) -> Any:
        """The Telegram stand-in (docs/channels.md); the Bot API's address must be set before first use."""
        from helpdesk_local.telegram_host import make_telegram_host

        self.telegram = make_telegram_host(self)
        self._reset_cached_settings()
        return self.telegram

    def _whatsapp_host(self) -> Any:
        """The WhatsApp Cloud API stand-in (docs/channels.md); its address is set before first use."""
        from helpdesk_local.whatsapp_host import make_whatsapp_host

        self.whatsapp = make_whatsapp_host(self)
        self._reset_cached_settings()
        return self.whatsapp

    def _schedules_host(self) -> Any:
        """An extra tick of a scheduled function on request (local only: schedules_host.py)."""
        from helpdesk_local.schedules_host import SchedulesHost

        return SchedulesHost(self._schedulers, self._alarm_workers)

    def _alarm_workers(self) -> tuple[QueueMetricsPublisher, AlarmEvaluator] | None:
        """The SQS metrics publisher and the alarm evaluator, once the workers run."""
        workers = getattr(self, "workers", [])
        publisher = next((w for w in workers if isinstance(w, QueueMetricsPublisher)), None)
        return (publisher, self.alarms) if publisher is not None else None

    def _schedulers(self) -> dict[str, Scheduler]:
        """By function; none yet while the web front starts (the workers start after it)."""
        return {w.fn.name: w for w in getattr(self, "workers", []) if isinstance(w, Scheduler)}

    def _pay_host(self, make: Any) -> Any:
        """The payment gateway sends browsers to pay.localhost; the settings must say so before first use."""
        port = self.http_port
        os.environ["LOCAL_PAYMENT_PAGE_URL"] = f"http://pay.localhost:{port}"
        self._reset_cached_settings()
        return make(self)

    def _start_smtp(self) -> Any:
        rule = self.template["Resources"]["InboundRule"]["Properties"]["Rule"]
        action = self.resolver.resolve(rule["Actions"][0]["S3Action"])
        recipients = self.resolver.resolve(rule["Recipients"])
        self.smtp_handler = InboundHandler(
            self.emulator.client("s3"), action["BucketName"], action.get("ObjectKeyPrefix", ""), recipients
        )
        if self.durable is not None:
            self.smtp_handler.stored = self.durable.commit  # the 250 is sent once the mail is on disk
        return start_smtp(self.smtp_handler, self.smtp_port)

    def _workers(self) -> list[Worker]:
        """Every poller, scheduler and publisher, not started yet."""
        announce_stream_records()
        sqs, streams = self.emulator.client("sqs"), self.emulator.client("dynamodbstreams")
        queue_urls = {r.attrs["Arn"]: r.ref for r in self.resources.values() if "QueueUrl" in r.attrs}
        workers: list[Worker] = []
        for fn in self.functions.values():
            for event in fn.events.values():
                workers.extend(self._workers_for(fn, event, sqs, streams, queue_urls))
        self.alarms = AlarmEvaluator(
            self.config.region,
            self.emulator.client("cloudwatch"),
            self.emulator.client("sns"),
            self.stop_event,
            time_scale=self.config.alarm_time_scale,
        )
        workers.append(self.alarms)
        workers.append(
            MetricRetention(
                self.config.region,
                self.emulator.client("cloudwatch"),
                self.stop_event,
                time_scale=self.config.alarm_time_scale,
            )
        )
        metrics_every = 10.0 / self.config.alarm_time_scale
        workers.append(
            ObservedMetricsPublisher(
                self.config.region,
                self.emulator.client("cloudwatch"),
                self.observed,
                alarmed_buckets(self.template, self.resolver),
                self.stop_event,
                every=metrics_every,
            )
        )
        workers.append(
            QueueMetricsPublisher(
                self.config.region,
                self.emulator.client("cloudwatch"),
                [r.attrs["QueueName"] for r in self.resources.values() if "QueueName" in r.attrs],
                self.stop_event,
                every=metrics_every,
                published=self.alarms.data_arrived,
            )
        )
        return workers

    def _environments(self, fn: LocalFunction, event: dict[str, Any]) -> list[Invoker]:
        """One poller per concurrent batch the event allows, capped locally (by the cores, unless set);
        several run each in a process of its own, off the emulator's busy process."""
        allowed = int(event.get("ScalingConfig", {}).get("MaximumConcurrency", 1))
        count = max(1, min(allowed, self.config.concurrency))
        if count == 1:
            return [fn]
        children = [ProcessEnvironment(fn, i) for i in range(count)]
        self.environments.extend(children)
        return list(children)

    def _workers_for(
        self, fn: LocalFunction, event: dict[str, Any], sqs: Any, streams: Any, queue_urls: dict[str, str]
    ) -> list[Worker]:
        kind, region, stop = event["Type"], self.config.region, self.stop_event
        if kind == "SQS":
            url, delay = queue_urls[event["Queue"]], self.config.retry_delay
            return [
                SqsPoller(fn, event, sqs, url, region, stop, delay, environment)
                for environment in self._environments(fn, event)
            ]
        if kind == "DynamoDB":
            return [StreamPoller(fn, event, streams, sqs, queue_urls, region, stop, self.checkpoints)]
        if kind == "Schedule":
            return [Scheduler(fn, event, region, stop, self.config.schedule_speedup)]
        return []
