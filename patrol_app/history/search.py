"""Finding past records (P-6): the operator's search as typed (a period, a pile range, a
camera, an operator, the kinds) becomes a ``HistoryFilter``; the store answers a page at a
time; the record selected is read whole for the details pane (an event with its handling
steps, a fault with its state, a handover with what was handed over). Read-only."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from patrol_app.domain.checklists import ChecklistBook
from patrol_app.domain.faults import FaultRecord
from patrol_app.domain.history import (
    PAGE_SIZE,
    HistoryError,
    HistoryFilter,
    HistoryKind,
    HistoryPage,
    HistoryPosition,
    HistoryRow,
    PileRange,
)
from patrol_app.domain.inspections import CameraInspectionRow
from patrol_app.domain.pile import PileNumber, PileNumberError
from patrol_app.domain.records import (
    CheckView,
    EventView,
    HandoverView,
    InspectionView,
    PatrolRecord,
)
from patrol_app.store.patrol_base import PatrolStoreError
from patrol_app.store.patrols import PatrolStore


@dataclass(frozen=True)
class InspectionRecord:
    """An equipment inspection with its cameras' lines of the Appendix C table (P-8); for a
    camera's line, that line only."""

    inspection: InspectionView
    cameras: tuple[CameraInspectionRow, ...]


RecordDetail = CheckView | EventView | FaultRecord | HandoverView | InspectionRecord | PatrolRecord


@dataclass(frozen=True)
class HistorySearch:
    """The search as the operator typed it: piles as text ("K100+000"; one of the two alone
    is that pile only), the camera's number or a part of its name, the operator's name."""

    start: datetime
    end: datetime
    kinds: frozenset[HistoryKind] = frozenset(HistoryKind)
    pile_from: str = ""
    pile_to: str = ""
    camera: str = ""
    operator: str = ""

    def to_filter(self) -> HistoryFilter:
        """The filter of this search; HistoryError with a message for the operator when it
        cannot be run."""
        texts = [text.strip() for text in (self.pile_from, self.pile_to) if text.strip()]
        piles = None
        if texts:
            try:
                start, end = (PileNumber.parse(text) for text in (texts[0], texts[-1]))
            except PileNumberError as error:
                raise HistoryError(str(error)) from error
            piles = PileRange(start, end)
        return HistoryFilter(
            self.start,
            self.end,
            frozenset(self.kinds),
            piles,
            self.camera.strip(),
            self.operator.strip(),
        )


def find(
    store: PatrolStore,
    search: HistoryFilter,
    after: HistoryPosition | None = None,
    limit: int = PAGE_SIZE,
) -> HistoryPage:
    """The page of ``search`` after ``after`` (the first page when None), the checklist
    items marked named as the checklist book names them."""
    page = store.history.page(search, after, limit)
    if not any(row.items for row in page.rows):
        return page
    book = _book(store)
    return replace(
        page, rows=tuple(replace(row, items=_labels(book, row.items)) for row in page.rows)
    )


def read_record(store: PatrolStore, row: HistoryRow) -> RecordDetail:
    """The whole record behind ``row``: what the details pane shows (checklist items by
    their names)."""
    if row.kind is HistoryKind.CHECK:
        check = store.rounds.check(row.id)
        return replace(check, items=_labels(_book(store), check.items))
    if row.kind is HistoryKind.EVENT:
        event = store.events.event(row.id)
        return replace(event, items=_labels(_book(store), event.items))
    if row.kind is HistoryKind.FAULT:
        return store.faults.fault(row.id)
    if row.kind is HistoryKind.HANDOVER:
        return store.handovers.handover(row.id)
    if row.kind is HistoryKind.PATROL_RECORD:
        return store.rounds.record(row.id)
    # Inspections are read by their time (the repository's own read), then by id; a camera's
    # line comes with its inspection.
    found = store.inspections.inspections(row.at, row.at + timedelta(microseconds=1))
    for inspection in found:
        if inspection.id == row.id:
            cameras = store.inspections.camera_rows(row.id)
            if row.kind is HistoryKind.CAMERA_INSPECTION:
                cameras = [camera for camera in cameras if camera.seq == row.line]
            return InspectionRecord(inspection, tuple(cameras))
    raise PatrolStoreError(f"设备巡检 {row.id} 不存在")


def _book(store: PatrolStore) -> ChecklistBook:
    """The current checklist book: an item code means the same thing in every version."""
    return store.checklists.checklist()[1]


def _labels(book: ChecklistBook, codes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(book.label(code) for code in codes)
