"""The AWS emulator: moto in server mode on loopback, with Step Functions running state machines for real."""

from __future__ import annotations

import json
import os
import socket
import time
import urllib.request
from collections.abc import Callable
from typing import Any

FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "local",
    "AWS_SECRET_ACCESS_KEY": "local",
    "AWS_SESSION_TOKEN": "local",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Emulator:
    def __init__(self, region: str, port: int = 0, wrap: Callable[[Any, bool], Any] | None = None) -> None:
        self.region = region
        self.port = port or free_port()  # for clients outside the stack (tools, tests)
        self.internal_port = free_port()  # for the stack's own functions, pollers and workflows
        self.servers: list[Any] = []
        self.wrap = wrap  # (moto's WSGI app, external?) -> the app served (durability.DurableApp)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.internal_port}"

    @property
    def public_endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        import logging

        from helpdesk_local.emulator_speedups import speed_up_emulator
        from helpdesk_local.emulator_transactions import back_up_named_items_only
        from helpdesk_local.long_polls import end_long_polls_on_stop
        from helpdesk_local.table_sizes import measure_table_sizes

        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per emulator call drowns the console

        os.environ.update(FAKE_CREDENTIALS)
        os.environ.update(
            AWS_REGION=self.region,
            AWS_DEFAULT_REGION=self.region,
            AWS_ENDPOINT_URL=self.endpoint,
            MOTO_PORT=str(self.internal_port),
        )  # where moto's Step Functions engine calls services
        # moto's Wait compares `...Z` timestamps with naive local time: the lifecycle's waits (reminders,
        # charges) would be off by the machine's UTC offset anywhere but UTC.
        os.environ["TZ"] = "UTC"
        time.tzset()
        wrap = self.wrap or (lambda app, external: app)
        end_long_polls_on_stop()
        self.servers = [_server(self.port, wrap, True), _server(self.internal_port, wrap, False)]
        for server in self.servers:
            server.start()
        measure_table_sizes()
        back_up_named_items_only()
        speed_up_emulator()
        self.configure({"stepfunctions": {"execute_state_machine": True}})

    def configure(self, config: dict[str, Any]) -> None:
        request = urllib.request.Request(
            f"{self.endpoint}/moto-api/config",
            data=json.dumps(config).encode(),
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        urllib.request.urlopen(request, timeout=10).read()

    def client(self, service: str) -> Any:
        import boto3

        return boto3.client(service, region_name=self.region, endpoint_url=self.endpoint)

    def stop(self) -> None:
        while self.servers:
            self.servers.pop().stop()


def _server(port: int, wrap: Callable[[Any, bool], Any], external: bool) -> Any:
    """moto's threaded server, its app wrapped, its connections kept alive between requests."""
    from moto.moto_server.threaded_moto_server import ThreadedMotoServer
    from moto.moto_server.werkzeug_app import (
        DomainDispatcherApplication,
        MotoRequestHandler,
        create_backend_app,
    )
    from werkzeug.serving import make_server

    from helpdesk_local.keep_alive import OpenConnections, keep_alive_handler

    connections = OpenConnections()
    handler = keep_alive_handler(MotoRequestHandler, connections)

    class Server(ThreadedMotoServer):
        def _server_entry(self) -> None:
            app = wrap(DomainDispatcherApplication(create_backend_app), external)
            self._server = make_server(self._ip_address, self._port, app, True, request_handler=handler)
            self._server_ready_event.set()
            self._server.serve_forever()

        def stop(self) -> None:
            super().stop()
            connections.close_all()

    return Server(ip_address="127.0.0.1", port=port, verbose=False)
