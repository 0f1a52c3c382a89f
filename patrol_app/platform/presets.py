"""The workstation's clients of what the service keeps of PTZ (gateway/ptz_records.py): each
camera's presets and preset patrols (Z-5), and the PTZ log (Z-3). Nothing of it is in the
workstation's own database: a workstation against a platform shows the platform's.

Blocking calls: the UI runs them in its task runner. Failures raise PlatformError with the
service's message (code 400: what the service refuses, e.g. an empty name; 500: its database
failed; None: it cannot be reached)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from patrol_app.domain.ptz_records import (
    AUDIT_WIRE,
    BROWSE_LIMIT,
    PATROLS_WIRE,
    PRESETS_WIRE,
    PresetPatrolView,
    PresetView,
    PtzAuditView,
    WireError,
)
from patrol_app.platform.http import EnvelopeClient, PlatformError
from patrol_app.platform.ptz import ROUTES, WorkstationClient

T = TypeVar("T")


def _decoded(decode: Callable[[object], list[T]], data: object, what: str) -> list[T]:
    try:
        return decode(data)
    except WireError as error:
        raise PlatformError(f"视频平台返回的{what}无法读取：{error}") from error


class PresetClient(WorkstationClient):
    """A camera's presets and preset patrols; the writes are made in ``operator``'s name."""

    def presets(self, camera_num: str) -> list[PresetView]:
        """The camera's presets by number."""
        data = self.request("GET", ROUTES + "presets", params={"cameraNum": camera_num})
        return _decoded(PRESETS_WIRE.decode, data, "预置位")

    def rename(self, camera_num: str, number: int, name: str) -> None:
        """A new name for stored preset ``number`` (its view stays)."""
        self._post("preset.rename", camera_num, preset=number, name=name)

    def patrols(self, camera_num: str) -> list[PresetPatrolView]:
        """The camera's preset patrols by name."""
        data = self.request("GET", ROUTES + "patrols", params={"cameraNum": camera_num})
        return _decoded(PATROLS_WIRE.decode, data, "预置位巡查")

    def save_patrol(self, camera_num: str, name: str, steps: Sequence[tuple[int, float]]) -> None:
        """Save preset patrol ``name``: (preset, dwell seconds) in order, replacing one of
        that name."""
        self._post("patrol.save", camera_num, name=name, steps=[list(step) for step in steps])

    def remove_patrol(self, camera_num: str, name: str) -> None:
        self._post("patrol.remove", camera_num, name=name)


class PtzAuditClient(EnvelopeClient):
    """The PTZ log of the service's cameras."""

    def browse(
        self,
        *,
        start: datetime,
        end: datetime,
        camera_num: str | None = None,
        operator: str | None = None,
        result: str | None = None,
        limit: int = BROWSE_LIMIT,
    ) -> list[PtzAuditView]:
        """The operations in [start, end) (aware times), newest first, at most ``limit``;
        narrowed to one camera, one operator and one result when given."""
        params: dict[str, Any] = {
            "start": start.isoformat(),
            "end": end.isoformat(),
            "limit": limit,
        }
        for key, value in (("cameraNum", camera_num), ("operator", operator), ("result", result)):
            if value is not None:
                params[key] = value
        data = self.request("GET", ROUTES + "audit", params=params)
        return _decoded(AUDIT_WIRE.decode, data, "云台操作日志")
