"""The workstation's PTZ client of the embedded service's workstation routes
(gateway/workstation.py): held moves, stop, release, presets and who holds a camera."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from patrol_app.domain.ptz import PtzAction
from patrol_app.platform.http import EnvelopeClient, PlatformError

ROUTES = "/workstation/ptz/"


@dataclass(frozen=True)
class PtzHolder:
    """Who controls a camera: ``level`` as the operator reads it ("路段主管"...), ``mine``
    when it is this client's operator."""

    name: str
    level: str
    source: str
    mine: bool


class WorkstationClient(EnvelopeClient):
    """A client of the workstation routes: each request in ``operator``'s name."""

    def __init__(
        self,
        base_url: str,
        *,
        operator: str,
        device_code: str = "",
        timeout: float = 5.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__(base_url, device_code=device_code, timeout=timeout, transport=transport)
        self.operator = operator

    def _post(self, route: str, camera_num: str, **fields: Any) -> Any:
        body = {"cameraNum": camera_num, "operator": self.operator, **fields}
        return self.request("POST", ROUTES + route, json=body)


class PtzClient(WorkstationClient):
    """Blocking calls: the UI runs them off the GUI thread (ui/ptz/control.py). Failures raise
    PlatformError with the service's code: 403 refused (no PTZ, or the holder named), 404
    unknown camera, 500 device error, None when the service cannot be reached."""

    def move(
        self, camera_num: str, action: PtzAction, speed: int, tilt: PtzAction | None = None
    ) -> None:
        """Start (or keep up) a move at ``speed`` 1-8: the service stops the camera
        MOVE_KEEPALIVE_SECONDS after the last one. The light (11-12) is switched. ``tilt``
        (UP or DOWN, with LEFT or RIGHT) makes it diagonal: both axes in one move."""
        fields = {} if tilt is None else {"tilt": int(tilt)}
        self._post("move", camera_num, action=int(action), step=speed, **fields)

    def stop(self, camera_num: str) -> None:
        self._post("stop", camera_num)

    def release(self, camera_num: str) -> None:
        self._post("release", camera_num)

    def goto_preset(self, camera_num: str, number: int) -> None:
        self._post("preset.goto", camera_num, preset=number)

    def set_preset(self, camera_num: str, number: int, name: str) -> None:
        self._post("preset.set", camera_num, preset=number, name=name)

    def holder(self, camera_num: str) -> PtzHolder | None:
        data = self._post("holder", camera_num)
        if data is None:
            return None
        try:
            return PtzHolder(
                str(data["name"]), str(data["level"]), str(data["source"]), bool(data["mine"])
            )
        except (TypeError, KeyError) as error:
            raise PlatformError(f"云台控制状态的应答不完整：{error}") from error
