"""The workstation's reads and writes of what the service keeps of PTZ: each camera's presets
and preset patrols (Z-5) and the PTZ log (Z-3). The workstations hold none of it: they read
it here (platform/presets.py), whatever database they have themselves.

- ``GET /workstation/ptz/presets?cameraNum=``: the camera's presets by number;
- ``POST /workstation/ptz/preset.rename``: ``{"cameraNum", "operator", "preset", "name"}``,
  a new name for a stored preset (its view stays; storing a view is ``preset.set``);
- ``GET /workstation/ptz/patrols?cameraNum=``: the camera's preset patrols by name;
- ``POST /workstation/ptz/patrol.save``: ``{"cameraNum", "operator", "name", "steps"}``,
  ``steps`` as ``[[preset, dwell seconds], ...]``, replacing a patrol of that name;
- ``POST /workstation/ptz/patrol.remove``: ``{"cameraNum", "operator", "name"}``;
- ``GET /workstation/ptz/audit?start=&end=[&cameraNum=][&operator=][&result=][&limit=]``:
  the operations in [start, end) (ISO 8601 with offset), newest first, at most ``limit``.

Lists are the domain's views in camelCase (domain/ptz_records.py). Answers are the Appendix E
envelope as on the other PTZ routes: code 400 with the store's reason for what it refuses,
500 with the database's message when it fails. Callers are not authenticated (auth.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from patrol_app.domain.codes import Code
from patrol_app.domain.ptz import PtzFieldError, ptz_request_from_json
from patrol_app.domain.ptz_records import AUDIT_WIRE, BROWSE_LIMIT, PATROLS_WIRE, PRESETS_WIRE
from patrol_app.gateway.auth import caller
from patrol_app.gateway.envelope import RequestError, json_body, ok
from patrol_app.store.database import DatabaseError
from patrol_app.store.ptz import PresetStore, PtzAuditStore, PtzStoreError

T = TypeVar("T")

CameraNum = Annotated[str, Query(alias="cameraNum", min_length=1, description="摄像机编号")]


def ptz_records_router(
    presets: PresetStore, audit: PtzAuditStore, clock: Callable[[], datetime]
) -> APIRouter:
    router = APIRouter(
        prefix="/workstation/ptz", tags=["Workstation PTZ"], dependencies=[Depends(caller)]
    )

    async def stored(call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``call`` off the event loop; the store's refusal is 400, its failure 500."""
        try:
            return await asyncio.to_thread(call, *args, **kwargs)
        except PtzStoreError as error:
            raise RequestError(Code.BAD_REQUEST, str(error)) from error
        except DatabaseError as error:
            raise RequestError(Code.INTERNAL_ERROR, str(error)) from error

    async def named(request: Request) -> tuple[dict[str, Any], str, str]:
        """The body of a preset patrol's write, its camera and its operator."""
        body = await json_body(request)
        try:
            asked = ptz_request_from_json(body)
        except PtzFieldError as error:
            raise RequestError(Code.BAD_REQUEST, error.message) from error
        if not isinstance(body.get("name"), str):
            raise RequestError(Code.BAD_REQUEST, "name 为必填字段：预置位巡查的名称")
        return body, asked.camera_num, asked.operator

    @router.get("/presets", summary="摄像机的预置位")
    async def list_presets(camera_num: CameraNum) -> JSONResponse:
        return ok(PRESETS_WIRE.encode(await stored(presets.presets, camera_num)))

    @router.post("/preset.rename", summary="预置位改名（画面不变）")
    async def rename_preset(request: Request) -> JSONResponse:
        body = await json_body(request)
        try:
            asked = ptz_request_from_json(body, preset=True, name=True)
        except PtzFieldError as error:
            raise RequestError(Code.BAD_REQUEST, error.message) from error
        assert asked.preset is not None
        await stored(
            presets.save,
            asked.camera_num,
            asked.preset,
            asked.name,
            by=asked.operator,
            now=clock(),
        )
        return ok()

    @router.get("/patrols", summary="摄像机的预置位巡查")
    async def list_patrols(camera_num: CameraNum) -> JSONResponse:
        return ok(PATROLS_WIRE.encode(await stored(presets.patrols, camera_num)))

    @router.post("/patrol.save", summary="保存预置位巡查")
    async def save_patrol(request: Request) -> JSONResponse:
        body, camera_num, operator = await named(request)
        raw = body.get("steps")
        try:
            steps = [(preset, dwell) for preset, dwell in raw]  # type: ignore[union-attr]
        except (TypeError, ValueError) as error:
            raise RequestError(
                Code.BAD_REQUEST, "steps 应为 [[预置位编号, 停留秒数], ...] 的数组"
            ) from error
        await stored(presets.save_patrol, camera_num, body["name"], steps, by=operator, now=clock())
        return ok()

    @router.post("/patrol.remove", summary="删除预置位巡查")
    async def remove_patrol(request: Request) -> JSONResponse:
        body, camera_num, _operator = await named(request)
        await stored(presets.remove_patrol, camera_num, body["name"])
        return ok()

    @router.get("/audit", summary="云台操作日志")
    async def browse_audit(
        start: Annotated[datetime, Query(description="起（含），ISO 8601 带时区")],
        end: Annotated[datetime, Query(description="止（不含），ISO 8601 带时区")],
        camera_num: Annotated[str | None, Query(alias="cameraNum")] = None,
        operator: str | None = None,
        result: Annotated[str | None, Query(description="ok、refused 或 failed")] = None,
        limit: Annotated[int, Query(ge=1, le=BROWSE_LIMIT)] = BROWSE_LIMIT,
    ) -> JSONResponse:
        rows = await stored(
            audit.browse,
            start=start,
            end=end,
            camera_num=camera_num,
            operator=operator,
            result=result,
            limit=limit,
        )
        return ok(AUDIT_WIRE.encode(rows))

    return router
