"""Fixtures shared by every test folder: the real service on a real migrated SQLite file."""

from __future__ import annotations

import asyncio
import itertools
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import ExitStack, asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from patrol_app.gateway.app import FONT_FILE, GatewayServices, build_services, create_app
from patrol_app.gateway.live import live_router
from patrol_app.gateway.media.manager import MediaManager
from patrol_app.gateway.media.pipeline import find_ffmpeg
from patrol_app.gateway.media.sources import Overlay
from patrol_app.platform.gateway import GatewayClient
from patrol_app.platform.sharing import SharingClient
from patrol_app.settings import Settings
from patrol_app.standalone.demo_site import demo_cameras
from patrol_app.standalone.process import ServiceProcess, free_port


def _postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    return found[-1].parent if found else None


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server (Debian's, installed by tools/setup.sh) on a loopback port in a
    temporary cluster, as several workstations of one control room would share it."""
    binaries = _postgres_bin()
    if binaries is None:
        pytest.skip("PostgreSQL server binaries not installed (tools/setup.sh installs them)")
    # Not under pytest's tmp_path: that is private to root, and initdb refuses to run as
    # root, so the server runs as Debian's postgres user in a directory it owns.
    root = Path(tempfile.mkdtemp(prefix="patrol-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = root / "data", free_port()

    def run(*command: str) -> None:
        subprocess.run([*as_user, *command], check=True, capture_output=True, timeout=60)

    run(str(binaries / "initdb"), "-D", str(data), "-U", "patrol", "-A", "trust", "-E", "UTF8")
    options = f"-h 127.0.0.1 -p {port} -k {root} -F"
    log = str(root / "server.log")
    run(str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-l", log, "start")
    try:
        host = ["-h", "127.0.0.1", "-p", str(port), "-U", "patrol"]
        run(str(binaries / "createdb"), *host, "patrol")
        yield f"postgresql+psycopg://patrol@127.0.0.1:{port}/patrol"
    finally:
        run(str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


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
    data_dir: Path  # the service's: its patrol.db holds the PTZ audit and presets


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoSite]:
    """The demo standalone site as `patrol-app demo` runs it: `patrol-app serve` in its own
    process, the simulated cameras registered through its E-C2 endpoint."""
    data_dir = tmp_path_factory.mktemp("demo-site")
    service = ServiceProcess(data_dir)
    service.start()
    gateway = GatewayClient(service.base_url)
    sharing = SharingClient(service.base_url)
    try:
        replies = gateway.register_cameras(demo_cameras())
        assert all(reply["status"] == 0 for reply in replies), replies
        cameras = [reply["cameraNum"] for reply in replies]
        yield DemoSite(service.base_url, sharing, cameras, data_dir)
    finally:
        gateway.close()
        sharing.close()
        service.stop()


MEDIA_OVERLAY = Overlay(("粤-G4-京港澳-路面", "K1844+650-上行-南行-往广州市"))


@dataclass
class MediaServer:
    base_url: str
    manager: MediaManager
    loop: asyncio.AbstractEventLoop
    stop: Callable[[], None]  # shut the server down (lifespan included) before the test ends

    def call(self, function: Callable[..., Any], *args: Any) -> Any:
        """Run ``function`` (a coroutine function too) on the server's event loop."""

        async def run() -> Any:
            result = function(*args)
            return await result if asyncio.iscoroutine(result) else result

        return asyncio.run_coroutine_threadsafe(run(), self.loop).result(timeout=30)


@pytest.fixture
def media_server(tmp_path: Path) -> Iterator[Callable[..., MediaServer]]:
    """A factory: ``media_server({"cam": "sim:road"}, push_type=2, idle_stop_seconds=30)``.

    Cameras get the two-line MEDIA_OVERLAY; the manager is started and stopped by the app's
    lifespan, as the service does it.
    """
    numbers = itertools.count()
    with ExitStack() as servers:

        def start(
            cameras: dict[str, str | None], *, push_type: int = 2, idle_stop_seconds: float = 30
        ) -> MediaServer:
            manager = MediaManager(
                ffmpeg=find_ffmpeg(),
                work_dir=tmp_path / f"media{next(numbers)}",
                font_file=FONT_FILE,
                idle_stop_seconds=idle_stop_seconds,
            )
            for camera_num, source in cameras.items():
                manager.configure(camera_num, source, push_type, MEDIA_OVERLAY)
            loops: list[asyncio.AbstractEventLoop] = []

            @asynccontextmanager
            async def lifespan(_: FastAPI) -> AsyncIterator[None]:
                loops.append(asyncio.get_running_loop())
                await manager.start()
                try:
                    yield
                finally:
                    await manager.stop()

            app = FastAPI(lifespan=lifespan)
            app.include_router(live_router(manager))
            server = servers.enter_context(ExitStack())
            base_url = server.enter_context(serving(app))
            return MediaServer(base_url, manager, loops[0], server.close)

        yield start
