"""Appendix E interfaces served by the embedded service: E-C2, E-C3, E-G3, E-G5 so far."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from patrol_app.domain.codes import Code
from patrol_app.domain.ptz import PtzFieldError, ptz_command_from_e53
from patrol_app.gateway.auth import Caller, caller
from patrol_app.gateway.envelope import RequestError, json_body, ok
from patrol_app.gateway.ptz import PtzService, platform_controller
from patrol_app.gateway.registry import MAX_DELETE, CameraRegistry

MAX_REGISTER = 1000  # not in the spec: a bound so that one request cannot tie the service up


def appendix_e_router(
    registry: CameraRegistry, ptz: PtzService, clock: Callable[[], datetime]
) -> APIRouter:
    # Every call passes through `caller`, where authentication will slot in.
    router = APIRouter(prefix="/service", tags=["Appendix E"], dependencies=[Depends(caller)])

    @router.post("/video.VideoInformation", summary="E-C2 注册摄像机信息")
    async def register_cameras(request: Request) -> JSONResponse:
        body = await json_body(request)
        if not isinstance(body, list):
            raise RequestError(Code.BAD_REQUEST, "请求体应为摄像机信息数组（JSON 数组）")
        if len(body) > MAX_REGISTER:
            raise RequestError(Code.BAD_REQUEST, f"一次最多注册 {MAX_REGISTER} 个摄像机")
        return ok(await registry.register(body))

    @router.post("/video.VideoInformationDel", summary="E-C3 删除摄像机信息")
    async def remove_cameras(request: Request) -> JSONResponse:
        body: Any = await json_body(request)
        cameras = body.get("cameras") if isinstance(body, dict) else None
        if not isinstance(cameras, list):
            raise RequestError(Code.BAD_REQUEST, '请求体应为 {"cameras": [摄像机编号, ...]}')
        if len(cameras) > MAX_DELETE:
            raise RequestError(
                Code.BAD_REQUEST,
                f"cameras 最多不超过 {MAX_DELETE} 个摄像机编号，收到 {len(cameras)} 个",
            )
        return ok(await registry.remove(cameras))

    @router.post("/video.PTZControl", summary="E-G3 云台控制")
    async def ptz_control(
        request: Request, who: Annotated[Caller, Depends(caller)]
    ) -> JSONResponse:
        """Codes: 400 bad body or field, 404 unknown camera, 403 not controllable or held by
        a higher or earlier controller, 500 device error (gateway/ptz.py)."""
        body = await json_body(request)
        try:
            command = ptz_command_from_e53(body)
        except PtzFieldError as error:
            raise RequestError(Code.BAD_REQUEST, error.message) from error
        outcome = await ptz.command(command, platform_controller(who))
        if not outcome.ok:
            raise RequestError(outcome.code, outcome.message)
        return ok()

    @router.get("/status.CheckGateway", summary="E-G5 网关状态检测")
    async def check_gateway() -> JSONResponse:
        count = await asyncio.to_thread(registry.cameras.count)
        return ok({"systemTime": int(clock().timestamp()), "cameraCount": count})

    return router
