"""Equipment inspections (P-8) and their cameras' lines of the Appendix C table (R-2)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from patrol_app.domain.inspections import (
    MAX_CAMERA_TEXT,
    AreaResult,
    CameraBasics,
    CameraCheck,
    CameraInspectionRow,
    InspectionArea,
    InspectionSheet,
    camera_row_problem,
    sheet_section,
)
from patrol_app.domain.pile import pile_metres
from patrol_app.domain.records import InspectionView
from patrol_app.store.inspection_tables import (
    InspectionCamera,
    InspectionCameraHandling,
    InspectionCameraInfo,
)
from patrol_app.store.models import EquipmentInspection
from patrol_app.store.patrol_base import PatrolRepository, PatrolStoreError, dump, utc

# The bit of each check in InspectionCamera.failed: fixed, whatever order CameraCheck takes.
CHECK_BITS = {
    CameraCheck.OSD: 1 << 0,
    CameraCheck.GRADE_SWITCH: 1 << 1,
    CameraCheck.LENS_CLEAN: 1 << 2,
    CameraCheck.ROAD_VISIBLE: 1 << 3,
    CameraCheck.PLAZA_PANORAMA: 1 << 4,
    CameraCheck.OCCLUDED: 1 << 5,
    CameraCheck.MATCHES: 1 << 6,
    CameraCheck.CLOCK_SYNC: 1 << 7,
    CameraCheck.POSITION: 1 << 8,
}
_INFO_FIELDS = (
    "camera_num",
    "section",
    "facility",
    "pile",
    "maintainer",
    "manufacturer",
    "name",
    "name_suffix",
    "status",
    "direction",
)
_CHUNK = 500  # values per IN (...)


def failed_mask(failed: frozenset[CameraCheck]) -> int:
    return sum(CHECK_BITS[check] for check in failed)


def failed_checks(mask: int) -> frozenset[CameraCheck]:
    return frozenset(check for check, bit in CHECK_BITS.items() if mask & bit)


class InspectionRepository(PatrolRepository):
    """Equipment inspections (P-8): the areas, and per camera the Appendix C checks."""

    def record_inspection(
        self,
        operator: str,
        results: Mapping[InspectionArea, tuple[bool, str]],
        *,
        note: str,
        now: datetime,
        pictures: Mapping[InspectionArea, str] | None = None,
        cameras: Sequence[CameraInspectionRow] = (),
        contact: str = "",
        phone: str = "",
    ) -> int:
        """One inspection with its areas' (ok, text), their ``pictures`` and its ``cameras``'
        lines (numbered by their ``seq``, each once); PatrolStoreError when a line cannot be
        recorded (a failed check without a note)."""
        _check_lines(cameras)
        shown = pictures or {}
        encoded = {
            area.value: [bool(ok), text, shown.get(area, "")]
            for area, (ok, text) in results.items()
        }
        with self._write() as session:
            row = EquipmentInspection(
                at=now,
                operator=operator,
                results=dump(encoded),
                note=note,
                contact=contact,
                phone=phone,
            )
            session.add(row)
            session.flush()
            if cameras:
                infos = _info_ids(session, [line.camera for line in cameras])
                session.execute(
                    insert(InspectionCamera),
                    [
                        {
                            "inspection_id": row.id,
                            "seq": line.seq,
                            "camera_num": line.camera.camera_num,
                            "info_id": infos[_digest(line.camera)],
                            "failed": failed_mask(line.failed),
                            "note": line.note,
                            "picture": line.picture,
                            "handling": line.handling,
                        }
                        for line in cameras
                    ],
                )
            return row.id

    def add_handling(
        self, inspection_id: int, texts: Mapping[int, str], *, operator: str, now: datetime
    ) -> None:
        """Later handling texts (路段处理情况) of lines of an inspection, by line number (new
        rows: the repair made or planned); PatrolStoreError for a line that does not exist
        (then nothing is kept)."""
        with self._write() as session:
            for seq, text in sorted(texts.items()):
                if session.get(InspectionCamera, (inspection_id, seq)) is None:
                    raise PatrolStoreError(f"设备巡查 {inspection_id} 没有第 {seq} 行")
                if len(text) > MAX_CAMERA_TEXT:
                    raise PatrolStoreError(f"第 {seq} 行的处理情况超过 {MAX_CAMERA_TEXT} 字")
                session.add(
                    InspectionCameraHandling(
                        inspection_id=inspection_id, seq=seq, at=now, operator=operator, text=text
                    )
                )

    def inspections(self, start: datetime, end: datetime) -> list[InspectionView]:
        """Inspections made in [start, end), oldest first."""
        with self._read() as session:
            rows = session.scalars(
                select(EquipmentInspection)
                .where(EquipmentInspection.at >= start, EquipmentInspection.at < end)
                .order_by(EquipmentInspection.at, EquipmentInspection.id)
            ).all()
            counts = _camera_counts(session, [row.id for row in rows])
            return [_view(row, *counts.get(row.id, (0, 0))) for row in rows]

    def camera_rows(self, inspection_id: int) -> list[CameraInspectionRow]:
        """The cameras' lines of an inspection in the table's order, each with its latest
        handling text ([] for an inspection without cameras, or made before 0009)."""
        with self._read() as session:
            return _lines(session, inspection_id)

    def sheet(self, inspection_id: int) -> InspectionSheet:
        """The inspection as the Appendix C table prints it; PatrolStoreError when unknown."""
        with self._read() as session:
            row = session.get(EquipmentInspection, inspection_id)
            if row is None:
                raise PatrolStoreError(f"设备巡查 {inspection_id} 不存在")
            lines = _lines(session, inspection_id)
            view = _view(row, len(lines), sum(1 for line in lines if line.failed))
            return InspectionSheet(
                inspection_id=row.id,
                at=view.at,
                operator=row.operator,
                section=sheet_section(lines),
                contact=row.contact,
                phone=row.phone,
                note=row.note,
                areas={
                    area: AreaResult(ok, text, view.pictures.get(area, ""))
                    for area, (ok, text) in view.results.items()
                },
                rows=lines,
            )


def _check_lines(cameras: Sequence[CameraInspectionRow]) -> None:
    seen: set[int] = set()
    for line in cameras:
        problem = camera_row_problem(line)
        if problem is not None:
            raise PatrolStoreError(problem)
        if line.seq < 1 or line.seq in seen:
            raise PatrolStoreError(f"设备巡查表的行号 {line.seq} 无效或重复")
        seen.add(line.seq)


def _digest(info: CameraBasics) -> str:
    joined = "\x1f".join(getattr(info, name) for name in _INFO_FIELDS)
    return hashlib.sha256(joined.encode()).hexdigest()


def _chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _info_ids(session: Session, infos: Sequence[CameraBasics]) -> dict[str, int]:
    """The id of each info's row by digest, storing those not seen before. Two workstations
    storing the same new info at once both get the one row (insert, or nothing on conflict)."""
    wanted = {_digest(info): info for info in infos}
    found = _known(session, list(wanted))
    missing = [
        {
            "digest": digest,
            **{name: getattr(info, name) for name in _INFO_FIELDS},
            "pile_metres": pile_metres(info.pile),  # the history's pile ranges (0011)
        }
        for digest, info in wanted.items()
        if digest not in found
    ]
    if missing:
        dialect = session.get_bind().dialect.name
        table = InspectionCameraInfo
        statement = (
            postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)
        ).on_conflict_do_nothing(index_elements=["digest"])
        session.execute(statement, missing)
        found.update(_known(session, [row["digest"] for row in missing]))
    return found


def _known(session: Session, digests: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in _chunks(digests):
        query = select(InspectionCameraInfo.digest, InspectionCameraInfo.id).where(
            InspectionCameraInfo.digest.in_(chunk)
        )
        found.update((digest, info_id) for digest, info_id in session.execute(query))
    return found


def _camera_counts(session: Session, ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """(cameras, cameras that failed a check) per inspection id."""
    counts: dict[int, tuple[int, int]] = {}
    for chunk in _chunks(ids):
        query = (
            select(
                InspectionCamera.inspection_id,
                func.count(),
                func.count().filter(InspectionCamera.failed != 0),
            )
            .where(InspectionCamera.inspection_id.in_(chunk))
            .group_by(InspectionCamera.inspection_id)
        )
        counts.update((row[0], (row[1], row[2])) for row in session.execute(query))
    return counts


def _lines(session: Session, inspection_id: int) -> list[CameraInspectionRow]:
    later: dict[int, str] = {}
    for seq, text in session.execute(
        select(InspectionCameraHandling.seq, InspectionCameraHandling.text)
        .where(InspectionCameraHandling.inspection_id == inspection_id)
        .order_by(InspectionCameraHandling.at, InspectionCameraHandling.id)
    ):
        later[seq] = text
    query = (
        select(InspectionCamera, InspectionCameraInfo)
        .join(InspectionCameraInfo, InspectionCameraInfo.id == InspectionCamera.info_id)
        .where(InspectionCamera.inspection_id == inspection_id)
        .order_by(InspectionCamera.seq)
    )
    return [
        CameraInspectionRow(
            seq=line.seq,
            camera=CameraBasics(**{name: getattr(info, name) for name in _INFO_FIELDS}),
            failed=failed_checks(line.failed),
            note=line.note,
            picture=line.picture,
            handling=later.get(line.seq, line.handling),
        )
        for line, info in session.execute(query)
    ]


def _view(row: EquipmentInspection, cameras: int, failed: int) -> InspectionView:
    results: dict[InspectionArea, tuple[bool, str]] = {}
    pictures: dict[InspectionArea, str] = {}
    for area, value in json.loads(row.results).items():
        results[InspectionArea(area)] = (bool(value[0]), str(value[1]))
        if len(value) > 2 and value[2]:
            pictures[InspectionArea(area)] = str(value[2])
    return InspectionView(
        row.id,
        utc(row.at),
        row.operator,
        results,
        row.note,
        pictures=pictures,
        contact=row.contact,
        phone=row.phone,
        cameras=cameras,
        failed_cameras=failed,
    )
