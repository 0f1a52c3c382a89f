"""The patrol records on real migrated SQLite and PostgreSQL databases (P-1..P-8, F-1).

Append-only: a correction, an end, a close or an acceptance is a row of its own, and only
``purge_expired`` deletes, never under a year.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import event, inspect, text
from sqlalchemy.orm import Session, sessionmaker

from patrol_app.domain.checklists import ChecklistBook
from patrol_app.domain.events import CheckOutcome, StepKind
from patrol_app.domain.faults import FaultKind
from patrol_app.domain.inspections import InspectionArea
from patrol_app.domain.patrols import (
    BEIJING,
    ListEntry,
    SectionKey,
    SiteType,
    WarningLevel,
    WeatherKind,
    WeatherWarning,
)
from patrol_app.domain.records import CheckInput, FirstStep, HandoverContent
from patrol_app.resources import MIGRATIONS_DIR
from patrol_app.store.database import DatabaseError, open_database
from patrol_app.store.patrols import CHECKLISTS_FILE, MIN_RETENTION, PatrolStore, PatrolStoreError

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=BEIJING)
SECTION = SectionKey("G4", "京珠北段")
OPERATOR = "值班员甲"
CAMERAS = {
    "c1": ("京港澳高速大岭隧道进口", "K1844+650"),
    "c2": ("京港澳高速大岭隧道出口", "K1846+120"),
    "c3": ("京港澳高速北江特大桥", "K1850+000"),
    "c4": ("京港澳高速英德收费站", "K1853+300"),
}
PATROL_TABLES = {
    "patrol_list_change",
    "weather_warning",
    "checklist_version",
    "patrol_round",
    "patrol_check",
    "patrol_record",
    "video_fault",
    "video_fault_close",
    "patrol_event",
    "patrol_event_step",
    "handover",
    "handover_accept",
    "equipment_inspection",
    "camera_last_patrol",
}


def minutes(count: float) -> timedelta:
    return timedelta(minutes=count)


def check(
    round_id: int | None,
    camera_num: str,
    at: datetime,
    outcome: CheckOutcome = CheckOutcome.NORMAL,
    **fields: Any,
) -> CheckInput:
    name, pile = CAMERAS[camera_num]
    return CheckInput(
        round_id=round_id,
        camera_num=camera_num,
        camera_name=name,
        pile=pile,
        outcome=outcome,
        operator=fields.pop("operator", OPERATOR),
        checked_at=at,
        checklist_version=1,
        **fields,
    )


def count(sessions: sessionmaker[Session], table: str) -> int:
    with sessions() as session:
        return int(session.execute(text(f"select count(*) from {table}")).scalar_one())


def refuse_inserts(sessions: sessionmaker[Session], table: str) -> None:
    """A trigger that makes the database refuse every insert into ``table``."""
    engine = sessions.kw["bind"]
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.execute(
                text(
                    f"create trigger refuse_{table} before insert on {table} "
                    "begin select raise(abort, 'refused'); end"
                )
            )
        else:
            connection.execute(
                text(
                    "create or replace function refuse() returns trigger language plpgsql "
                    "as $$ begin raise exception 'refused'; end $$"
                )
            )
            connection.execute(
                text(
                    f"create trigger refuse_{table} before insert on {table} "
                    "for each row execute function refuse()"
                )
            )


@pytest.fixture
def store(sessions: sessionmaker[Session]) -> PatrolStore:
    return PatrolStore(sessions)


# Schema.


def test_migration_0003_adds_the_patrol_tables_and_downgrades(
    sessions: sessionmaker[Session],
) -> None:
    engine = sessions.kw["bind"]
    assert set(inspect(engine).get_table_names()) >= PATROL_TABLES
    indexes = {index["name"] for index in inspect(engine).get_indexes("patrol_check")}
    assert {"ix_patrol_check_camera_num_checked_at", "ix_patrol_check_checked_at"} <= indexes
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    command.downgrade(config, "0002")
    tables = set(inspect(engine).get_table_names())
    assert not PATROL_TABLES & tables
    assert {"camera", "wall_layout", "tour"} <= tables
    command.upgrade(config, "head")
    assert set(inspect(engine).get_table_names()) >= PATROL_TABLES


# The lists (P-1, P-2).


def test_new_cameras_join_the_lists_once(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    joined = store.join_new({"c1": SiteType.TUNNEL, "c3": SiteType.MAINLINE}, NOW)
    assert joined == ["c1", "c3"]
    later = NOW + timedelta(days=1)
    joined = store.join_new(
        {"c1": SiteType.MAINLINE, "c3": SiteType.MAINLINE, "c4": SiteType.CONSTRUCTION}, later
    )
    assert joined == ["c4"]  # c1 and c3 are known: their entries are not touched
    assert store.list_entries() == {
        "c1": ListEntry(SiteType.TUNNEL, daily=True, key=True, since=NOW),
        "c3": ListEntry(SiteType.MAINLINE, daily=True, key=False, since=NOW),
        "c4": ListEntry(SiteType.CONSTRUCTION, daily=True, key=True, since=later),
    }
    history = store.list_history()
    assert [(change.camera_num, change.changed_by, change.note) for change in history] == [
        ("c1", "system", "新接入"),
        ("c3", "system", "新接入"),
        ("c4", "system", "新接入"),
    ]
    assert count(sessions, "patrol_list_change") == 3


def test_a_change_by_another_workstation_is_seen_at_the_next_read(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    """list_entries keeps what it read while the change table stays as it was: a change
    made through another store on the same database (another workstation) is read."""
    store.join_new({"c1": SiteType.MAINLINE}, NOW)
    assert store.list_entries()["c1"].site is SiteType.MAINLINE
    other = PatrolStore(sessions)
    ramp = ListEntry(SiteType.RAMP, daily=True, key=True, since=NOW)
    other.change_list("c1", ramp, changed_by="主管乙", now=NOW + minutes(5))
    assert store.list_entries()["c1"] == ramp
    store.list_entries()["c1"] = None  # a caller's copy: the store's own stays whole
    assert store.list_entries()["c1"] == ramp


def test_a_list_change_is_a_new_row_and_since_stays_the_first(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    store.join_new({"c3": SiteType.MAINLINE}, NOW)
    store.change_list(
        "c3",
        ListEntry(SiteType.VIADUCT, daily=False, key=True, since=NOW + minutes(30)),
        changed_by="主管乙",
        now=NOW + minutes(30),
        note="改为高架桥",
    )
    assert store.list_entries() == {
        "c3": ListEntry(SiteType.VIADUCT, daily=False, key=True, since=NOW)
    }
    history = store.list_history("c3")
    assert [(c.site, c.daily, c.key, c.changed_at, c.changed_by, c.note) for c in history] == [
        (SiteType.MAINLINE, True, False, NOW, "system", "新接入"),
        (SiteType.VIADUCT, False, True, NOW + minutes(30), "主管乙", "改为高架桥"),
    ]
    assert store.list_history("c1") == []
    assert count(sessions, "patrol_list_change") == 2


# Weather warnings (P-3).


def test_ending_a_warning_is_a_new_version_and_the_first_is_kept(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    rainstorm = WeatherWarning(SECTION, WarningLevel.ORANGE, WeatherKind.RAINSTORM, NOW)
    fog = WeatherWarning(
        SectionKey("G4", "京珠南段"), WarningLevel.RED, WeatherKind.FOG, NOW + minutes(10)
    )
    first = store.add_warning(rainstorm, recorded_by=OPERATOR, now=NOW + minutes(1))
    other = store.add_warning(fog, recorded_by=OPERATOR, now=NOW + minutes(11))
    store.end_warning(first, NOW + minutes(90), recorded_by="值班员乙", now=NOW + minutes(95))
    stored = store.warnings()
    assert [item.id for item in stored] == [first, other]
    ended = dataclasses.replace(rainstorm, ends_at=NOW + minutes(90))
    assert stored[0].warning == ended
    assert (stored[0].recorded_at, stored[0].recorded_by) == (NOW + minutes(95), "值班员乙")
    assert stored[1].warning == fog
    # A correction of the end: a third version; the id stays the first row's.
    store.end_warning(first, NOW + minutes(80), recorded_by="值班员乙", now=NOW + minutes(96))
    assert store.warnings()[0].id == first
    assert store.warnings()[0].warning.ends_at == NOW + minutes(80)
    with sessions() as session:
        versions = session.execute(
            text("select ends_at is null, corrects_id from weather_warning order by id")
        ).all()
    assert [tuple(row) for row in versions] == [(1, None), (1, None), (0, first), (0, first + 2)]
    # ``since``: those that ended before it are left out, open ones stay.
    assert [item.id for item in store.warnings(since=NOW + minutes(81))] == [other]
    assert [item.id for item in store.warnings(since=NOW + minutes(80))] == [first, other]


def test_a_warning_end_is_checked(store: PatrolStore) -> None:
    first = store.add_warning(
        WeatherWarning(SECTION, WarningLevel.ORANGE, WeatherKind.TYPHOON, NOW),
        recorded_by=OPERATOR,
        now=NOW,
    )
    with pytest.raises(PatrolStoreError, match="不存在"):
        store.end_warning(first + 1, NOW + minutes(5), recorded_by=OPERATOR, now=NOW)
    with pytest.raises(PatrolStoreError, match="早于开始时间"):
        store.end_warning(first, NOW - minutes(5), recorded_by=OPERATOR, now=NOW)
    assert store.warnings()[0].warning.ends_at is None


def test_times_come_back_as_the_same_instants_in_utc(store: PatrolStore) -> None:
    """Beijing-time inputs are the same instants on both databases, read back as UTC."""
    warning = WeatherWarning(SECTION, WarningLevel.RED, WeatherKind.FREEZING, NOW)
    store.add_warning(warning, recorded_by=OPERATOR, now=NOW)
    stored = store.warnings()[0]
    assert stored.warning.starts_at == NOW
    assert stored.warning.starts_at.utcoffset() == timedelta(0)
    assert stored.recorded_at.tzinfo is not None and stored.recorded_at.utcoffset() == timedelta(0)
    with pytest.raises(DatabaseError):  # a naive time has no place in the records
        store.add_warning(
            dataclasses.replace(warning, starts_at=datetime(2026, 11, 25, 8, 0)),
            recorded_by=OPERATOR,
            now=NOW,
        )


# Checklists (P-4).


def test_the_checklist_starts_from_the_built_in_book_and_is_versioned(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    builtin = ChecklistBook.parse(CHECKLISTS_FILE.read_text(encoding="utf-8"))
    assert store.checklist() == (1, builtin)
    assert store.checklist() == (1, builtin)
    assert count(sessions, "checklist_version") == 1
    edited = dataclasses.replace(builtin, note="第二版：补充说明")
    assert store.save_checklist(edited, created_by="主管乙", now=NOW) == 2
    assert store.checklist() == (2, edited)
    with sessions() as session:
        rows = session.execute(
            text("select id, created_by from checklist_version order by id")
        ).all()
    assert [tuple(row) for row in rows] == [(1, "system"), (2, "主管乙")]


def test_saving_before_any_reading_keeps_version_1_the_built_in_book(
    store: PatrolStore,
) -> None:
    builtin = ChecklistBook.parse(CHECKLISTS_FILE.read_text(encoding="utf-8"))
    edited = dataclasses.replace(builtin, note="改过")
    assert store.save_checklist(edited, created_by="主管乙", now=NOW) == 2
    assert store.checklist() == (2, edited)


# Rounds and checks.


def test_a_round_is_resumed_after_two_of_three_checks(
    sessions: sessionmaker[Session],
) -> None:
    before = PatrolStore(sessions)
    started = before.start_round(OPERATOR, ["c1", "c2", "c3"], NOW)
    assert (started.remaining, started.checks, started.closed_at) == (("c1", "c2", "c3"), (), None)
    before.record_check(check(started.id, "c1", NOW + minutes(1), snapshot="/tmp/c1.jpg"))
    before.record_check(check(started.id, "c2", NOW + minutes(2), note="雾大，能见度一般"))
    # The workstation is killed; a new one opens the same database.
    after = PatrolStore(sessions)
    assert after.open_round("值班员乙") is None
    resumed = after.open_round(OPERATOR)
    assert resumed is not None and resumed.id == started.id
    assert resumed.started_at == NOW and resumed.planned == ("c1", "c2", "c3")
    assert resumed.remaining == ("c3",)
    first, second = resumed.checks
    assert (first.camera_num, first.checked_at, first.snapshot) == (
        "c1",
        NOW + minutes(1),
        "/tmp/c1.jpg",
    )
    assert (first.camera_name, first.pile, first.outcome) == (*CAMERAS["c1"], CheckOutcome.NORMAL)
    assert (second.camera_num, second.note, second.round_id) == (
        "c2",
        "雾大，能见度一般",
        started.id,
    )
    after.record_check(check(started.id, "c3", NOW + minutes(3)))
    record = after.close_round(
        started.id, equipment_condition="正常", handover_pile="K1850+000", now=NOW + minutes(4)
    )
    assert after.open_round(OPERATOR) is None
    state = after.round_state(started.id)
    assert (state.remaining, state.closed_at) == ((), NOW + minutes(4))
    assert (record.period_start, record.period_end) == (NOW, NOW + minutes(4))


def test_open_round_is_the_operators_latest_unclosed_round(store: PatrolStore) -> None:
    older = store.start_round(OPERATOR, ["c1"], NOW)
    newer = store.start_round(OPERATOR, ["c2"], NOW + minutes(5))
    store.start_round("值班员乙", ["c3"], NOW + minutes(6))
    opened = store.open_round(OPERATOR)
    assert opened is not None and opened.id == newer.id
    store.close_round(newer.id, equipment_condition="", handover_pile="", now=NOW + minutes(7))
    opened = store.open_round(OPERATOR)
    assert opened is not None and opened.id == older.id  # not lost: it still needs its record


def test_a_check_outside_the_plan_is_recorded(store: PatrolStore) -> None:
    walked = store.start_round(OPERATOR, ["c1"], NOW)
    store.record_check(check(walked.id, "c4", NOW + minutes(1)))  # the operator added it
    state = store.round_state(walked.id)
    assert [item.camera_num for item in state.checks] == ["c4"]
    assert state.remaining == ("c1",)


def test_a_check_of_a_closed_or_unknown_round_is_refused(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    walked = store.start_round(OPERATOR, ["c1"], NOW)
    store.close_round(walked.id, equipment_condition="", handover_pile="", now=NOW)
    with pytest.raises(PatrolStoreError, match="已结束"):
        store.record_check(check(walked.id, "c1", NOW + minutes(1)))
    with pytest.raises(PatrolStoreError, match="不存在"):
        store.record_check(check(walked.id + 1, "c1", NOW + minutes(1)))
    with pytest.raises(PatrolStoreError, match="不存在"):
        store.round_state(walked.id + 1)
    assert count(sessions, "patrol_check") == 0
    with pytest.raises(PatrolStoreError, match="已结束"):
        store.close_round(walked.id, equipment_condition="", handover_pile="", now=NOW)
    assert count(sessions, "patrol_record") == 1


def test_each_outcome_writes_its_event_or_fault(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    walked = store.start_round(OPERATOR, list(CAMERAS), NOW)
    normal = store.record_check(check(walked.id, "c1", NOW + minutes(1)))
    assert (normal.event_id, normal.fault_id) == (None, None)
    anomaly = store.record_check(
        check(
            walked.id,
            "c2",
            NOW + minutes(2),
            CheckOutcome.ANOMALY,
            items=("accident", "congestion"),
            note="两车追尾，占用第二车道",
        )
    )
    assert anomaly.event_id is not None and anomaly.fault_id is None
    opened = store.event(anomaly.event_id)
    assert (opened.camera_num, opened.camera_name, opened.pile) == ("c2", *CAMERAS["c2"])
    assert (opened.check_id, opened.opened_at, opened.opened_by) == (
        anomaly.check_id,
        NOW + minutes(2),
        OPERATOR,
    )
    assert (opened.items, opened.note, opened.steps) == (
        ("accident", "congestion"),
        "两车追尾，占用第二车道",
        (),
    )
    fault = store.record_check(
        check(
            walked.id,
            "c3",
            NOW + minutes(3),
            CheckOutcome.FAULT,
            fault_kind=FaultKind.OCCLUDED,
            note="镜头被树枝遮挡",
        )
    )
    unplayable = store.record_check(
        check(walked.id, "c4", NOW + minutes(4), CheckOutcome.UNPLAYABLE, note="黑屏")
    )
    assert fault.event_id is None and unplayable.event_id is None
    faults = store.open_faults()
    assert [(f.id, f.kind, f.note, f.check_id) for f in faults] == [
        (fault.fault_id, FaultKind.OCCLUDED, "镜头被树枝遮挡", fault.check_id),
        (unplayable.fault_id, FaultKind.MISSING, "无法播放：黑屏", unplayable.check_id),
    ]
    assert (faults[0].camera_name, faults[0].pile) == CAMERAS["c3"]
    assert (faults[0].found_at, faults[0].found_by, faults[0].closed_at) == (
        NOW + minutes(3),
        OPERATOR,
        None,
    )
    silent = store.record_check(check(None, "c1", NOW + minutes(5), CheckOutcome.UNPLAYABLE))
    assert store.open_faults()[-1].id == silent.fault_id
    assert store.open_faults()[-1].note == "无法播放"
    assert [e.id for e in store.open_events()] == [anomaly.event_id]
    assert count(sessions, "patrol_check") == 5


def test_a_fault_needs_its_kind(store: PatrolStore, sessions: sessionmaker[Session]) -> None:
    with pytest.raises(PatrolStoreError, match="故障类型"):
        store.record_check(check(None, "c3", NOW, CheckOutcome.FAULT))
    assert count(sessions, "patrol_check") == count(sessions, "video_fault") == 0


@pytest.mark.parametrize(
    ("refused", "outcome", "fields"),
    [
        ("patrol_event", CheckOutcome.ANOMALY, {"items": ("accident",)}),
        ("video_fault", CheckOutcome.FAULT, {"fault_kind": FaultKind.JUMPING}),
        ("video_fault", CheckOutcome.UNPLAYABLE, {}),
    ],
)
def test_a_check_and_its_event_or_fault_are_one_transaction(
    sessions: sessionmaker[Session],
    refused: str,
    outcome: CheckOutcome,
    fields: dict[str, Any],
) -> None:
    store = PatrolStore(sessions)
    walked = store.start_round(OPERATOR, ["c1"], NOW)
    refuse_inserts(sessions, refused)
    with pytest.raises(DatabaseError, match="无法保存巡查记录"):
        store.record_check(check(walked.id, "c1", NOW + minutes(1), outcome, **fields))
    for table in ("patrol_check", "patrol_event", "video_fault"):
        assert count(sessions, table) == 0, table
    assert store.round_state(walked.id).remaining == ("c1",)


def test_an_anomaly_and_its_first_step_are_recorded_together(store: PatrolStore) -> None:
    walked = store.start_round(OPERATOR, ["c1"], NOW)
    watch = FirstStep(StepKind.WATCH, "K1844+650 固定上墙持续关注")
    saved = store.record_check(
        check(walked.id, "c1", NOW + minutes(1), CheckOutcome.ANOMALY, items=("accident",)),
        watch,
    )
    assert saved.event_id is not None and saved.step_id is not None
    steps = store.event(saved.event_id).steps
    assert [(s.id, s.kind, s.detail, s.operator, s.at) for s in steps] == [
        (saved.step_id, StepKind.WATCH, watch.detail, OPERATOR, NOW + minutes(1))
    ]
    with pytest.raises(ValueError, match="opens no event"):
        store.record_check(check(walked.id, "c1", NOW + minutes(2)), watch)


def test_a_failed_first_step_leaves_no_check_behind(sessions: sessionmaker[Session]) -> None:
    store = PatrolStore(sessions)
    walked = store.start_round(OPERATOR, ["c1"], NOW)
    refuse_inserts(sessions, "patrol_event_step")
    with pytest.raises(DatabaseError, match="无法保存巡查记录"):
        store.record_check(
            check(walked.id, "c1", NOW + minutes(1), CheckOutcome.ANOMALY, items=("accident",)),
            FirstStep(StepKind.WATCH, "持续关注"),
        )
    for table in ("patrol_check", "patrol_event", "patrol_event_step", "camera_last_patrol"):
        assert count(sessions, table) == 0, table
    assert store.round_state(walked.id).remaining == ("c1",)
    assert store.last_patrols() == {}


def test_closing_a_round_writes_the_patrol_record(store: PatrolStore) -> None:
    walked = store.start_round(OPERATOR, ["c1", "c2", "c3"], NOW)
    store.record_check(check(walked.id, "c1", NOW + minutes(1)))
    crash = store.record_check(
        check(
            walked.id,
            "c2",
            NOW + minutes(2),
            CheckOutcome.ANOMALY,
            items=("accident", "abnormal_stop"),
            note="小客车侧翻",
        )
    )
    spill = store.record_check(
        check(walked.id, "c3", NOW + minutes(3), CheckOutcome.ANOMALY, items=("spilled_object",))
    )
    assert crash.event_id is not None and spill.event_id is not None
    store.add_event_step(
        crash.event_id, StepKind.WATCH, "", operator=OPERATOR, now=NOW + minutes(5)
    )
    store.add_event_step(
        crash.event_id, StepKind.NOTIFY, "路政", operator=OPERATOR, now=NOW + minutes(7)
    )
    record = store.close_round(
        walked.id,
        equipment_condition="c3 画面偶有卡顿",
        handover_pile="K1846+120",
        now=NOW + minutes(9),
    )
    assert (record.round_id, record.period_start, record.period_end) == (
        walked.id,
        NOW,
        NOW + minutes(9),
    )
    assert (record.personnel, record.equipment_condition, record.handover_pile) == (
        OPERATOR,
        "c3 画面偶有卡顿",
        "K1846+120",
    )
    assert record.anomalies == (
        "1. 京港澳高速大岭隧道出口（K1846+120）：accident、abnormal_stop；小客车侧翻\n"
        "2. 京港澳高速北江特大桥（K1850+000）：spilled_object"
    )
    assert record.handling == (
        "京港澳高速大岭隧道出口（K1846+120）：08:05 持续关注；08:07 通知处置单位：路政\n"
        "京港澳高速北江特大桥（K1850+000）：未记录处置"
    )
    assert record.recorded_at == NOW + minutes(9)
    assert store.records(NOW, NOW + minutes(1)) == [record]
    assert store.records(NOW + minutes(1), NOW + timedelta(hours=2)) == []
    # Steps recorded after the close are on the event, not in the record written then.
    store.add_event_step(
        crash.event_id, StepKind.CLOSE, "已清障", operator=OPERATOR, now=NOW + minutes(30)
    )
    assert store.records(NOW, NOW + minutes(1)) == [record]


def test_a_round_without_anomalies_says_so(store: PatrolStore) -> None:
    walked = store.start_round(OPERATOR, ["c1"], NOW)
    store.record_check(check(walked.id, "c1", NOW + minutes(1)))
    record = store.close_round(walked.id, equipment_condition="正常", handover_pile="", now=NOW)
    assert (record.anomalies, record.handling) == ("无", "无")


def test_records_are_listed_by_round_start(store: PatrolStore) -> None:
    late = store.start_round(OPERATOR, [], NOW + timedelta(hours=1))
    early = store.start_round("值班员乙", [], NOW)
    for walked in (late, early):
        store.close_round(
            walked.id, equipment_condition="", handover_pile="", now=NOW + timedelta(hours=2)
        )
    listed = store.records(NOW, NOW + timedelta(hours=3))
    assert [record.round_id for record in listed] == [early.id, late.id]


def test_last_patrols_and_patrol_times(store: PatrolStore) -> None:
    assert store.last_patrols() == {}
    assert store.patrol_times(NOW, NOW + timedelta(hours=2)) == {}
    times = {
        "c1": [NOW - minutes(90), NOW - minutes(30), NOW + minutes(10), NOW + minutes(70)],
        "c2": [NOW + minutes(120)],  # at ``end``: outside [start, end)
        "c3": [NOW - minutes(5)],
        "c4": [NOW, NOW + minutes(50)],
    }
    walked = store.start_round(OPERATOR, list(CAMERAS), NOW - timedelta(hours=2))
    for camera, stamps in times.items():
        for at in reversed(stamps):
            store.record_check(check(walked.id if camera == "c1" else None, camera, at))
    assert store.last_patrols() == {camera: stamps[-1] for camera, stamps in times.items()}
    assert store.patrol_times(NOW, NOW + timedelta(hours=2)) == {
        "c1": [NOW - minutes(30), NOW + minutes(10), NOW + minutes(70)],
        "c3": [NOW - minutes(5)],
        "c4": [NOW, NOW + minutes(50)],
    }


def test_a_check_entered_late_does_not_move_the_last_patrol_back(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    """camera_last_patrol keeps the latest, whatever order checks arrive in; migration 0004
    builds it from the checks already there."""
    store.record_check(check(None, "c1", NOW))
    store.record_check(check(None, "c1", NOW - minutes(40)))  # entered afterwards
    store.record_check(check(None, "c2", NOW - minutes(10)))
    expected = {"c1": NOW, "c2": NOW - minutes(10)}
    assert store.last_patrols() == expected
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = sessions.kw["bind"]
    command.downgrade(config, "0003")
    command.upgrade(config, "head")
    assert store.last_patrols() == expected


def test_where_cameras_stood_seeks_the_index_per_camera(tmp_path: Path) -> None:
    """20 million checks: the last check of each camera before a period (compliance) must
    not read the whole table or index (SQLite plan)."""
    sessions = open_database(f"sqlite:///{tmp_path / 'patrol.db'}")
    store = PatrolStore(sessions)
    for number in ("c1", "c2", "c3"):
        store.record_check(check(None, number, NOW))
    engine = sessions.kw["bind"]
    statements: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        assert list(store.patrol_times(NOW + minutes(1), NOW + minutes(2))) == ["c1", "c2", "c3"]
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    ((statement, parameters),) = (item for item in statements if "RECURSIVE" in item[0])
    with engine.connect() as connection:
        plan = [
            row[3]
            for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        ]
    on_checks = [step for step in plan if "patrol_check" in step]
    assert on_checks, plan
    assert all(
        step.startswith("SEARCH patrol_check USING COVERING INDEX ix_patrol_check_camera_num_")
        for step in on_checks
    ), plan
    assert any("(camera_num=? AND checked_at<?)" in step for step in on_checks), plan


# Events (P-5) and faults (F-1).


def test_event_steps_are_recorded_until_the_close(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    saved = store.record_check(
        check(None, "c1", NOW, CheckOutcome.ANOMALY, items=("smoke_fire",), note="隧道内冒烟")
    )
    assert saved.event_id is not None
    steps = [
        (StepKind.WATCH, "", NOW + minutes(1)),
        (StepKind.NOTIFY, "路政、消防", NOW + minutes(2)),
        (StepKind.SIGN, "K1840 情报板：前方隧道火情，减速慢行", NOW + minutes(3)),
        (StepKind.PLAN, "隧道火灾应急预案", NOW + minutes(4)),
        (StepKind.REPORT, "报省监控中心", NOW + minutes(5)),
    ]
    ids = [
        store.add_event_step(saved.event_id, kind, detail, operator=OPERATOR, now=at)
        for kind, detail, at in steps
    ]
    opened = store.event(saved.event_id)
    assert [(s.id, s.kind, s.detail, s.at) for s in opened.steps] == [
        (step_id, *step) for step_id, step in zip(ids, steps, strict=True)
    ]
    assert not opened.closed and store.open_events() == [opened]
    store.add_event_step(
        saved.event_id, StepKind.CLOSE, "明火已扑灭", operator="值班员乙", now=NOW + minutes(40)
    )
    closed = store.event(saved.event_id)
    assert closed.closed and closed.steps[-1].operator == "值班员乙"
    assert store.open_events() == []
    with pytest.raises(PatrolStoreError, match="已结束"):
        store.add_event_step(
            saved.event_id, StepKind.WATCH, "", operator=OPERATOR, now=NOW + minutes(41)
        )
    with pytest.raises(PatrolStoreError, match="不存在"):
        store.add_event_step(saved.event_id + 1, StepKind.WATCH, "", operator=OPERATOR, now=NOW)
    with pytest.raises(PatrolStoreError, match="不存在"):
        store.event(saved.event_id + 1)
    assert count(sessions, "patrol_event_step") == 6 and count(sessions, "patrol_event") == 1


def test_open_events_are_oldest_first(store: PatrolStore) -> None:
    later = store.record_check(check(None, "c2", NOW + minutes(5), CheckOutcome.ANOMALY))
    earlier = store.record_check(check(None, "c1", NOW, CheckOutcome.ANOMALY))
    assert [event.id for event in store.open_events()] == [earlier.event_id, later.event_id]


def test_closing_a_fault_is_a_row_of_its_own(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    saved = store.record_check(
        check(None, "c3", NOW, CheckOutcome.FAULT, fault_kind=FaultKind.UNCONTROLLABLE)
    )
    other = store.record_check(check(None, "c4", NOW + minutes(1), CheckOutcome.UNPLAYABLE))
    assert saved.fault_id is not None
    store.close_fault(
        saved.fault_id, note="云台已修复", closed_by="值班员乙", now=NOW + timedelta(hours=5)
    )
    assert [fault.id for fault in store.open_faults()] == [other.fault_id]
    with pytest.raises(PatrolStoreError, match="已关闭"):
        store.close_fault(saved.fault_id, note="", closed_by=OPERATOR, now=NOW + timedelta(hours=6))
    with pytest.raises(PatrolStoreError, match="不存在"):
        store.close_fault(saved.fault_id + 99, note="", closed_by=OPERATOR, now=NOW)
    assert count(sessions, "video_fault") == 2 and count(sessions, "video_fault_close") == 1


# Handover (P-7).


def handover_content(store: PatrolStore) -> HandoverContent:
    event_saved = store.record_check(
        check(None, "c1", NOW - minutes(30), CheckOutcome.ANOMALY, items=("accident",))
    )
    assert event_saved.event_id is not None
    store.add_event_step(
        event_saved.event_id, StepKind.NOTIFY, "交警", operator=OPERATOR, now=NOW - minutes(25)
    )
    store.record_check(check(None, "c3", NOW - minutes(20), CheckOutcome.UNPLAYABLE))
    return HandoverContent(
        duties="夜班：重点关注大岭隧道",
        equipment_condition="c3 无法播放，已报修",
        open_events=tuple(store.open_events()),
        open_faults=tuple(store.open_faults()),
        due_next_hour=(("c2", CAMERAS["c2"][0], NOW + minutes(40)),),
    )


def test_a_handover_is_accepted_once_and_records_both_names(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    assert store.pending_handover() is None and store.last_handover() is None
    content = handover_content(store)
    handed = store.hand_over(OPERATOR, content, now=NOW)
    assert (handed.outgoing, handed.created_at, handed.incoming, handed.accepted_at) == (
        OPERATOR,
        NOW,
        None,
        None,
    )
    pending = store.pending_handover()
    assert pending == handed and pending.content == content
    # What was handed over stays as it was, whatever happens to the events afterwards.
    store.add_event_step(
        content.open_events[0].id, StepKind.CLOSE, "", operator="值班员乙", now=NOW + minutes(1)
    )
    store.accept_handover(handed.id, "值班员乙", now=NOW + minutes(2))
    assert store.pending_handover() is None
    accepted = store.last_handover()
    assert accepted is not None
    assert (accepted.id, accepted.outgoing, accepted.incoming, accepted.accepted_at) == (
        handed.id,
        OPERATOR,
        "值班员乙",
        NOW + minutes(2),
    )
    assert accepted.content == content
    with pytest.raises(PatrolStoreError, match="已由 值班员乙 于 2026-11-25 08:02 接班"):
        store.accept_handover(handed.id, "值班员丙", now=NOW + minutes(3))
    with pytest.raises(PatrolStoreError, match="不存在"):
        store.accept_handover(handed.id + 1, "值班员丙", now=NOW + minutes(3))
    assert count(sessions, "handover_accept") == 1


def test_pending_handover_is_the_latest_when_not_accepted(store: PatrolStore) -> None:
    empty = HandoverContent("", "", (), (), ())
    forgotten = store.hand_over(OPERATOR, empty, now=NOW)
    second = store.hand_over("值班员乙", empty, now=NOW + timedelta(hours=12))
    assert store.pending_handover() == second
    store.accept_handover(second.id, "值班员丙", now=NOW + timedelta(hours=12, minutes=5))
    assert store.pending_handover() is None  # the forgotten one is superseded
    last = store.last_handover()
    assert last is not None and (last.id, last.incoming) == (second.id, "值班员丙")
    assert forgotten.id != second.id


# Equipment inspection (P-8).


def test_inspections_are_kept_with_their_results(store: PatrolStore) -> None:
    results = {
        InspectionArea.SOFTWARE: (True, "服务正常"),
        InspectionArea.NETWORK: (False, "丢包率 3%"),
    }
    late = store.record_inspection("值班员乙", {}, note="", now=NOW + timedelta(hours=8))
    first = store.record_inspection(OPERATOR, results, note="网络已报修", now=NOW)
    listed = store.inspections(NOW, NOW + timedelta(hours=8))
    assert len(listed) == 1
    assert (listed[0].id, listed[0].at, listed[0].operator) == (first, NOW, OPERATOR)
    assert (listed[0].results, listed[0].note) == (results, "网络已报修")
    everything = store.inspections(NOW, NOW + timedelta(days=1))
    assert [item.id for item in everything] == [first, late]


# Retention.


def test_retention_under_a_year_is_refused(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    store.record_inspection(OPERATOR, {}, note="", now=NOW - timedelta(days=400))
    with pytest.raises(ValueError, match="366"):
        store.purge_expired(NOW, timedelta(days=365))
    assert count(sessions, "equipment_inspection") == 1


@pytest.fixture
def aged(store: PatrolStore) -> dict[str, Any]:
    """Records made 367 days ago (expired) and 365 days ago (kept), of every kind."""
    old, recent = NOW - timedelta(days=367), NOW - timedelta(days=365)
    ids: dict[str, Any] = {"old": old, "recent": recent}
    # A closed round whose event and fault were closed: all of it goes.
    gone = store.start_round(OPERATOR, ["c1", "c2", "c3"], old)
    store.record_check(check(gone.id, "c1", old))
    crash = store.record_check(check(gone.id, "c2", old, CheckOutcome.ANOMALY))
    broken = store.record_check(
        check(gone.id, "c3", old, CheckOutcome.FAULT, fault_kind=FaultKind.UNCLEAR)
    )
    assert crash.event_id is not None and broken.fault_id is not None
    store.add_event_step(crash.event_id, StepKind.NOTIFY, "路政", operator=OPERATOR, now=old)
    store.add_event_step(crash.event_id, StepKind.CLOSE, "", operator=OPERATOR, now=old)
    store.close_fault(broken.fault_id, note="", closed_by=OPERATOR, now=old)
    store.close_round(gone.id, equipment_condition="", handover_pile="", now=old)
    # A closed old round whose event is still open: kept whole.
    held = store.start_round(OPERATOR, ["c4"], old)
    ids["open_event"] = store.record_check(check(held.id, "c4", old, CheckOutcome.ANOMALY)).event_id
    ids["held_record"] = store.close_round(
        held.id, equipment_condition="", handover_pile="", now=old
    )
    # An old round never closed: kept.
    ids["unclosed"] = store.start_round("值班员乙", ["c2"], old).id
    store.record_check(check(ids["unclosed"], "c2", old + minutes(1), operator="值班员乙"))
    # Checks outside rounds: the old one goes, the one with an open fault and the recent one stay.
    store.record_check(check(None, "c1", old + minutes(2)))
    ids["open_fault"] = store.record_check(
        check(None, "c3", old + minutes(3), CheckOutcome.UNPLAYABLE)
    ).fault_id
    store.record_check(check(None, "c1", recent))
    # A recent round: kept.
    fresh = store.start_round(OPERATOR, ["c2"], recent)
    store.record_check(check(fresh.id, "c2", recent))
    ids["fresh_record"] = store.close_round(
        fresh.id, equipment_condition="", handover_pile="", now=recent
    )
    # Handovers: the accepted old one goes; an unaccepted old one and a recent one stay.
    empty = HandoverContent("", "", (), (), ())
    accepted = store.hand_over(OPERATOR, empty, now=old)
    store.accept_handover(accepted.id, "值班员乙", now=old)
    ids["unaccepted"] = store.hand_over(OPERATOR, empty, now=old).id
    ids["handover"] = store.hand_over(OPERATOR, empty, now=recent).id
    store.accept_handover(ids["handover"], "值班员乙", now=recent)
    # Inspections.
    store.record_inspection(OPERATOR, {}, note="", now=old)
    ids["inspection"] = store.record_inspection(OPERATOR, {}, note="", now=recent)
    # List changes: c1's first change was superseded before the cutoff (goes); its second
    # was in force until a recent change (stays); c2's only change is its current entry.
    store.join_new({"c1": SiteType.MAINLINE}, old - timedelta(days=1))
    store.change_list("c1", ListEntry(SiteType.TUNNEL, True, True, old), changed_by="主管", now=old)
    store.change_list(
        "c1", ListEntry(SiteType.VIADUCT, True, True, recent), changed_by="主管", now=recent
    )
    store.join_new({"c2": SiteType.RAMP}, old - timedelta(days=1))
    # Warnings: one ended before the cutoff (both versions go), one ended after, one open.
    for name, ends in (("ended", old), ("ended_recently", recent), ("open", None)):
        ids[name] = store.add_warning(
            WeatherWarning(SECTION, WarningLevel.ORANGE, WeatherKind.FOG, old - timedelta(days=1)),
            recorded_by=OPERATOR,
            now=old - timedelta(days=1),
        )
        if ends is not None:
            store.end_warning(ids[name], ends, recorded_by=OPERATOR, now=ends)
    return ids


def test_purge_deletes_only_what_is_older_than_the_retention(
    store: PatrolStore, sessions: sessionmaker[Session], aged: dict[str, Any]
) -> None:
    old, recent = aged["old"], aged["recent"]
    before = {table: count(sessions, table) for table in PATROL_TABLES}
    deleted = store.purge_expired(NOW, MIN_RETENTION)
    after = {table: count(sessions, table) for table in PATROL_TABLES}
    gone = {
        table: before[table] - after[table]
        for table in PATROL_TABLES
        if before[table] != after[table]
    }
    assert gone == {
        "patrol_round": 1,
        "patrol_record": 1,
        "patrol_check": 4,  # the closed round's three and the old one outside rounds
        "patrol_event": 1,
        "patrol_event_step": 2,
        "video_fault": 1,
        "video_fault_close": 1,
        "handover": 1,
        "handover_accept": 1,
        "equipment_inspection": 1,
        "patrol_list_change": 1,
        "weather_warning": 2,
    }
    assert deleted == sum(gone.values())
    assert store.purge_expired(NOW, MIN_RETENTION) == 0
    # What stays.
    assert store.records(old - timedelta(days=1), NOW) == [
        aged["held_record"],
        aged["fresh_record"],
    ]
    assert [event.id for event in store.open_events()] == [aged["open_event"]]
    assert [fault.id for fault in store.open_faults()] == [aged["open_fault"]]
    unclosed = store.open_round("值班员乙")
    assert unclosed is not None and unclosed.id == aged["unclosed"] and len(unclosed.checks) == 1
    assert store.patrol_times(old - timedelta(days=1), NOW) == {
        "c1": [recent],
        "c2": [old + minutes(1), recent],
        "c3": [old + minutes(3)],
        "c4": [old],
    }
    assert [item.id for item in store.inspections(old - timedelta(days=1), NOW)] == [
        aged["inspection"]
    ]
    assert [change.changed_at for change in store.list_history("c1")] == [old, recent]
    assert [change.changed_at for change in store.list_history("c2")] == [old - timedelta(days=1)]
    assert [item.id for item in store.warnings()] == [aged["ended_recently"], aged["open"]]
    assert store.warnings()[0].warning.ends_at == recent
    assert store.pending_handover() is None
    last = store.last_handover()
    assert last is not None and last.id == aged["handover"]
    with sessions() as session:
        handovers = session.execute(text("select id from handover order by id")).scalars().all()
    assert handovers == [aged["unaccepted"], aged["handover"]]


def test_a_longer_retention_keeps_more(
    store: PatrolStore, sessions: sessionmaker[Session], aged: dict[str, Any]
) -> None:
    assert store.purge_expired(NOW, timedelta(days=368)) == 0
    assert store.purge_expired(NOW + timedelta(days=2), timedelta(days=368)) > 0
