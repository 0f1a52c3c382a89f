"""Media fixtures: a MediaManager behind live_router on a real uvicorn server."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import ExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from patrol_app.gateway.live import live_router
from patrol_app.gateway.media.pipeline import MediaManager, find_ffmpeg
from patrol_app.gateway.media.sources import Overlay
from tests.conftest import serving

MEDIA_FONT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "wqy-microhei.ttc"
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
                font_file=MEDIA_FONT,
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
