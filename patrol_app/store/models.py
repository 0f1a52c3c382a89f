"""SQLAlchemy 2 models: the organisation (department, road, road section) and its cameras; each
user's wall layouts and tours; the patrol records (append-only, docs/PATROLS.md)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeEngine

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
    preset_patrol: Mapped[str | None] = mapped_column(String(50), default=None)


# --- Patrol records (P-1..P-8, F-1): append-only; only store/retention.py deletes. ---
# Camera numbers are not foreign keys: a workstation on a provincial platform has no cameras.


SQLITE_INSTANT = "%Y-%m-%d %H:%M:%S.%f"  # as SQLAlchemy's DateTime stores it in SQLite


class UtcDateTime(TypeDecorator[datetime]):
    """An instant, stored in UTC and read back timezone-aware (UTC).

    PostgreSQL keeps it as timestamptz. SQLite has no time type: the instant is kept as the
    text SQLAlchemy's DateTime writes there ("2026-11-25 08:00:00.000000", UTC, so the text
    sorts chronologically) and read with ``datetime.fromisoformat``, about ten times faster
    than SQLAlchemy's parser: what is due reads one per camera every 30 s.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(26))
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: patrol records need timezone-aware times")
        value = value.astimezone(UTC)
        return value.strftime(SQLITE_INSTANT) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            # SQLite's text is UTC without an offset: parsed with one, the instant comes out
            # aware at once (five times faster than replace(tzinfo=...): a month's report
            # reads 900,000 of them).
            return datetime.fromisoformat(value + "+00:00")
        instant: datetime = value
        return instant.replace(tzinfo=UTC) if instant.tzinfo is None else instant.astimezone(UTC)


class PatrolListChange(Base):
    """A change of one camera's place in the patrol lists (P-1, P-2); the latest counts, the
    first one's time is when the camera joined the lists."""

    __tablename__ = "patrol_list_change"
    id: Mapped[int] = mapped_column(primary_key=True)
    camera_num: Mapped[str] = mapped_column(String(36), index=True)
    site: Mapped[str] = mapped_column(String(20))
    daily_list: Mapped[bool]
    key_list: Mapped[bool]
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    changed_by: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text, default="")


class WeatherWarningRow(Base):
    """A meteorological warning on a section (P-3). Ending or correcting it is a new row whose
    ``corrects_id`` points at the row it replaces."""

    __tablename__ = "weather_warning"
    id: Mapped[int] = mapped_column(primary_key=True)
    road: Mapped[str] = mapped_column(String(20))
    road_sec: Mapped[str] = mapped_column(String(100))
    level: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime())
    ends_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())
    recorded_by: Mapped[str] = mapped_column(String(100))
    corrects_id: Mapped[int | None] = mapped_column(
        ForeignKey("weather_warning.id"), default=None, index=True
    )


class ChecklistVersion(Base):
    """A version of the checklist book (P-4); ``id`` is the version number, ``content`` the
    book's JSON. Version 1 is the built-in book (``created_at`` NULL)."""

    __tablename__ = "checklist_version"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    content: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    created_by: Mapped[str] = mapped_column(String(100))


class PatrolRound(Base):
    """A round of camera patrols; ``planned`` is the JSON list of camera numbers in order.
    Its patrol_record closes it."""

    __tablename__ = "patrol_round"
    id: Mapped[int] = mapped_column(primary_key=True)
    operator: Mapped[str] = mapped_column(String(100), index=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    planned: Mapped[str] = mapped_column(Text)


class PatrolCheck(Base):
    """What the operator confirmed for one camera (a patrol). ``items`` is the JSON list of
    checklist item codes marked; a correction is a new row pointing at the one it corrects."""

    __tablename__ = "patrol_check"
    __table_args__ = (
        Index("ix_patrol_check_camera_num_checked_at", "camera_num", "checked_at"),
        Index("ix_patrol_check_checked_at", "checked_at"),
        Index("ix_patrol_check_pile_metres_checked_at", "pile_metres", "checked_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int | None] = mapped_column(ForeignKey("patrol_round.id"), index=True)
    camera_num: Mapped[str] = mapped_column(String(36))
    camera_name: Mapped[str] = mapped_column(String(300))
    pile: Mapped[str] = mapped_column(String(50))
    outcome: Mapped[str] = mapped_column(String(20))
    operator: Mapped[str] = mapped_column(String(100))
    checked_at: Mapped[datetime] = mapped_column(UtcDateTime())
    checklist_version: Mapped[int] = mapped_column(Integer)
    items: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    snapshot: Mapped[str] = mapped_column(String(1000), default="")
    fault_kind: Mapped[str | None] = mapped_column(String(20), default=None)
    corrects_id: Mapped[int | None] = mapped_column(
        ForeignKey("patrol_check.id"), default=None, index=True
    )
    # JSON list of the preset numbers the camera was shown at during the check (12.3.3b).
    presets: Mapped[str] = mapped_column(Text, default="[]", server_default=text("'[]'"))
    # The pile in metres (domain.pile.pile_metres; NULL: none in ``pile``), for the
    # history's pile ranges (P-6, migration 0011); likewise on events and faults.
    pile_metres: Mapped[int | None] = mapped_column(Integer, default=None)


class CameraLastPatrol(Base):
    """Each camera's latest patrol, kept up to date in the transaction of every check: what
    is due is asked every 30 s and must not seek through a year of checks per camera. A
    derived table (not a record): rebuilt from patrol_check if ever in doubt."""

    __tablename__ = "camera_last_patrol"
    camera_num: Mapped[str] = mapped_column(String(36), primary_key=True)
    checked_at: Mapped[datetime] = mapped_column(UtcDateTime())


class PatrolRecordRow(Base):
    """The patrol record of 12.3.6 (P-6), one per round: its presence closes the round."""

    __tablename__ = "patrol_record"
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("patrol_round.id"), unique=True)
    period_start: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    period_end: Mapped[datetime] = mapped_column(UtcDateTime())
    personnel: Mapped[str] = mapped_column(String(100))
    equipment_condition: Mapped[str] = mapped_column(Text)
    handover_pile: Mapped[str] = mapped_column(String(50))
    anomalies: Mapped[str] = mapped_column(Text)
    handling: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())


class VideoFault(Base):
    """A video fault registered from a patrol, a tile, an inspection or by hand (F-1); its
    changes of state are video_fault_transition rows (store/fault_tables.py)."""

    __tablename__ = "video_fault"
    __table_args__ = (Index("ix_video_fault_pile_metres_found_at", "pile_metres", "found_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    camera_num: Mapped[str] = mapped_column(String(36), index=True)
    camera_name: Mapped[str] = mapped_column(String(300))
    pile: Mapped[str] = mapped_column(String(50))
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    found_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    found_by: Mapped[str] = mapped_column(String(100))
    check_id: Mapped[int | None] = mapped_column(ForeignKey("patrol_check.id"), index=True)
    origin: Mapped[str] = mapped_column(
        String(20), default="patrol", server_default=text("'patrol'")
    )
    pile_metres: Mapped[int | None] = mapped_column(Integer, default=None)


class PlatformOutage(Base):
    """The video platform stopped answering this workstation (issue 11): one record for the
    whole outage, whatever the number of cameras it kept from being patrolled. A
    platform_outage_end row ends it."""

    __tablename__ = "platform_outage"
    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    operator: Mapped[str] = mapped_column(String(100))
    platform: Mapped[str] = mapped_column(String(300))
    detail: Mapped[str] = mapped_column(Text, default="")


class PlatformOutageEnd(Base):
    __tablename__ = "platform_outage_end"
    id: Mapped[int] = mapped_column(primary_key=True)
    outage_id: Mapped[int] = mapped_column(ForeignKey("platform_outage.id"), unique=True)
    ended_at: Mapped[datetime] = mapped_column(UtcDateTime())


class PatrolEvent(Base):
    """A road anomaly found by a patrol (P-5); ``items`` is the JSON list of item codes."""

    __tablename__ = "patrol_event"
    __table_args__ = (
        Index("ix_patrol_event_opened_at", "opened_at"),
        Index("ix_patrol_event_pile_metres_opened_at", "pile_metres", "opened_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(ForeignKey("patrol_check.id"), index=True)
    camera_num: Mapped[str] = mapped_column(String(36))
    camera_name: Mapped[str] = mapped_column(String(300))
    pile: Mapped[str] = mapped_column(String(50))
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime())
    opened_by: Mapped[str] = mapped_column(String(100))
    items: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    pile_metres: Mapped[int | None] = mapped_column(Integer, default=None)


class PatrolEventStep(Base):
    """A handling step of an event (12.3.4); a CLOSE step closes the event."""

    __tablename__ = "patrol_event_step"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("patrol_event.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str] = mapped_column(Text, default="")
    operator: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class Handover(Base):
    """A shift handover (P-7); ``content`` is the JSON of what was handed over."""

    __tablename__ = "handover"
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    outgoing: Mapped[str] = mapped_column(String(100))
    content: Mapped[str] = mapped_column(Text)


class HandoverAccept(Base):
    __tablename__ = "handover_accept"
    id: Mapped[int] = mapped_column(primary_key=True)
    handover_id: Mapped[int] = mapped_column(ForeignKey("handover.id"), unique=True)
    incoming: Mapped[str] = mapped_column(String(100))
    accepted_at: Mapped[datetime] = mapped_column(UtcDateTime())


class EquipmentInspection(Base):
    """An equipment inspection (P-8); ``results`` is JSON {area: [ok, text, picture]} (no
    picture before migration 0009); ``contact``, ``phone``: the Appendix C header's 联系人 and
    联系方式. Its cameras' lines are in store/inspection_tables.py."""

    __tablename__ = "equipment_inspection"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    operator: Mapped[str] = mapped_column(String(100))
    results: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(String(100), default="", server_default="")
    phone: Mapped[str] = mapped_column(String(50), default="", server_default="")


# --- PTZ (Z-3, Z-5). The audit is a record (append-only; only PtzAuditStore.purge_expired
# deletes); presets and preset patrols are camera configuration, replaced freely. Actions are
# the API's numbers (Z-1), levels, sources, kinds and results short strings. ---


class PtzAudit(Base):
    """One PTZ operation (Z-3): who, when, from where, on which camera, what, and the outcome.
    ``action`` (1-12) for moves and their stop; ``preset`` for preset calls and settings;
    ``detail``: the refusal naming the holder, or the device's error."""

    __tablename__ = "ptz_audit"
    __table_args__ = (
        Index("ix_ptz_audit_at", "at"),
        Index("ix_ptz_audit_camera_num_at", "camera_num", "at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    operator: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(30))
    source: Mapped[str] = mapped_column(String(20))
    camera_num: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(20))
    action: Mapped[int | None] = mapped_column(Integer, default=None)
    step: Mapped[int | None] = mapped_column(Integer, default=None)
    preset: Mapped[int | None] = mapped_column(Integer, default=None)
    result: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str] = mapped_column(Text, default="")


class PtzPreset(Base):
    """A camera's preset position (Z-5): its number on the device (1-255) and its name."""

    __tablename__ = "ptz_preset"
    camera_num: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(50))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_by: Mapped[str] = mapped_column(String(100))


class PtzPresetPatrol(Base):
    """A named preset patrol of a camera (Z-5); ``steps`` is the JSON list of
    [preset, dwell_seconds] in patrol order."""

    __tablename__ = "ptz_preset_patrol"
    camera_num: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    steps: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_by: Mapped[str] = mapped_column(String(100))
