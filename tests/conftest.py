"""Fixtures shared by every test folder: the real service on a real migrated SQLite file."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from patrol_app.gateway.app import GatewayServices, build_services, create_app
from patrol_app.gateway.demo_site import demo_cameras
from patrol_app.gateway.process import ServiceProcess, free_port
from patrol_app.platform.gateway import GatewayClient
from patrol_app.platform.sharing import SharingClient
from patrol_app.settings import Settings


@pytest.fixture
def services(tmp_path: Path) -> GatewayServices:
    return build_services(Settings.load(tmp_path, idle_stop_seconds=2.0))


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """Serve ``app`` with a real uvicorn server on a free loopback port; yield its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        # uvicorn raises a flag, not an event, once it listens: poll it against a deadline.
        while not server.started and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert server.started, "uvicorn did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@pytest.fixture
def api(services: GatewayServices) -> Iterator[httpx.Client]:
    """The service's ASGI app (create_app) behind a real HTTP server, lifespan included."""
    with serving(create_app(services)) as base_url, httpx.Client(base_url=base_url) as client:
        yield client


@dataclass
class DemoSite:
    base_url: str
    client: SharingClient
    cameras: list[str]


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoSite]:
    """The demo standalone site as `patrol-app demo` runs it: `patrol-app serve` in its own
    process, the simulated cameras registered through its E-C2 endpoint."""
    service = ServiceProcess(tmp_path_factory.mktemp("demo-site"))
    service.start()
    gateway = GatewayClient(service.base_url)
    sharing = SharingClient(service.base_url)
    try:
        replies = gateway.register_cameras(demo_cameras())
        assert all(reply["status"] == 0 for reply in replies), replies
        yield DemoSite(service.base_url, sharing, [reply["cameraNum"] for reply in replies])
    finally:
        gateway.close()
        sharing.close()
        service.stop()
