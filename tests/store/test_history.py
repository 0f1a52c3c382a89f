"""The history of the records (P-6): every kind in time order, by period, pile range, camera,
operator and kind, a page at a time; corrections as later rows. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.orm import Session, sessionmaker

from patrol_app.domain.faults import FaultKind, FaultState
from patrol_app.domain.history import (
    HistoryFilter,
    HistoryKind,
    HistoryPosition,
    HistoryRow,
    PileRange,
)
from patrol_app.domain.inspections import CameraCheck
from patrol_app.domain.pile import PileNumber
from patrol_app.resources import MIGRATIONS_DIR
from patrol_app.store import history
from patrol_app.store.database import open_database
from patrol_app.store.patrol_base import PatrolStoreError
from patrol_app.store.patrols import PatrolStore
from tests.history.records import fill_a_shift
from tests.store.patrol_helpers import NOW, OPERATOR, check, minutes

OCCLUDED = CameraCheck.OCCLUDED.label
DAY_SPAN = (NOW - timedelta(hours=1), NOW + timedelta(hours=23))
DAY = HistoryFilter(*DAY_SPAN)


def piles(start: str, end: str) -> PileRange:
    return PileRange(PileNumber.parse(start), PileNumber.parse(end))


def everything(store: PatrolStore, search: HistoryFilter, limit: int = 200) -> list[HistoryRow]:
    """Every row of ``search``, page after page of ``limit``."""
    rows: list[HistoryRow] = []
    after: HistoryPosition | None = None
    while True:
        page = store.history.page(search, after, limit)
        assert len(page.rows) <= limit
        rows += page.rows
        if not page.more:
            return rows
        after = page.next_after


def shown(rows: list[HistoryRow]) -> list[tuple[HistoryKind, str, str]]:
    return [(row.kind, row.pile, row.summary) for row in rows]


def test_a_shift_reads_back_in_time_order_every_kind(store: PatrolStore) -> None:
    ids = fill_a_shift(store)
    rows = everything(store, DAY)
    assert [(row.kind, row.at - NOW) for row in rows] == [
        (HistoryKind.PATROL_RECORD, minutes(0)),  # the round's period starts first
        (HistoryKind.CHECK, minutes(1)),
        (HistoryKind.EVENT, minutes(1)),
        (HistoryKind.CHECK, minutes(2)),
        (HistoryKind.CHECK, minutes(3)),
        (HistoryKind.FAULT, minutes(3)),
        (HistoryKind.CHECK, minutes(4)),
        (HistoryKind.CHECK, minutes(30)),
        (HistoryKind.EVENT, minutes(30)),
        (HistoryKind.INSPECTION, minutes(40)),
        (HistoryKind.CAMERA_INSPECTION, minutes(40)),  # its cameras' lines, in their order
        (HistoryKind.CAMERA_INSPECTION, minutes(40)),
        (HistoryKind.HANDOVER, minutes(50)),
    ]
    assert rows[0].summary == "巡查时段 08:00–08:05；交接桩号 K1853+300"
    assert (rows[2].summary, rows[2].items) == ("已结束", ("smoke_fire",))  # codes as stored
    assert rows[5].summary == "已登记；图像遮挡；镜头被遮挡"
    assert rows[9].summary == "1 项异常" and rows[9].operator == "值班员乙"
    assert [(row.id, row.line, row.pile, row.summary) for row in rows[10:12]] == [
        (ids["inspection"], 1, "K1844+650", "通过"),
        (ids["inspection"], 2, "K1850+000", f"未通过：{OCCLUDED}；树枝遮挡"),
    ]
    assert rows[12].summary == "值班员甲 → 值班员乙"
    assert {row.id for row in rows if row.kind is HistoryKind.FAULT} == {ids["fault"]}


def test_a_correction_is_a_later_row_and_the_corrected_check_stays(store: PatrolStore) -> None:
    ids = fill_a_shift(store)
    checks = {row.id: row for row in everything(store, DAY) if row.kind is HistoryKind.CHECK}
    corrected, correction = checks[ids["normal"]], checks[ids["correction"]]
    assert (corrected.summary, corrected.corrected_by, corrected.corrects) == (
        "正常",
        ids["correction"],
        None,
    )
    assert (correction.summary, correction.corrects, correction.corrected_by) == (
        "异常；复看发现路面抛洒物",
        ids["normal"],
        None,
    )
    assert correction.at > corrected.at
    assert store.rounds.check(ids["correction"]).corrects == ids["normal"]


def test_a_correction_names_an_earlier_check_of_the_same_camera(store: PatrolStore) -> None:
    first = store.rounds.record_check(check(None, "c1", NOW))
    with pytest.raises(PatrolStoreError, match="不是摄像机"):
        store.rounds.record_check(check(None, "c2", NOW, corrects=first.check_id))
    with pytest.raises(PatrolStoreError, match="不存在"):
        store.rounds.record_check(check(None, "c1", NOW, corrects=first.check_id + 99))


@pytest.mark.parametrize("few_piles", [20, 0])
def test_a_pile_range_keeps_the_records_of_its_cameras_bounds_included(
    store: PatrolStore, monkeypatch: pytest.MonkeyPatch, few_piles: int
) -> None:
    """Whether the range's piles are read one by one (a few of them) or the period in time
    order (many), the same rows."""
    monkeypatch.setattr(history, "FEW_PILES", few_piles)
    fill_a_shift(store)
    search = HistoryFilter(DAY.start, DAY.end, piles=piles("K1846+120", "K1850+000"))
    assert shown(everything(store, search)) == [
        (HistoryKind.CHECK, "K1846+120", "正常"),
        (HistoryKind.CHECK, "K1850+000", "视频故障；镜头被遮挡"),
        (HistoryKind.FAULT, "K1850+000", "已登记；图像遮挡；镜头被遮挡"),
        (HistoryKind.CHECK, "K1846+120", "异常；复看发现路面抛洒物"),
        (HistoryKind.EVENT, "K1846+120", "处置中；复看发现路面抛洒物"),
        (HistoryKind.CAMERA_INSPECTION, "K1850+000", f"未通过：{OCCLUDED}；树枝遮挡"),
    ]
    narrow = HistoryFilter(DAY.start, DAY.end, piles=piles("K1846+121", "K1849+999"))
    assert everything(store, narrow) == []


def test_camera_operator_and_kind_filters(store: PatrolStore) -> None:
    fill_a_shift(store)

    def found(**fields: Any) -> list[tuple[HistoryKind, str]]:
        search = HistoryFilter(DAY.start, DAY.end, **fields)
        return [(row.kind, row.camera_num) for row in everything(store, search)]

    assert found(camera="北江") == [
        (HistoryKind.CHECK, "c3"),
        (HistoryKind.FAULT, "c3"),
        (HistoryKind.CAMERA_INSPECTION, "c3"),
    ]
    assert found(camera="c4") == [(HistoryKind.CHECK, "c4")]  # its number
    store.faults.register_fault(
        "c9", "新装摄像机", "", FaultKind.MISSING, "", operator=OPERATOR, now=NOW
    )
    assert found(camera="c9") == [(HistoryKind.FAULT, "c9")]  # a camera never checked
    assert found(camera="100%_") == []  # LIKE's wildcards are plain text here
    assert found(operator="值班员乙") == [
        (HistoryKind.INSPECTION, ""),
        (HistoryKind.CAMERA_INSPECTION, "c1"),
        (HistoryKind.CAMERA_INSPECTION, "c3"),
        (HistoryKind.HANDOVER, ""),
    ]
    assert found(kinds=frozenset({HistoryKind.EVENT})) == [
        (HistoryKind.EVENT, "c1"),
        (HistoryKind.EVENT, "c2"),
    ]
    # A camera filter leaves out the records about no camera, whatever kinds are asked.
    assert found(camera="c1", kinds=frozenset({HistoryKind.HANDOVER, HistoryKind.EVENT})) == [
        (HistoryKind.EVENT, "c1")
    ]


@pytest.mark.parametrize("limit", [1, 2, 3, 7])
def test_pages_cover_every_row_once_in_order(store: PatrolStore, limit: int) -> None:
    """Rows of one instant (a check and its event; several checks at one time) are split
    across pages without being lost or repeated."""
    fill_a_shift(store)
    for camera in ("c1", "c2", "c3"):  # three checks at the same instant
        store.rounds.record_check(check(None, camera, NOW + minutes(3)))
    whole = everything(store, DAY)
    assert len(whole) == 16
    assert everything(store, DAY, limit) == whole
    assert [row.position for row in whole] == sorted(row.position for row in whole)


def test_the_period_is_half_open(store: PatrolStore) -> None:
    store.rounds.record_check(check(None, "c1", NOW))
    store.rounds.record_check(check(None, "c1", NOW + minutes(10)))
    rows = everything(store, HistoryFilter(NOW, NOW + minutes(10)))
    assert [row.at for row in rows] == [NOW]


def test_a_fault_shows_its_state_and_any_fault_has_its_pile(store: PatrolStore) -> None:
    """A fault's row says where it stands (its latest transition, F-1); a fault registered by
    hand is found by its pile like one registered from a check."""
    ids = fill_a_shift(store)
    store.faults.transition_fault(
        ids["fault"], FaultState.RESPONDED, note="已派单", operator=OPERATOR, now=NOW + minutes(60)
    )
    by_hand = store.faults.register_fault(
        "c4", "京港澳高速英德收费站", "K1853+300", FaultKind.JUMPING, "", operator=OPERATOR, now=NOW
    )
    search = HistoryFilter(
        DAY.start,
        DAY.end,
        kinds=frozenset({HistoryKind.FAULT}),
        piles=piles("K1850+000", "K1860+000"),
    )
    assert [(row.id, row.summary) for row in everything(store, search)] == [
        (by_hand.id, "已登记；画面跳动"),
        (ids["fault"], "已响应；图像遮挡；镜头被遮挡"),
    ]


def test_a_handover_and_a_patrol_record_read_by_id(store: PatrolStore) -> None:
    ids = fill_a_shift(store)
    handover = store.handovers.handover(ids["handover"])
    assert (handover.outgoing, handover.incoming) == (OPERATOR, "值班员乙")
    assert store.rounds.record(ids["record"]).handover_pile == "K1853+300"
    with pytest.raises(PatrolStoreError, match="不存在"):
        store.handovers.handover(ids["handover"] + 99)
    with pytest.raises(PatrolStoreError, match="不存在"):
        store.rounds.record(ids["record"] + 99)


def test_migration_0011_fills_the_pile_metres_of_earlier_rows(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    fill_a_shift(store)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = sessions.kw["bind"]
    command.downgrade(config, "0010")
    with sessions.begin() as session:  # a row whose pile text holds no pile number
        session.execute(text("update patrol_check set pile = '隧道口' where camera_num = 'c4'"))
    command.upgrade(config, "head")
    with sessions() as session:
        found = {
            table: sorted(
                session.execute(text(f"select distinct pile, pile_metres from {table}")).all()
            )
            for table in ("patrol_check", "patrol_event", "video_fault", "inspection_camera_info")
        }
    assert found == {
        "patrol_check": [
            ("K1844+650", 1844650),
            ("K1846+120", 1846120),
            ("K1850+000", 1850000),
            ("隧道口", None),
        ],
        "patrol_event": [("K1844+650", 1844650), ("K1846+120", 1846120)],
        "video_fault": [("K1850+000", 1850000)],
        "inspection_camera_info": [("K1844+650", 1844650), ("K1850+000", 1850000)],
    }


def test_a_pile_range_reads_the_pile_index(tmp_path: Path) -> None:
    """SQLite plan: a month of a narrow pile range (one camera here) seeks the checks'
    (pile_metres, checked_at) index instead of reading the period's checks row by row."""
    sessions = open_database(f"sqlite:///{tmp_path / 'patrol.db'}")
    store = PatrolStore(sessions)
    store.rounds.record_check(check(None, "c1", NOW))
    engine = sessions.kw["bind"]
    statements: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        statements.append((statement, parameters))

    search = HistoryFilter(
        NOW - timedelta(days=30),
        NOW,
        kinds=frozenset({HistoryKind.CHECK}),
        piles=piles("K1840+000", "K1845+000"),
    )
    event.listen(engine, "before_cursor_execute", capture)
    try:
        assert [row.pile for row in store.history.page(search).rows] == []
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    (statement, parameters), *_ = [
        s for s in statements if "ORDER BY patrol_check.checked_at" in s[0]
    ]
    with engine.connect() as connection:
        plan = " ".join(
            str(row[-1])
            for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        )
    assert "ix_patrol_check_pile_metres_checked_at" in plan, plan
    sessions.kw["bind"].dispose()
