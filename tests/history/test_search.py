"""Finding past records (P-6) without a display: the search as typed, a page at a time, the
record read whole for the details pane. A real migrated SQLite store, no clock read."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from patrol_app.domain.events import StepKind
from patrol_app.domain.faults import FaultKind, FaultRecord
from patrol_app.domain.history import HistoryError, HistoryKind, HistoryRow, PileRange
from patrol_app.domain.inspections import CameraCheck, InspectionArea
from patrol_app.domain.pile import PileNumber
from patrol_app.domain.records import (
    CheckView,
    EventView,
    HandoverView,
    PatrolRecord,
)
from patrol_app.history.search import HistorySearch, InspectionRecord, find, read_record
from patrol_app.store.database import open_database
from patrol_app.store.patrols import PatrolStore
from tests.history.records import fill_a_shift
from tests.store.patrol_helpers import NOW

START, END = NOW - timedelta(hours=1), NOW + timedelta(hours=23)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[PatrolStore]:
    sessions = open_database(f"sqlite:///{tmp_path / 'patrol.db'}")
    yield PatrolStore(sessions)
    sessions.kw["bind"].dispose()


def test_the_search_as_typed() -> None:
    typed = HistorySearch(START, END, pile_from=" k100+000 ", pile_to="K120+000", camera=" 隧道 ")
    search = typed.to_filter()
    assert search.piles == PileRange(PileNumber(100, 0), PileNumber(120, 0))
    assert search.camera == "隧道"
    # One pile alone: that pile only.
    assert HistorySearch(START, END, pile_to="K1850+000").to_filter().piles == PileRange(
        PileNumber(1850, 0), PileNumber(1850, 0)
    )
    assert HistorySearch(START, END).to_filter().piles is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (HistorySearch(START, END, pile_from="100+000"), "桩号格式应为"),
        (HistorySearch(START, END, pile_from="K120+000", pile_to="K100+000"), "在起点"),
        (HistorySearch(END, START), "结束时间须晚于开始时间"),
        (HistorySearch(START, START + timedelta(days=401)), "不能超过 400 天"),
        (HistorySearch(START, END, kinds=frozenset()), "至少选择一种记录"),
    ],
)
def test_a_search_that_cannot_run_says_why(typed: HistorySearch, message: str) -> None:
    with pytest.raises(HistoryError, match=message):
        typed.to_filter()


def test_every_record_reads_whole_for_the_details(store: PatrolStore) -> None:
    ids = fill_a_shift(store)
    page = find(store, HistorySearch(START, END).to_filter())
    assert not page.more and page.next_after is None
    # The checklist items marked, by the names the checklist book gives them.
    assert [row.items for row in page.rows if row.items] == [
        ("烟火",),
        ("烟火",),
        ("抛洒物（障碍物）",),
        ("抛洒物（障碍物）",),
    ]
    details = {(row.kind, row.id, row.line): read_record(store, row) for row in page.rows}
    kinds = {kind: type(detail) for (kind, _, _), detail in details.items()}
    assert kinds == {
        HistoryKind.PATROL_RECORD: PatrolRecord,
        HistoryKind.CHECK: CheckView,
        HistoryKind.EVENT: EventView,
        HistoryKind.FAULT: FaultRecord,
        HistoryKind.HANDOVER: HandoverView,
        HistoryKind.INSPECTION: InspectionRecord,
        HistoryKind.CAMERA_INSPECTION: InspectionRecord,
    }
    event = details[(HistoryKind.EVENT, ids["event"], 0)]
    assert isinstance(event, EventView)
    assert [step.kind for step in event.steps] == [StepKind.CLOSE]
    assert event.items == ("烟火",)
    fault = details[(HistoryKind.FAULT, ids["fault"], 0)]
    assert isinstance(fault, FaultRecord) and fault.kind is FaultKind.OCCLUDED
    inspection = details[(HistoryKind.INSPECTION, ids["inspection"], 0)]
    assert isinstance(inspection, InspectionRecord)
    assert inspection.inspection.results[InspectionArea.SOFTWARE] == (False, "接口超时")
    assert (inspection.inspection.cameras, inspection.inspection.failed_cameras) == (2, 1)
    assert [(line.camera.pile, line.failed) for line in inspection.cameras] == [
        ("K1844+650", frozenset()),
        ("K1850+000", frozenset({CameraCheck.OCCLUDED})),
    ]
    # A camera's line: that line, with its inspection.
    line = details[(HistoryKind.CAMERA_INSPECTION, ids["inspection"], 2)]
    assert isinstance(line, InspectionRecord) and line.inspection.id == ids["inspection"]
    assert [camera.seq for camera in line.cameras] == [2]
    correction = details[(HistoryKind.CHECK, ids["correction"], 0)]
    assert isinstance(correction, CheckView) and correction.corrects == ids["normal"]
    assert correction.items == ("抛洒物（障碍物）",)


def test_pages_follow_each_other(store: PatrolStore) -> None:
    fill_a_shift(store)
    search = HistorySearch(START, END, kinds=frozenset({HistoryKind.CHECK})).to_filter()
    first = find(store, search, limit=4)
    assert first.more and first.next_after == first.rows[-1].position
    second = find(store, search, first.next_after, limit=4)
    assert not second.more
    rows: list[HistoryRow] = [*first.rows, *second.rows]
    assert len(rows) == 5 and len({row.id for row in rows}) == 5
