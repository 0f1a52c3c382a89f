"""SQLAlchemy 2 models: the organisation (department, road, road section) and its cameras; each
user's wall layouts and tours."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Integer, MetaData, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names, so that Alembic batch migrations on SQLite can refer to them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Department(Base):
    """A maintenance unit (管养单位), e.g. 广东省高速公路有限公司京珠北分公司."""

    __tablename__ = "department"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class Road(Base):
    """A route: ``code`` G4, ``name`` 京港澳高速."""

    __tablename__ = "road"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100))


class RoadSection(Base):
    """A road section (路段) run by one department, e.g. 京珠北段 of G4."""

    __tablename__ = "road_section"
    __table_args__ = (UniqueConstraint("road_id", "name", name="uq_road_section_road_id_name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    road_id: Mapped[int] = mapped_column(ForeignKey("road.id"))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    name: Mapped[str] = mapped_column(String(100))
    road: Mapped[Road] = relationship()
    department: Mapped[Department] = relationship()


class Camera(Base):
    """A camera with the fields of E 3.1 (N-3).

    A camera removed through E-C3 keeps its row with ``removed_at`` set: patrol and fault
    records written about it must still resolve. Registering it again revives it.
    """

    __tablename__ = "camera"
    camera_num: Mapped[str] = mapped_column(String(36), primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("road_section.id"))
    camera_name: Mapped[str] = mapped_column(String(300))
    camera_name_suffix: Mapped[str] = mapped_column(String(200), default="")
    longitude: Mapped[float] = mapped_column(Float)
    latitude: Mapped[float] = mapped_column(Float)
    classify: Mapped[int] = mapped_column(Integer)
    poi_name: Mapped[str] = mapped_column(String(200))
    orientation: Mapped[int] = mapped_column(Integer)
    pile_km: Mapped[int] = mapped_column(Integer)
    pile_m: Mapped[int] = mapped_column(Integer)
    camera_type: Mapped[int] = mapped_column(Integer)
    has_control: Mapped[bool]
    area_code: Mapped[str] = mapped_column(String(6))
    push_type: Mapped[int] = mapped_column(Integer)
    others: Mapped[str] = mapped_column(String(2000), default="")
    registered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    section: Mapped[RoadSection] = relationship()


class SavedLayout(Base):
    """A user's named wall layout (a preference: replaced and deleted freely).

    ``used_at``: when it was last saved or shown; the latest is restored at start. Cameras
    are not foreign keys: a workstation on a provincial platform has no camera table.
    """

    __tablename__ = "wall_layout"
    __table_args__ = (UniqueConstraint("user_name", "name", name="uq_wall_layout_user_name_name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_name: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(100))
    tile_count: Mapped[int] = mapped_column(Integer)
    used_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    tiles: Mapped[list[SavedLayoutTile]] = relationship(
        cascade="all, delete-orphan", order_by="SavedLayoutTile.position"
    )


class SavedLayoutTile(Base):
    """A tile of a layout that shows a camera; ``grade`` NULL is the wall's automatic grade."""

    __tablename__ = "wall_layout_tile"
    layout_id: Mapped[int] = mapped_column(
        ForeignKey("wall_layout.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    camera_num: Mapped[str] = mapped_column(String(36))
    grade: Mapped[int | None] = mapped_column(Integer)


class SavedTour(Base):
    """A user's named tour (W-5), a preference like the layouts."""

    __tablename__ = "tour"
    __table_args__ = (UniqueConstraint("user_name", "name", name="uq_tour_user_name_name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_name: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    steps: Mapped[list[SavedTourStep]] = relationship(
        cascade="all, delete-orphan", order_by="SavedTourStep.position"
    )


class SavedTourStep(Base):
    __tablename__ = "tour_step"
    tour_id: Mapped[int] = mapped_column(
        ForeignKey("tour.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    camera_num: Mapped[str] = mapped_column(String(36))
    dwell_seconds: Mapped[float] = mapped_column(Float)
    preset: Mapped[int | None] = mapped_column(Integer)
