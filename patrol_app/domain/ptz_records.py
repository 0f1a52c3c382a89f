"""What the service keeps of PTZ (云台) and the workstation shows: each camera's presets and
preset patrols (Z-5) and the log of every operation (Z-3), as read from the service's store
and sent to the workstations (``/workstation/ptz/...``, gateway/ptz_records.py).

The wire format is these types' fields in camelCase (``cameraNum``, ``updatedAt``...), times
as ISO 8601 with their offset; one TypeAdapter per list encodes them on the service and
decodes them in the client (platform/presets.py), so both ends read one definition.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import ConfigDict, TypeAdapter, ValidationError
from pydantic.alias_generators import to_camel

from patrol_app.domain.ptz import MAX_PRESET_NAME

RESULTS = ("ok", "refused", "failed")  # what became of an operation
BROWSE_LIMIT = 500  # operations of the log one search shows at most
MAX_PATROL_NAME = MAX_PRESET_NAME  # characters of a preset patrol's name

_WIRE = ConfigDict(alias_generator=to_camel, populate_by_name=True)


@dataclass(frozen=True)
class PtzAuditView:
    """One operation of the log: ``kind`` "command", "stop", "preset_call", "preset_set" or
    "release"; ``result`` one of RESULTS; ``detail``: the refusal naming the holder, or the
    device's error."""

    __pydantic_config__ = _WIRE

    id: int
    at: datetime
    operator: str
    level: str
    source: str
    camera_num: str
    kind: str
    result: str
    action: int | None
    step: int | None
    preset: int | None
    detail: str


@dataclass(frozen=True)
class PresetView:
    __pydantic_config__ = _WIRE

    camera_num: str
    number: int
    name: str
    updated_at: datetime
    updated_by: str


@dataclass(frozen=True)
class PresetPatrolView:
    """A named preset patrol: ``steps`` are (preset number, dwell seconds) in order."""

    __pydantic_config__ = _WIRE

    camera_num: str
    name: str
    steps: tuple[tuple[int, float], ...]
    updated_at: datetime
    updated_by: str


class WireError(ValueError):
    """A list that is not what the other end sends; the message says where, for the log."""


T = TypeVar("T")


class _ListCodec(Generic[T]):
    def __init__(self, kind: type[T]) -> None:
        self._adapter: TypeAdapter[list[T]] = TypeAdapter(list[kind])  # type: ignore[valid-type]

    def encode(self, items: list[T]) -> list[dict[str, Any]]:
        encoded: list[dict[str, Any]] = self._adapter.dump_python(items, mode="json", by_alias=True)
        return encoded

    def decode(self, data: object) -> list[T]:
        try:
            return self._adapter.validate_python(data)
        except ValidationError as error:
            raise WireError(str(error)) from error


AUDIT_WIRE = _ListCodec(PtzAuditView)
PRESETS_WIRE = _ListCodec(PresetView)
PATROLS_WIRE = _ListCodec(PresetPatrolView)
