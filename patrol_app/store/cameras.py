"""The camera register and the organisation it hangs in (E-C2, E-C3, N-3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from patrol_app.domain.camera import CameraInfo, CameraType, Classify, Orientation, PushType
from patrol_app.domain.pile import PileNumber
from patrol_app.store.database import Repository
from patrol_app.store.models import Camera, Department, Road, RoadSection


@dataclass(frozen=True)
class SectionNode:
    """One road section with its department, as the organisation API lists it."""

    road: str
    road_name: str
    section: str
    department: str
    camera_count: int


class CameraRepository(Repository):
    """Registered cameras: upsert whole, remove (kept as history), list in pile order.
    Database failures raise DatabaseError."""

    _subject = "摄像机"

    def upsert(self, info: CameraInfo, now: datetime) -> None:
        """Store ``info`` in one transaction: the camera is stored whole or not at all."""
        with self._write() as session:
            section = self._section(session, info)
            row = session.get(Camera, info.camera_num)
            if row is None:
                row = Camera(camera_num=info.camera_num, registered_at=now)
                session.add(row)
            row.section = section
            row.camera_name = info.camera_name
            row.camera_name_suffix = info.camera_name_suffix
            row.longitude = info.longitude
            row.latitude = info.latitude
            row.classify = int(info.classify)
            row.poi_name = info.poi_name
            row.orientation = int(info.orientation)
            row.pile_km = info.pile.km
            row.pile_m = info.pile.m
            row.camera_type = int(info.camera_type)
            row.has_control = info.has_control
            row.area_code = info.area_code
            row.push_type = int(info.push_type)
            row.others = info.others
            row.updated_at = now
            row.removed_at = None

    def remove(self, camera_num: str, now: datetime) -> bool:
        """Mark a registered camera removed; False when it is unknown or already removed."""
        with self._write() as session:
            row = session.get(Camera, camera_num)
            if row is None or row.removed_at is not None:
                return False
            row.removed_at = now
            return True

    def get(self, camera_num: str) -> CameraInfo | None:
        with self._read() as session:
            row = session.get(Camera, camera_num)
            return None if row is None or row.removed_at is not None else _info(row)

    def active(self) -> list[CameraInfo]:
        """Registered cameras, by road, section and pile number along the road."""
        with self._read() as session:
            rows = session.scalars(
                select(Camera)
                .join(Camera.section)
                .join(RoadSection.road)
                .where(Camera.removed_at.is_(None))
                .order_by(Road.code, RoadSection.name, Camera.pile_km, Camera.pile_m)
            )
            return [_info(row) for row in rows]

    def count(self) -> int:
        with self._read() as session:
            query = select(func.count()).select_from(Camera).where(Camera.removed_at.is_(None))
            return session.scalar(query) or 0

    def organisation(self) -> list[SectionNode]:
        """Road sections with their department and number of registered cameras."""
        with self._read() as session:
            count = func.count(Camera.camera_num)
            rows = session.execute(
                select(Road.code, Road.name, RoadSection.name, Department.name, count)
                .join(RoadSection.road)
                .join(RoadSection.department)
                .outerjoin(
                    Camera,
                    (Camera.section_id == RoadSection.id) & Camera.removed_at.is_(None),
                )
                .group_by(RoadSection.id, Road.code, Road.name, Department.name)
                .order_by(Road.code, RoadSection.name)
            )
            return [SectionNode(*row) for row in rows]

    @staticmethod
    def _section(session: Session, info: CameraInfo) -> RoadSection:
        department = session.scalar(select(Department).filter_by(name=info.department))
        if department is None:
            department = Department(name=info.department)
            session.add(department)
        road = session.scalar(select(Road).filter_by(code=info.road))
        if road is None:
            road = Road(code=info.road, name=info.road_name)
            session.add(road)
        road.name = info.road_name
        section = session.scalar(
            select(RoadSection).where(RoadSection.road == road, RoadSection.name == info.road_sec)
        )
        if section is None:
            section = RoadSection(road=road, name=info.road_sec, department=department)
            session.add(section)
        section.department = department
        return section


def _info(row: Camera) -> CameraInfo:
    return CameraInfo(
        department=row.section.department.name,
        camera_num=row.camera_num,
        camera_name=row.camera_name,
        camera_name_suffix=row.camera_name_suffix,
        longitude=row.longitude,
        latitude=row.latitude,
        road=row.section.road.code,
        road_name=row.section.road.name,
        road_sec=row.section.name,
        classify=Classify(row.classify),
        poi_name=row.poi_name,
        orientation=Orientation(row.orientation),
        pile=PileNumber(row.pile_km, row.pile_m),
        camera_type=CameraType(row.camera_type),
        has_control=row.has_control,
        area_code=row.area_code,
        push_type=PushType(row.push_type),
        others=row.others,
    )
