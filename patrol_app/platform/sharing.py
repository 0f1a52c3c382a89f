"""Client of the workstation-facing sharing API (spec 8.6a) of a platform or the embedded service.

Synchronous on purpose: the UI calls it from its task runner, never from the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from patrol_app.platform.http import EnvelopeClient, PlatformError

__all__ = ["CameraEntry", "PlatformError", "PlayAddress", "SharingClient"]


@dataclass(frozen=True)
class CameraEntry:
    """One camera as the directory and the wall show it."""

    camera_num: str
    name: str
    department: str
    road: str
    road_name: str
    road_sec: str
    classify: int
    poi_name: str
    pile: str
    orientation: int
    has_control: bool
    online: bool
    patrol_site: str = ""  # a SiteType code the platform gives, "" = by classify


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
        return [
            CameraEntry(
                camera_num=item["cameraNum"],
                name=item["cameraName"],
                department=item["department"],
                road=item["road"],
                road_name=item["roadName"],
                road_sec=item["roadSec"],
                classify=item["classify"],
                poi_name=item["poiName"],
                pile=item["pileNum"],
                orientation=item["cameraOrientation"],
                has_control=bool(item["hasControl"]),
                online=bool(item["online"]),
                patrol_site=item.get("patrolSite") or "",
            )
            for item in self.request("GET", "/api/v1/cameras")
        ]

    def play_address(self, camera_num: str, video_type: int) -> PlayAddress:
        path = f"/api/v1/cameras/{camera_num}/play"
        data = self.request("GET", path, params={"videoType": video_type})
        return PlayAddress(camera_num, video_type, flv=data["flv"], hls=data["hls"])

    def organisation(self) -> list[dict[str, Any]]:
        return self.request("GET", "/api/v1/organisation")
