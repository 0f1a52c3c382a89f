"""The workstation's PTZ routes on the embedded service: our extension of E 5.3 (E-G3).

E 5.3 is what a platform may ask of a camera: one command with a step, no stop, no presets.
An operator at a workstation holds a button and lets it go, stores and recalls presets, and
must see who holds a camera. These routes carry that, for the section's own workstations, and
answer in the Appendix E envelope with the same codes as E-G3 (docs/SERVICE.md):

- ``POST /workstation/ptz/move``: an E 5.3 body plus ``operator``; ``step`` is the speed;
  an optional ``tilt`` (3 up, 4 down) with ``action`` 1 or 2 pans and tilts at once (a
  diagonal). Moves until ``stop``, or MOVE_KEEPALIVE_SECONDS after the last repeat.
- ``POST /workstation/ptz/stop``, ``/release``: ``{"cameraNum", "operator"}``.
- ``POST /workstation/ptz/preset.goto``: plus ``preset``; ``/preset.set``: plus ``name``.
- ``POST /workstation/ptz/holder``: who holds the camera (``data`` null when nobody).

The operator is section level: a supervisor when named in the site's ``supervisors``
setting, an operator otherwise. Like every route of the service so far, the caller is not
authenticated (gateway/auth.py); the service listens on the loopback unless told otherwise.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from patrol_app.domain.codes import Code
from patrol_app.domain.ptz import (
    Controller,
    ControlLevel,
    PtzFieldError,
    PtzRequest,
    ptz_move_from_json,
    ptz_request_from_json,
)
from patrol_app.gateway.auth import caller
from patrol_app.gateway.envelope import RequestError, json_body, ok
from patrol_app.gateway.ptz import PtzOutcome, PtzService


def workstation_router(ptz: PtzService, supervisors: frozenset[str]) -> APIRouter:
    router = APIRouter(
        prefix="/workstation/ptz", tags=["Workstation PTZ"], dependencies=[Depends(caller)]
    )

    def controller(operator: str) -> Controller:
        level = (
            ControlLevel.SECTION_SUPERVISOR
            if operator in supervisors
            else ControlLevel.SECTION_OPERATOR
        )
        return Controller(operator, level, "workstation")

    async def parsed(request: Request, **fields: bool) -> PtzRequest:
        body = await json_body(request)
        try:
            return ptz_request_from_json(body, **fields)
        except PtzFieldError as error:
            raise RequestError(Code.BAD_REQUEST, error.message) from error

    def answer(outcome: PtzOutcome) -> JSONResponse:
        if not outcome.ok:
            raise RequestError(outcome.code, outcome.message)
        return ok()

    async def simple(
        request: Request, operation: Callable[[str, Controller], Awaitable[PtzOutcome]]
    ) -> JSONResponse:
        asked = await parsed(request)
        return answer(await operation(asked.camera_num, controller(asked.operator)))

    @router.post("/move", summary="按住云台方向/变倍/聚焦/光圈（持续，直到停止）")
    async def move(request: Request) -> JSONResponse:
        body = await json_body(request)
        try:
            command = ptz_move_from_json(body)
            asked = ptz_request_from_json(body)
        except PtzFieldError as error:
            raise RequestError(Code.BAD_REQUEST, error.message) from error
        return answer(await ptz.move(command, controller(asked.operator)))

    @router.post("/stop", summary="停止云台")
    async def stop(request: Request) -> JSONResponse:
        return await simple(request, ptz.stop)

    @router.post("/release", summary="释放控制权")
    async def release(request: Request) -> JSONResponse:
        return await simple(request, ptz.release)

    @router.post("/preset.goto", summary="调用预置位")
    async def goto_preset(request: Request) -> JSONResponse:
        asked = await parsed(request, preset=True)
        assert asked.preset is not None
        return answer(
            await ptz.goto_preset(asked.camera_num, asked.preset, controller(asked.operator))
        )

    @router.post("/preset.set", summary="设置预置位（当前画面）")
    async def set_preset(request: Request) -> JSONResponse:
        asked = await parsed(request, preset=True, name=True)
        assert asked.preset is not None
        return answer(
            await ptz.set_preset(
                asked.camera_num, asked.preset, asked.name, controller(asked.operator)
            )
        )

    @router.post("/holder", summary="谁在控制摄像机")
    async def holder(request: Request) -> JSONResponse:
        asked = await parsed(request)
        session = ptz.holder(asked.camera_num)
        data: dict[str, Any] | None = None
        if session is not None:
            held_by = session.controller
            data = {
                "name": held_by.name,
                "level": held_by.level.label,
                "source": held_by.source,
                "mine": held_by.is_same_person(controller(asked.operator)),
            }
        return ok(data)

    return router
