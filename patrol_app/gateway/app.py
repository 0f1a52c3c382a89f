"""The embedded gateway/platform service, built by ``create_app`` (STYLE habit 6)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from patrol_app.domain.codes import Code
from patrol_app.gateway.appendix_e import appendix_e_router
from patrol_app.gateway.envelope import RequestError, envelope
from patrol_app.gateway.live import live_router
from patrol_app.gateway.media.manager import MediaManager
from patrol_app.gateway.media.pipeline import find_ffmpeg
from patrol_app.gateway.onvif import OnvifPtzDriver
from patrol_app.gateway.ptz import DriverByCamera, PtzDriver, PtzService
from patrol_app.gateway.ptz_records import ptz_records_router
from patrol_app.gateway.registry import CameraRegistry
from patrol_app.gateway.sharing import sharing_router
from patrol_app.gateway.sim_ptz import SimulatedPtzDriver
from patrol_app.gateway.submissions import submissions_router
from patrol_app.gateway.workstation import workstation_router
from patrol_app.resources import RESOURCES_DIR
from patrol_app.settings import Settings
from patrol_app.store.cameras import CameraRepository
from patrol_app.store.database import open_database
from patrol_app.store.ptz import PresetStore, PtzAuditStore
from patrol_app.store.submissions import SubmissionStore

log = logging.getLogger(__name__)

FONT_FILE = RESOURCES_DIR / "fonts" / "wqy-microhei.ttc"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class GatewayServices:
    """What the service is made of; tests build it from a temporary data directory."""

    registry: CameraRegistry
    media: MediaManager
    clock: Callable[[], datetime]
    ptz: PtzService
    supervisors: frozenset[str]
    retention: timedelta  # of the PTZ audit, as of the patrol records (never under a year)
    submissions: SubmissionStore  # the reports sections submitted, and their reviews


def build_services(
    settings: Settings,
    clock: Callable[[], datetime] = utc_now,
    monotonic: Callable[[], float] = time.monotonic,
    ptz_driver: PtzDriver | None = None,
) -> GatewayServices:
    """Open (and migrate) the database and prepare the media pipelines for ``settings``;
    ``monotonic`` times the PTZ control sessions (their idle release) and the simulated
    cameras' movements; ``ptz_driver`` replaces the cameras' own drivers (tests)."""
    sessions = open_database(settings.database_url)
    media = MediaManager(
        ffmpeg=find_ffmpeg(),
        work_dir=settings.media_dir,
        font_file=FONT_FILE,
        idle_stop_seconds=settings.idle_stop_seconds,
    )
    registry = CameraRegistry(CameraRepository(sessions), media, clock)
    ptz = PtzService(
        registry,
        PtzAuditStore(sessions),
        PresetStore(sessions),
        ptz_driver
        or DriverByCamera(
            SimulatedPtzDriver(
                settings.data_dir / "ptz-presets", monotonic=monotonic, on_motion=media.set_view
            ),
            OnvifPtzDriver(),
        ),
        clock=clock,
        monotonic=monotonic,
    )
    return GatewayServices(
        registry,
        media,
        clock,
        ptz,
        settings.supervisor_names,
        settings.retention,
        SubmissionStore(sessions),
    )


def create_app(services: GatewayServices) -> FastAPI:
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        purged = await asyncio.to_thread(
            services.ptz.audit.purge_expired, services.clock(), services.retention
        )
        if purged:
            log.info("PTZ audit: %d operations past the retention period removed", purged)
        await services.media.start()
        try:
            services.registry.configure_all()
            yield
        finally:
            try:
                await services.ptz.close()  # no camera left moving
            finally:
                await services.media.stop()

    app = FastAPI(
        title="视频巡查工作站 嵌入式网关/平台服务",
        description="Appendix E interfaces of the Guangdong expressway video-cloud spec, "
        "the sharing API of its clause 8.6a, and the reports' submission to the management "
        "unit (no Appendix E call exists for it).",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.include_router(appendix_e_router(services.registry, services.ptz, services.clock))
    app.include_router(sharing_router(services.registry))
    app.include_router(workstation_router(services.ptz, services.supervisors))
    app.include_router(ptz_records_router(services.ptz.presets, services.ptz.audit, services.clock))
    app.include_router(live_router(services.media))
    app.include_router(submissions_router(services.submissions, services.clock))

    @app.exception_handler(RequestError)
    async def request_error(_: Request, error: RequestError) -> JSONResponse:
        return envelope(error.code, error.msg, http_status=error.http_status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, error: StarletteHTTPException) -> JSONResponse:
        code = Code.NOT_FOUND if error.status_code == 404 else Code.BAD_REQUEST
        return envelope(code, f"{error.status_code} {error.detail}", http_status=error.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid_parameters(_: Request, error: RequestValidationError) -> JSONResponse:
        where = "; ".join(
            f"{'.'.join(str(part) for part in item['loc'])}: {item['msg']}"
            for item in error.errors()
        )
        return envelope(Code.BAD_REQUEST, f"参数错误：{where}", http_status=400)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return envelope(Code.INTERNAL_ERROR, "服务内部错误", http_status=500)

    return app
