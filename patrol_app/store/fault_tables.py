"""The tables of faults followed to repair (F-1, F-2) and of work orders (F-3): every change
of state is a row of its own (append-only). ``seq`` numbers a record's changes from 1; two
workstations changing the same record at once write the same ``seq`` and the second one is
refused (uniqueness), instead of both changes being kept."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from patrol_app.store.models import Base, UtcDateTime


class FaultTransitionRow(Base):
    """A change of a video fault's state (registered -> responded -> repaired -> verified,
    or cancelled with its reason in ``note``)."""

    __tablename__ = "video_fault_transition"
    __table_args__ = (
        UniqueConstraint("fault_id", "seq", name="uq_video_fault_transition_fault_id_seq"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    fault_id: Mapped[int] = mapped_column(ForeignKey("video_fault.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    operator: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text, default="")


class WorkOrderRow(Base):
    """A work order raised against the section for a failing key indicator (F-3)."""

    __tablename__ = "work_order"
    id: Mapped[int] = mapped_column(primary_key=True)
    road: Mapped[str] = mapped_column(String(20))
    road_sec: Mapped[str] = mapped_column(String(100))
    indicator: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(100), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    reference: Mapped[str] = mapped_column(String(100), default="")
    raised_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    raised_by: Mapped[str] = mapped_column(String(100))


class WorkOrderTransitionRow(Base):
    """A change of a work order's state: the feedback given (its text in ``note``), closed."""

    __tablename__ = "work_order_transition"
    __table_args__ = (
        UniqueConstraint("order_id", "seq", name="uq_work_order_transition_order_id_seq"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("work_order.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    operator: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text, default="")
