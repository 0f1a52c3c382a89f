"""The camera register as the service runs it: validate, store, and feed the media pipelines."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from patrol_app.domain.camera import CameraFieldError, CameraInfo, Classify, camera_from_e31
from patrol_app.domain.osd import OsdText, road_osd, service_area_osd, toll_plaza_osd
from patrol_app.gateway.media.manager import MediaManager
from patrol_app.gateway.media.sources import Overlay
from patrol_app.store.cameras import CameraRepository
from patrol_app.store.database import DatabaseError

log = logging.getLogger(__name__)

MAX_DELETE = 100  # E 3.2: at most 100 camera numbers per call


@dataclass(frozen=True)
class SiteExtras:
    """What a standalone site keeps in a camera's ``others`` (E 3.1 "扩展预留字段") as JSON.

    ``source`` is where the gateway pulls the video (rtsp://, http(s)://, a file, or
    ``sim:<scene>``); ``onvif`` where a real camera's ONVIF device service is, when not on
    port 80 of the RTSP source's host (gateway/onvif.py); the rest completes the Appendix B
    on-screen text, which needs facts the register does not carry.
    """

    source: str | None = None
    onvif: str = ""
    driving_direction: str = ""
    towards: str = ""
    plaza: str = "内广场"
    monitored_object: str = "停车场"
    # What the camera watches for the patrol lists (a SiteType code, e.g. "construction" for a
    # works zone's temporary camera, which joins the key list at once, P-2); "" = by classify.
    patrol_site: str = ""
    # 厂家名称 of the Appendix C table: E 3.1 has no manufacturer field.
    manufacturer: str = ""

    @classmethod
    def of(cls, camera: CameraInfo) -> SiteExtras:
        try:
            data = json.loads(camera.others) if camera.others else {}
        except ValueError:
            return cls()
        if not isinstance(data, dict):
            return cls()
        return cls(
            source=data.get("source") or None,
            onvif=str(data.get("onvif") or "").strip(),
            driving_direction=data.get("drivingDirection", ""),
            towards=data.get("towards", ""),
            plaza=data.get("plaza", cls.plaza),
            monitored_object=data.get("monitoredObject", cls.monitored_object),
            patrol_site=str(data.get("patrolSite") or ""),
            manufacturer=str(data.get("manufacturer") or "").strip(),
        )


def osd_text(camera: CameraInfo, extras: SiteExtras) -> OsdText:
    """The Appendix B text (N-2) for a camera, by its site type."""
    short_name = camera.road_name.removesuffix("高速")
    if camera.classify is Classify.TOLL_STATION:
        return toll_plaza_osd(
            road=camera.road,
            road_short_name=short_name,
            station=camera.poi_name,
            plaza=extras.plaza,
            # A one-direction ramp station names where its plaza leads (Appendix B, 二(二)).
            orientation=camera.orientation if extras.towards else None,
            towards=extras.towards,
        )
    if camera.classify is Classify.SERVICE_AREA:
        return service_area_osd(
            road=camera.road,
            road_short_name=short_name,
            area=camera.poi_name,
            monitored_object=extras.monitored_object,
            orientation=camera.orientation,
            towards=extras.towards,
        )
    scene = "路面" if camera.classify is Classify.ROAD else camera.poi_name
    return road_osd(
        road=camera.road,
        road_short_name=short_name,
        scene=scene,
        pile=camera.pile,
        orientation=camera.orientation,
        driving_direction=extras.driving_direction,
        towards=extras.towards,
    )


def _cause(error: DatabaseError) -> str:
    """The kind of database failure, as the platform has always been told it (the driver's
    error class, e.g. OperationalError): no SQL, no paths."""
    return type(error.__cause__ or error).__name__


def _result(camera_num: Any, status: int, msg: str) -> dict[str, Any]:
    return {"cameraNum": camera_num, "status": status, "msg": msg}


class CameraRegistry:
    """E-C2 and E-C3 on the embedded service: each camera stored whole or not at all."""

    def __init__(
        self, cameras: CameraRepository, media: MediaManager, clock: Callable[[], datetime]
    ) -> None:
        self.cameras = cameras
        self._media = media
        self._clock = clock
        self._write_lock = threading.Lock()

    async def register(self, items: list[Any]) -> list[dict[str, Any]]:
        """Upsert each camera of an E 3.1 array; a per-camera status says what happened."""
        results = []
        for item in items:
            camera_num = item.get("cameraNum") if isinstance(item, dict) else None
            try:
                camera = camera_from_e31(item)
            except CameraFieldError as error:
                results.append(_result(camera_num, 1, error.message))
                continue
            try:
                await asyncio.to_thread(self._locked, self.cameras.upsert, camera, self._clock())
            except DatabaseError as error:
                log.error("camera %s not stored: %s", camera.camera_num, error)
                results.append(_result(camera.camera_num, 1, f"存储失败：{_cause(error)}"))
                continue
            self._configure_media(camera)
            results.append(_result(camera.camera_num, 0, "成功"))
        return results

    async def remove(self, camera_nums: list[Any]) -> list[dict[str, Any]]:
        """Remove each camera of an E 3.2 list; status 1 for one that is not registered."""
        results = []
        for camera_num in camera_nums:
            if not isinstance(camera_num, str):
                results.append(_result(camera_num, 1, "摄像机编号应为字符串"))
                continue
            removed = await asyncio.to_thread(
                self._locked, self.cameras.remove, camera_num, self._clock()
            )
            if removed:
                await self._media.remove(camera_num)
                results.append(_result(camera_num, 0, "删除成功"))
            else:
                results.append(_result(camera_num, 1, "删除失败：摄像机不存在"))
        return results

    def _locked(self, write: Callable[..., Any], *args: Any) -> Any:
        with self._write_lock:
            return write(*args)

    def configure_all(self) -> None:
        """Hand every registered camera to the media pipelines (at service start)."""
        for camera in self.cameras.active():
            self._configure_media(camera)

    def _configure_media(self, camera: CameraInfo) -> None:
        extras = SiteExtras.of(camera)
        try:
            text = osd_text(camera, extras)
            overlay = Overlay(lines=(text.top_left, text.position))
        except ValueError as error:
            log.warning("camera %s: no on-screen text (%s)", camera.camera_num, error)
            overlay = None
        self._media.configure(
            camera.camera_num,
            extras.source,
            int(camera.push_type),
            overlay,
            controllable=camera.has_control,
        )
