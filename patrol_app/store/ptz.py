"""PTZ (云台) in the database: the audit of every operation (Z-3) and each camera's presets
and preset patrols (Z-5).

The view types read back are the domain's (patrol_app.domain.ptz_records): the service
sends them to the workstations as they are.

The audit is a record, append-only like the patrol records (docs/PATROLS.md): there is no
update, and only ``PtzAuditStore.purge_expired`` deletes, never under MIN_RETENTION. Presets
and preset patrols are camera configuration: saving replaces, removing deletes.

Actions are the API's numbers (Z-1, 1-12); control levels, sources, kinds and results are
short strings, so the domain's types (patrol_app.domain.ptz) map onto them without the store
importing them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from patrol_app.domain.ptz_records import (
    BROWSE_LIMIT,
    RESULTS,
    PresetPatrolView,
    PresetView,
    PtzAuditView,
)
from patrol_app.store.database import Repository
from patrol_app.store.models import PtzAudit, PtzPreset, PtzPresetPatrol
from patrol_app.store.retention import MIN_RETENTION

# What an audit row may say (Z-3).
KINDS = ("command", "stop", "preset_call", "preset_set", "release")
SOURCES = ("workstation", "platform")
ACTIONS = range(1, 13)  # Z-1: 1 left ... 12 light on
STEPS = range(1, 9)  # Z-1: 1 smallest ... 8 largest
PRESET_NUMBERS = range(1, 256)
PRESET_KINDS = ("preset_call", "preset_set")

MAX_NAME_CHARS = 50  # a preset's or a preset patrol's name

# Column widths (models.py): checked here so SQLite refuses what PostgreSQL would.
_OPERATOR_CHARS = 100
_LEVEL_CHARS = 30
_CAMERA_CHARS = 36


class PtzStoreError(ValueError):
    """A request the store refuses (an invalid preset number or name...); for the operator."""


@dataclass(frozen=True)
class PtzAuditEntry:
    """One PTZ operation to record. ``action`` (1-12) is required for a command and may name
    the move a stop ends; ``preset`` (1-255) is required for a preset call or setting;
    ``detail``: the refusal naming the holder, or the device's error."""

    at: datetime
    operator: str
    level: str  # e.g. "province", "section_operator", "section_supervisor"
    source: str  # SOURCES
    camera_num: str
    kind: str  # KINDS
    result: str  # RESULTS
    action: int | None = None
    step: int | None = None
    preset: int | None = None
    detail: str = ""


class PtzAuditStore(Repository):
    """The PTZ operation log (Z-3): every command, stop, preset call or setting and release,
    whether carried out, refused or failed. Append-only."""

    _subject = "云台操作日志"

    def record(self, entry: PtzAuditEntry) -> int:
        """Add ``entry``; returns its id. Recording the same operation twice makes two rows."""
        _check_entry(entry)
        with self._write() as session:
            row = PtzAudit(
                at=entry.at,
                operator=entry.operator,
                level=entry.level,
                source=entry.source,
                camera_num=entry.camera_num,
                kind=entry.kind,
                action=entry.action,
                step=entry.step,
                preset=entry.preset,
                result=entry.result,
                detail=entry.detail,
            )
            session.add(row)
            session.flush()
            return row.id

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
        """The operations in [start, end), newest first, at most ``limit``; narrowed to one
        camera, one operator and one result when given (ix_ptz_audit_camera_num_at serves
        a camera, ix_ptz_audit_at the rest)."""
        _check_aware(start, end)
        if limit < 1:
            raise PtzStoreError(f"查询条数应至少为 1，收到 {limit}")
        if result is not None and result not in RESULTS:
            raise PtzStoreError(f"未知的操作结果：{result!r}")
        query = select(PtzAudit).where(PtzAudit.at >= start, PtzAudit.at < end)
        if camera_num is not None:
            query = query.where(PtzAudit.camera_num == camera_num)
        if operator is not None:
            query = query.where(PtzAudit.operator == operator)
        if result is not None:
            query = query.where(PtzAudit.result == result)
        query = query.order_by(PtzAudit.at.desc(), PtzAudit.id.desc()).limit(limit)
        with self._read() as session:
            return [_audit_view(row) for row in session.scalars(query)]

    def purge_expired(self, now: datetime, retention: timedelta) -> int:
        """Delete the operations older than ``now - retention`` (never under MIN_RETENTION);
        returns the number of rows deleted."""
        if retention < MIN_RETENTION:
            raise PtzStoreError(
                f"云台操作日志保存期不得少于 {MIN_RETENTION.days} 天，收到 {retention.days} 天"
            )
        _check_aware(now)
        with self._write() as session:
            result = session.execute(
                delete(PtzAudit).where(PtzAudit.at < now - retention),
                execution_options={"synchronize_session": False},
            )
            return cast(CursorResult[Any], result).rowcount


class PresetStore(Repository):
    """Each camera's presets and preset patrols (Z-5): configuration, shared by every
    workstation of the control room; saving under an existing number or name replaces."""

    _subject = "预置位设置"

    def presets(self, camera_num: str) -> list[PresetView]:
        """The camera's presets by number."""
        with self._read() as session:
            rows = session.scalars(
                select(PtzPreset).filter_by(camera_num=camera_num).order_by(PtzPreset.number)
            )
            return [
                PresetView(row.camera_num, row.number, row.name, row.updated_at, row.updated_by)
                for row in rows
            ]

    def save(self, camera_num: str, number: int, name: str, *, by: str, now: datetime) -> None:
        """Name preset ``number`` of the camera (a new one, or a new name for it); the name
        is kept without surrounding spaces."""
        _check_camera(camera_num)
        _check_preset(number)
        _check_operator(by)
        name = _check_name(name, "预置位")
        _check_aware(now)
        values = {"name": name, "updated_at": now, "updated_by": by}
        with self._write() as session:
            _upsert(session, PtzPreset, {"camera_num": camera_num, "number": number}, values)

    def remove(self, camera_num: str, number: int) -> None:
        """Forget the preset (nothing to do when it is not there)."""
        with self._write() as session:
            session.execute(delete(PtzPreset).filter_by(camera_num=camera_num, number=number))

    def patrols(self, camera_num: str) -> list[PresetPatrolView]:
        """The camera's preset patrols by name (code point order: the same on SQLite and
        PostgreSQL, whatever the database's collation)."""
        with self._read() as session:
            rows = session.scalars(select(PtzPresetPatrol).filter_by(camera_num=camera_num))
            patrols = [
                PresetPatrolView(
                    row.camera_num,
                    row.name,
                    tuple((int(preset), float(dwell)) for preset, dwell in json.loads(row.steps)),
                    row.updated_at,
                    row.updated_by,
                )
                for row in rows
            ]
        return sorted(patrols, key=lambda patrol: patrol.name)

    def save_patrol(
        self,
        camera_num: str,
        name: str,
        steps: Sequence[tuple[int, float]],
        *,
        by: str,
        now: datetime,
    ) -> None:
        """Save the preset patrol ``name`` of the camera: (preset, dwell seconds) in order,
        replacing one of the same name. The presets need not exist yet."""
        _check_camera(camera_num)
        name = _check_name(name, "预置位巡查")
        _check_operator(by)
        if not steps:
            raise PtzStoreError("预置位巡查至少要有一个预置位")
        for preset, dwell in steps:
            _check_preset(preset)
            if isinstance(dwell, bool) or not isinstance(dwell, int | float):
                raise PtzStoreError(f"停留时间应为秒数，收到 {dwell!r}")
            if not (math.isfinite(dwell) and dwell > 0):
                raise PtzStoreError(f"停留时间应大于 0 秒，收到 {dwell!r}")
        _check_aware(now)
        encoded = json.dumps([[preset, dwell] for preset, dwell in steps])
        values = {"steps": encoded, "updated_at": now, "updated_by": by}
        with self._write() as session:
            _upsert(session, PtzPresetPatrol, {"camera_num": camera_num, "name": name}, values)

    def remove_patrol(self, camera_num: str, name: str) -> None:
        """Delete the preset patrol (nothing to do when it is not there)."""
        with self._write() as session:
            session.execute(
                delete(PtzPresetPatrol).filter_by(camera_num=camera_num, name=name.strip())
            )


def _upsert(session: Session, model: Any, key: dict[str, Any], values: dict[str, Any]) -> None:
    """Insert the row of primary ``key`` or update it: one statement, so two workstations
    saving the same preset at once do not collide."""
    table = model.__table__
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgresql_insert
    statement = insert(table).values(**key, **values)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[table.c[column] for column in key], set_=values
        )
    )


def _audit_view(row: PtzAudit) -> PtzAuditView:
    return PtzAuditView(
        row.id,
        row.at,
        row.operator,
        row.level,
        row.source,
        row.camera_num,
        row.kind,
        row.result,
        row.action,
        row.step,
        row.preset,
        row.detail,
    )


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_aware(*times: datetime) -> None:
    for value in times:
        if value.tzinfo is None or value.utcoffset() is None:
            raise PtzStoreError(f"时间缺少时区：{value.isoformat()}")


def _check_camera(camera_num: str) -> None:
    if not camera_num or len(camera_num) > _CAMERA_CHARS:
        raise PtzStoreError(f"摄像机编号应为 1-{_CAMERA_CHARS} 个字符，收到 {camera_num!r}")


def _check_operator(operator: str) -> None:
    if not operator or len(operator) > _OPERATOR_CHARS:
        raise PtzStoreError(f"操作员应为 1-{_OPERATOR_CHARS} 个字符，收到 {operator!r}")


def _check_preset(number: object) -> None:
    if not _is_int(number) or number not in PRESET_NUMBERS:
        raise PtzStoreError(f"预置位编号应为 1-255，收到 {number!r}")


def _check_name(name: str, what: str) -> str:
    name = name.strip()
    if not name:
        raise PtzStoreError(f"{what}名称不能为空")
    if len(name) > MAX_NAME_CHARS:
        raise PtzStoreError(f"{what}名称不能超过 {MAX_NAME_CHARS} 个字，收到 {len(name)} 个")
    return name


def _check_entry(entry: PtzAuditEntry) -> None:
    """Refuse what the log must not hold: an entry that does not say who did what where."""
    _check_aware(entry.at)
    _check_camera(entry.camera_num)
    _check_operator(entry.operator)
    if not entry.level or len(entry.level) > _LEVEL_CHARS:
        raise PtzStoreError(f"控制级别应为 1-{_LEVEL_CHARS} 个字符，收到 {entry.level!r}")
    if entry.source not in SOURCES:
        raise PtzStoreError(f"未知的操作来源：{entry.source!r}")
    if entry.kind not in KINDS:
        raise PtzStoreError(f"未知的操作类型：{entry.kind!r}")
    if entry.result not in RESULTS:
        raise PtzStoreError(f"未知的操作结果：{entry.result!r}")
    if entry.action is None:
        if entry.kind == "command":
            raise PtzStoreError("云台命令缺少动作")
    elif not _is_int(entry.action) or entry.action not in ACTIONS:
        raise PtzStoreError(f"云台动作应为 1-12，收到 {entry.action!r}")
    if entry.step is not None and (not _is_int(entry.step) or entry.step not in STEPS):
        raise PtzStoreError(f"步长应为 1-8，收到 {entry.step!r}")
    if entry.preset is None:
        if entry.kind in PRESET_KINDS:
            raise PtzStoreError("预置位操作缺少预置位编号")
    else:
        _check_preset(entry.preset)
