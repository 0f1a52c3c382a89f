"""The history of the records (P-6): what the operator asks of past records and what comes
back, one row per record in time order, a page at a time.

Records are append-only: a correction is a later row of its own that names the record it
corrects (``corrects``), and the corrected record is listed too (``corrected_by``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from patrol_app.domain.labels import LabelledStr
from patrol_app.domain.pile import PileNumber

PAGE_SIZE = 200  # rows per page: what a table shows at once, several screens of it
# A search spans at most a little more than the records' retention (P-6: a year); a longer
# history is searched a year at a time.
MAX_SPAN = timedelta(days=400)


class HistoryError(ValueError):
    """A search the history cannot run (an empty period, a pile range backwards); the
    message is for the operator."""


class HistoryKind(LabelledStr):
    """The kinds of records the history finds, in the order rows of one instant are listed."""

    PATROL_RECORD = "patrol_record", "巡查记录"
    CHECK = "check", "摄像机巡查"
    EVENT = "event", "异常事件"
    FAULT = "fault", "视频故障"
    HANDOVER = "handover", "交接班"
    INSPECTION = "inspection", "设备巡检"
    # A camera's line of an inspection's Appendix C table (P-8, R-2).
    CAMERA_INSPECTION = "camera_inspection", "设备巡检（摄像机）"

    @property
    def about_a_camera(self) -> bool:
        """Records of one camera (with its pile): the only ones a camera or pile filter keeps."""
        return self in (
            HistoryKind.CHECK,
            HistoryKind.EVENT,
            HistoryKind.FAULT,
            HistoryKind.CAMERA_INSPECTION,
        )

    @property
    def rank(self) -> int:
        return list(HistoryKind).index(self)


@dataclass(frozen=True)
class PileRange:
    """From one pile number to another, both included; compared in metres along the road."""

    start: PileNumber
    end: PileNumber

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise HistoryError(f"桩号范围的终点 {self.end} 在起点 {self.start} 之前")


@dataclass(frozen=True)
class HistoryFilter:
    """A search: records of ``kinds`` whose time is in [start, end); ``piles``: only those of
    a camera within the range; ``camera``: a camera number, or a part of its name;
    ``operator``: who made the record (exactly)."""

    start: datetime
    end: datetime
    kinds: frozenset[HistoryKind] = field(default_factory=lambda: frozenset(HistoryKind))
    piles: PileRange | None = None
    camera: str = ""
    operator: str = ""

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("a history period needs timezone-aware times")
        if self.end <= self.start:
            raise HistoryError("查询时段的结束时间须晚于开始时间")
        if self.end - self.start > MAX_SPAN:
            raise HistoryError(f"查询时段不能超过 {MAX_SPAN.days} 天，请缩短时段")
        if not self.kinds:
            raise HistoryError("请至少选择一种记录")

    @property
    def searched_kinds(self) -> tuple[HistoryKind, ...]:
        """The kinds searched, in listing order: with a camera or pile filter, only records
        about a camera."""
        about_camera = self.piles is not None or bool(self.camera)
        return tuple(
            kind
            for kind in HistoryKind
            if kind in self.kinds and (kind.about_a_camera or not about_camera)
        )


@dataclass(frozen=True, order=True)
class HistoryPosition:
    """Where a row stands in the listing: time, then kind, then id, then line (the next page
    starts after it)."""

    at: datetime
    rank: int
    id: int
    line: int = 0


@dataclass(frozen=True)
class HistoryRow:
    """One record as the listing shows it; ``summary``: its outcome or state and note;
    ``items``: the checklist items marked (codes as stored; the use case gives their
    labels). A camera's line of an inspection is ``id`` the inspection, ``line`` its line."""

    kind: HistoryKind
    id: int
    at: datetime
    operator: str
    summary: str
    camera_num: str = ""
    camera_name: str = ""
    pile: str = ""
    items: tuple[str, ...] = ()
    corrects: int | None = None  # this record corrects that one (of the same kind)
    corrected_by: int | None = None  # a later record corrects this one
    line: int = 0

    @property
    def position(self) -> HistoryPosition:
        return HistoryPosition(self.at, self.kind.rank, self.id, self.line)


@dataclass(frozen=True)
class HistoryPage:
    """Rows in time order; ``more``: rows follow the last one (ask again after it)."""

    rows: tuple[HistoryRow, ...]
    more: bool

    @property
    def next_after(self) -> HistoryPosition | None:
        return self.rows[-1].position if self.more and self.rows else None
