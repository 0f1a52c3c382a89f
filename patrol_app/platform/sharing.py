"""Client of the workstation-facing sharing API (spec 8.6a) of a platform or the embedded service.

Synchronous on purpose: the UI calls it from its task runner, never from the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from patrol_app.domain.camera import CameraEntry, CameraFieldError, camera_entry_from_json
from patrol_app.platform.http import EnvelopeClient, PlatformError

__all__ = ["PlatformError", "PlayAddress", "SharingClient"]


@dataclass(frozen=True)
class PlayAddress:
    """Where to play one grade (``videoType``) of a camera."""

    camera_num: str
    video_type: int
    flv: str
    hls: str


class SharingClient(EnvelopeClient):
    """The sharing API: cameras with their state, play addresses per grade, organisation."""

    def cameras(self) -> list[CameraEntry]:
        """The cameras, each parsed once into the domain's type; PlatformError when the
        platform's list is not one."""
        data = self.request("GET", "/api/v1/cameras")
        if not isinstance(data, list):
            raise PlatformError("视频平台返回的摄像机列表不是数组")
        try:
            return [camera_entry_from_json(item) for item in data]
        except CameraFieldError as error:
            raise PlatformError(f"视频平台返回的摄像机信息有误：{error.message}") from error

    def play_address(self, camera_num: str, video_type: int) -> PlayAddress:
        path = f"/api/v1/cameras/{camera_num}/play"
        data = self.request("GET", path, params={"videoType": video_type})
        return PlayAddress(camera_num, video_type, flv=data["flv"], hls=data["hls"])

    def organisation(self) -> list[dict[str, Any]]:
        return self.request("GET", "/api/v1/organisation")
