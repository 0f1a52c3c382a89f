"""Tables of the equipment inspection in depth (P-8, R-2, migration 0009): one row per
inspection x camera with the Appendix C checks it failed, and the cameras' basic info as the
inspections saw it, each distinct version stored once.

A section has up to 2,000 cameras inspected every day (three times on a major holiday): a
camera's row is its inspection, its line number, its basic info's id and a bit mask of the
failed checks, with texts only where the operator wrote something. Records are append-only:
a later handling text (路段处理情况) is a row of ``inspection_camera_handling``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from patrol_app.store.models import Base, UtcDateTime


class InspectionCameraInfo(Base):
    """A camera's basic info (设备基础信息) as an inspection saw it; rows are shared by every
    inspection that saw the same info (``digest``: the SHA-256 of the fields) and never
    change."""

    __tablename__ = "inspection_camera_info"
    id: Mapped[int] = mapped_column(primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    camera_num: Mapped[str] = mapped_column(String(36))
    section: Mapped[str] = mapped_column(String(200))
    facility: Mapped[str] = mapped_column(String(200))
    pile: Mapped[str] = mapped_column(String(50))
    maintainer: Mapped[str] = mapped_column(String(200))
    manufacturer: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(300))
    name_suffix: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))
    direction: Mapped[str] = mapped_column(String(20))
    # The pile in metres, for the history's pile ranges (P-6, migration 0011).
    pile_metres: Mapped[int | None] = mapped_column(Integer, default=None)


class InspectionCamera(Base):
    """One camera's line of an inspection's Appendix C table. ``failed``: the checks it failed,
    one bit each (store/inspections.py CHECK_BITS); ``picture``: the path of the picture of
    what is wrong, "" for none."""

    __tablename__ = "inspection_camera"
    __table_args__ = (Index("ix_inspection_camera_camera_num", "camera_num", "inspection_id"),)
    inspection_id: Mapped[int] = mapped_column(
        ForeignKey("equipment_inspection.id"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    camera_num: Mapped[str] = mapped_column(String(36))
    info_id: Mapped[int] = mapped_column(ForeignKey("inspection_camera_info.id"))
    failed: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    picture: Mapped[str] = mapped_column(String(1000), default="")
    handling: Mapped[str] = mapped_column(Text, default="")


class InspectionCameraHandling(Base):
    """A later handling text (路段处理情况) of one camera's line: the section repaired or
    planned the repair after the inspection; the latest row is the line's handling."""

    __tablename__ = "inspection_camera_handling"
    __table_args__ = (Index("ix_inspection_camera_handling_line", "inspection_id", "seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("equipment_inspection.id"))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    operator: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
