"""The PTZ audit (Z-3), presets and preset patrols (Z-5) on real migrated SQLite and
PostgreSQL databases.

The audit is append-only: a second operation is a second row, and only ``purge_expired``
deletes, never under a year. Presets and preset patrols are configuration: replaced freely.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import event, inspect, text
from sqlalchemy.orm import Session, sessionmaker

from patrol_app.domain.layouts import TileLayout, WallLayout
from patrol_app.domain.patrols import BEIJING
from patrol_app.domain.ptz_records import PresetPatrolView, PresetView, PtzAuditView
from patrol_app.resources import MIGRATIONS_DIR
from patrol_app.store.database import DatabaseError, open_database
from patrol_app.store.patrols import PatrolStore
from patrol_app.store.preferences import PreferenceStore
from patrol_app.store.ptz import PresetStore, PtzAuditEntry, PtzAuditStore, PtzStoreError
from patrol_app.store.retention import MIN_RETENTION

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=BEIJING)
OPERATOR = "值班员甲"
SUPERVISOR = "值班长乙"
PTZ_TABLES = {"ptz_audit", "ptz_preset", "ptz_preset_patrol"}
LATER_TABLES = {"platform_outage", "platform_outage_end"}  # migrations after 0005
# 0008: faults' and work orders' transitions; video_fault_close folds into them (back below 0008)
FAULT_TABLES = {"video_fault_transition", "work_order", "work_order_transition"}
LATER_TABLES |= {"inspection_camera", "inspection_camera_info", "inspection_camera_handling"}
LATER_TABLES |= {"report_submission", "report_review", "submission_outbox", "submission_attempt"}


def minutes(count: float) -> timedelta:
    return timedelta(minutes=count)


def entry(at: datetime = NOW, camera_num: str = "c1", **fields: Any) -> PtzAuditEntry:
    """A command carried out from the workstation, unless ``fields`` say otherwise."""
    values: dict[str, Any] = {
        "operator": OPERATOR,
        "level": "section_operator",
        "source": "workstation",
        "kind": "command",
        "result": "ok",
        "action": 1,
        "step": 5,
    }
    values.update(fields)
    return PtzAuditEntry(at=at, camera_num=camera_num, **values)


def count(sessions: sessionmaker[Session], table: str) -> int:
    with sessions() as session:
        return int(session.execute(text(f"select count(*) from {table}")).scalar_one())


def alembic_config(sessions: sessionmaker[Session]) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = sessions.kw["bind"]
    return config


@pytest.fixture
def audit(sessions: sessionmaker[Session]) -> PtzAuditStore:
    return PtzAuditStore(sessions)


@pytest.fixture
def presets(sessions: sessionmaker[Session]) -> PresetStore:
    return PresetStore(sessions)


# Schema.


def test_migration_0005_adds_the_ptz_tables_and_downgrades_alone(
    sessions: sessionmaker[Session], audit: PtzAuditStore, presets: PresetStore
) -> None:
    engine = sessions.kw["bind"]
    indexes = {index["name"] for index in inspect(engine).get_indexes("ptz_audit")}
    assert {"ix_ptz_audit_at", "ix_ptz_audit_camera_num_at"} <= indexes
    # Something in the other tables, and in the PTZ ones.
    PreferenceStore(sessions, OPERATOR).save_layout(WallLayout("夜班", (TileLayout("c1"),)), NOW)
    PatrolStore(sessions).inspections.record_inspection(OPERATOR, {}, note="", now=NOW)
    audit.record(entry())
    presets.save("c1", 1, "上行方向", by=OPERATOR, now=NOW)
    presets.save_patrol("c1", "白天", [(1, 10)], by=OPERATOR, now=NOW)
    tables = set(inspect(engine).get_table_names())
    assert tables >= PTZ_TABLES
    others = tables - PTZ_TABLES - LATER_TABLES - FAULT_TABLES - {"alembic_version"}
    rows = {table: count(sessions, table) for table in others}
    assert rows["wall_layout"] == 1 and rows["equipment_inspection"] == 1

    command.downgrade(alembic_config(sessions), "0004")
    inspector = inspect(engine)
    assert set(inspector.get_table_names()) == others | {"alembic_version", "video_fault_close"}
    assert {table: count(sessions, table) for table in others} == rows
    assert count(sessions, "video_fault_close") == 0
    with sessions() as session:
        assert session.execute(text("select version_num from alembic_version")).scalar() == "0004"

    command.upgrade(alembic_config(sessions), "head")
    assert set(inspect(engine).get_table_names()) >= PTZ_TABLES
    assert {table: count(sessions, table) for table in others} == rows
    assert audit.browse(start=NOW, end=NOW + minutes(1)) == []
    assert presets.presets("c1") == []
    audit.record(entry())
    assert len(audit.browse(start=NOW, end=NOW + minutes(1))) == 1


# The audit (Z-3).


def test_every_kind_of_operation_is_recorded_as_given(audit: PtzAuditStore) -> None:
    entries = [
        entry(NOW, action=3, step=8),
        entry(NOW + minutes(1), kind="stop", action=3, step=None),
        entry(NOW + minutes(2), kind="preset_call", action=None, step=None, preset=2),
        entry(NOW + minutes(3), kind="preset_set", action=None, step=None, preset=255),
        entry(NOW + minutes(4), kind="release", action=None, step=None),
        entry(
            NOW + minutes(5),
            operator="省中心张三",
            level="province",
            source="platform",
            action=12,
            step=None,
            result="refused",
            detail="值班员甲（路段）正在控制该摄像机",
        ),
        entry(
            NOW + minutes(6), action=6, step=1, result="failed", detail="设备无响应（超时 5 秒）"
        ),
    ]
    ids = [audit.record(item) for item in entries]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    views = audit.browse(start=NOW, end=NOW + minutes(10))
    expected = [
        PtzAuditView(id=id_, **dataclasses.asdict(item))
        for id_, item in zip(ids, entries, strict=True)
    ]
    assert views == expected[::-1]  # newest first
    assert all(view.at.utcoffset() == timedelta(0) for view in views)
    assert views[-1].at == NOW


def test_browsing_filters_by_time_camera_operator_and_result(audit: PtzAuditStore) -> None:
    rows = {
        "early": audit.record(entry(NOW - minutes(1))),
        "start": audit.record(entry(NOW)),
        "c2": audit.record(entry(NOW + minutes(1), camera_num="c2")),
        "refused": audit.record(
            entry(NOW + minutes(2), operator=SUPERVISOR, result="refused", detail="省中心占用")
        ),
        "failed_c2": audit.record(entry(NOW + minutes(3), camera_num="c2", result="failed")),
        "end": audit.record(entry(NOW + minutes(4))),
    }

    def ids(**filters: Any) -> list[int]:
        window = {"start": NOW, "end": NOW + minutes(4)} | filters
        return [view.id for view in audit.browse(**window)]

    assert ids() == [rows["failed_c2"], rows["refused"], rows["c2"], rows["start"]]  # [start, end)
    assert ids(start=NOW - minutes(1), end=NOW + minutes(5)) == sorted(rows.values())[::-1]
    assert ids(camera_num="c2") == [rows["failed_c2"], rows["c2"]]
    assert ids(operator=SUPERVISOR) == [rows["refused"]]
    assert ids(result="refused") == [rows["refused"]]
    assert ids(result="failed", camera_num="c2") == [rows["failed_c2"]]
    assert ids(result="ok", operator=OPERATOR, camera_num="c1") == [rows["start"]]
    assert ids(camera_num="c3") == []
    assert ids(limit=2) == [rows["failed_c2"], rows["refused"]]
    assert ids(start=NOW + minutes(4), end=NOW) == []
    same_time = audit.record(entry(NOW + minutes(3)))  # ties: the later row first
    assert ids(limit=2) == [same_time, rows["failed_c2"]]
    with pytest.raises(PtzStoreError, match="查询条数"):
        ids(limit=0)
    with pytest.raises(PtzStoreError, match="操作结果"):
        ids(result="denied")


def test_the_audit_is_append_only(audit: PtzAuditStore, sessions: sessionmaker[Session]) -> None:
    public = {name for name in dir(audit) if not name.startswith("_")}
    assert public == {"record", "browse", "purge_expired"}
    first = audit.record(entry())
    second = audit.record(entry())  # the same operation again is another row
    assert first != second
    assert count(sessions, "ptz_audit") == 2
    assert [view.id for view in audit.browse(start=NOW, end=NOW + minutes(1))] == [second, first]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"at": datetime(2026, 11, 26, 9, 0)}, "时区"),
        ({"operator": ""}, "操作员"),
        ({"level": ""}, "控制级别"),
        ({"camera_num": ""}, "摄像机编号"),
        ({"camera_num": "c" * 37}, "摄像机编号"),
        ({"source": "gateway"}, "操作来源"),
        ({"kind": "move"}, "操作类型"),
        ({"result": "denied"}, "操作结果"),
        ({"action": None}, "缺少动作"),
        ({"action": 0}, "1-12"),
        ({"action": 13}, "1-12"),
        ({"action": True}, "1-12"),
        ({"step": 0}, "步长"),
        ({"step": 9}, "步长"),
        ({"kind": "preset_call", "action": None}, "预置位编号"),
        ({"kind": "preset_set", "action": None, "preset": 256}, "1-255"),
    ],
)
def test_an_entry_that_does_not_say_what_happened_is_refused(
    audit: PtzAuditStore,
    sessions: sessionmaker[Session],
    fields: dict[str, Any],
    message: str,
) -> None:
    with pytest.raises(PtzStoreError, match=message):
        audit.record(dataclasses.replace(entry(), **fields))
    assert count(sessions, "ptz_audit") == 0


def test_a_database_failure_is_reported_for_the_operator(
    audit: PtzAuditStore, presets: PresetStore, sessions: sessionmaker[Session]
) -> None:
    with sessions.begin() as session:
        session.execute(text("drop table ptz_audit"))
        session.execute(text("drop table ptz_preset"))
    with pytest.raises(DatabaseError, match="无法保存云台操作日志"):
        audit.record(entry())
    with pytest.raises(DatabaseError, match="无法读取云台操作日志"):
        audit.browse(start=NOW, end=NOW + minutes(1))
    with pytest.raises(DatabaseError, match="无法保存预置位设置"):
        presets.save("c1", 1, "上行", by=OPERATOR, now=NOW)
    with pytest.raises(DatabaseError, match="无法读取预置位设置"):
        presets.presets("c1")


def test_browsing_seeks_the_time_and_camera_indexes(tmp_path: Path) -> None:
    """A year of operations: browsing must search an index, not scan the log (SQLite plan)."""
    sessions = open_database(f"sqlite:///{tmp_path / 'patrol.db'}")
    audit = PtzAuditStore(sessions)
    audit.record(entry())
    engine = sessions.kw["bind"]
    statements: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        audit.browse(start=NOW, end=NOW + minutes(1), camera_num="c1")
        audit.browse(start=NOW, end=NOW + minutes(1), operator=OPERATOR, result="ok")
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    plans = []
    with engine.connect() as connection:
        for statement, parameters in statements:
            rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            plans.append([row[3] for row in rows])
    by_camera, by_time = plans
    assert by_camera == [
        "SEARCH ptz_audit USING INDEX ix_ptz_audit_camera_num_at (camera_num=? AND at>? AND at<?)"
    ], by_camera
    assert by_time == ["SEARCH ptz_audit USING INDEX ix_ptz_audit_at (at>? AND at<?)"], by_time


def test_purge_keeps_a_year_and_refuses_less(
    audit: PtzAuditStore, sessions: sessionmaker[Session]
) -> None:
    old = audit.record(entry(NOW - timedelta(days=367)))
    kept = audit.record(entry(NOW - timedelta(days=365)))
    recent = audit.record(entry(NOW - minutes(1)))
    with pytest.raises(PtzStoreError, match="不得少于 366 天，收到 300 天"):
        audit.purge_expired(NOW, timedelta(days=300))
    assert count(sessions, "ptz_audit") == 3
    assert audit.purge_expired(NOW, MIN_RETENTION) == 1
    assert audit.purge_expired(NOW, MIN_RETENTION) == 0
    remaining = audit.browse(start=NOW - timedelta(days=400), end=NOW)
    assert [view.id for view in remaining] == [recent, kept]
    assert old not in {view.id for view in remaining}


# Presets (Z-5).


def test_presets_are_saved_by_number_and_replaced(presets: PresetStore) -> None:
    assert presets.presets("c1") == []
    for number, name in ((10, "收费站广场"), (2, "下行方向"), (255, "隧道口"), (1, "上行方向")):
        presets.save("c1", number, name, by=OPERATOR, now=NOW)
    presets.save("c2", 1, "桥面", by=OPERATOR, now=NOW)
    assert [(view.number, view.name) for view in presets.presets("c1")] == [
        (1, "上行方向"),
        (2, "下行方向"),
        (10, "收费站广场"),
        (255, "隧道口"),
    ]
    later = NOW + minutes(5)
    presets.save("c1", 2, "  下行方向（远景）  ", by=SUPERVISOR, now=later)
    changed = presets.presets("c1")[1]
    assert changed == PresetView("c1", 2, "下行方向（远景）", later, SUPERVISOR)
    assert changed.updated_at.utcoffset() == timedelta(0)
    assert len(presets.presets("c1")) == 4
    assert presets.presets("c2") == [PresetView("c2", 1, "桥面", NOW, OPERATOR)]


def test_presets_are_removed(presets: PresetStore) -> None:
    presets.save("c1", 1, "上行方向", by=OPERATOR, now=NOW)
    presets.save("c1", 2, "下行方向", by=OPERATOR, now=NOW)
    presets.save("c2", 1, "桥面", by=OPERATOR, now=NOW)
    presets.remove("c1", 1)
    presets.remove("c1", 1)  # already gone: nothing to do
    presets.remove("c3", 7)
    assert [view.number for view in presets.presets("c1")] == [2]
    assert [view.number for view in presets.presets("c2")] == [1]


@pytest.mark.parametrize(
    ("camera_num", "number", "name", "message"),
    [
        ("c1", 0, "上行", "预置位编号应为 1-255，收到 0"),
        ("c1", 256, "上行", "预置位编号应为 1-255，收到 256"),
        ("c1", True, "上行", "预置位编号"),
        ("c1", 1, "", "预置位名称不能为空"),
        ("c1", 1, "   ", "预置位名称不能为空"),
        ("c1", 1, "隧" * 51, "预置位名称不能超过 50 个字，收到 51 个"),
        ("", 1, "上行", "摄像机编号"),
    ],
)
def test_an_invalid_preset_is_refused(
    presets: PresetStore, camera_num: str, number: Any, name: str, message: str
) -> None:
    with pytest.raises(PtzStoreError, match=message):
        presets.save(camera_num, number, name, by=OPERATOR, now=NOW)
    assert presets.presets(camera_num) == []


def test_presets_and_patrols_need_who_changed_them(presets: PresetStore) -> None:
    with pytest.raises(PtzStoreError, match="操作员"):
        presets.save("c1", 1, "上行", by="", now=NOW)
    with pytest.raises(PtzStoreError, match="操作员"):
        presets.save_patrol("c1", "白天", [(1, 10)], by="甲" * 101, now=NOW)
    with pytest.raises(PtzStoreError, match="时区"):
        presets.save("c1", 1, "上行", by=OPERATOR, now=datetime(2026, 11, 26, 9, 0))
    assert presets.presets("c1") == [] and presets.patrols("c1") == []


def test_a_preset_name_of_fifty_characters_is_kept(presets: PresetStore) -> None:
    presets.save("c1", 1, "隧" * 50, by=OPERATOR, now=NOW)
    assert presets.presets("c1")[0].name == "隧" * 50


# Preset patrols (Z-5).


def test_preset_patrols_round_trip_and_are_replaced(presets: PresetStore) -> None:
    day = [(1, 10), (3, 15.5), (2, 10)]
    presets.save_patrol("c1", "白天", day, by=OPERATOR, now=NOW)
    presets.save_patrol("c1", "夜间", [(5, 30)], by=OPERATOR, now=NOW)
    presets.save_patrol("c2", "白天", [(1, 8)], by=SUPERVISOR, now=NOW)
    assert presets.patrols("c1") == [  # by code point: 夜 U+591C, 白 U+767D
        PresetPatrolView("c1", "夜间", ((5, 30.0),), NOW, OPERATOR),
        PresetPatrolView("c1", "白天", ((1, 10.0), (3, 15.5), (2, 10.0)), NOW, OPERATOR),
    ]
    later = NOW + minutes(5)
    presets.save_patrol("c1", " 白天 ", [(2, 20)], by=SUPERVISOR, now=later)
    assert presets.patrols("c1")[1] == PresetPatrolView(
        "c1", "白天", ((2, 20.0),), later, SUPERVISOR
    )
    assert presets.patrols("c1")[1].updated_at.tzinfo == UTC
    presets.remove_patrol("c1", "白天")
    presets.remove_patrol("c1", "白天")  # already gone: nothing to do
    assert [patrol.name for patrol in presets.patrols("c1")] == ["夜间"]
    assert presets.patrols("c2") == [PresetPatrolView("c2", "白天", ((1, 8.0),), NOW, SUPERVISOR)]


@pytest.mark.parametrize(
    ("name", "steps", "message"),
    [
        ("白天", [], "至少要有一个预置位"),
        ("", [(1, 10)], "预置位巡查名称不能为空"),
        ("巡" * 51, [(1, 10)], "不能超过 50 个字"),
        ("白天", [(0, 10)], "预置位编号应为 1-255"),
        ("白天", [(1, 10), (256, 10)], "预置位编号应为 1-255"),
        ("白天", [(1, 0)], "停留时间应大于 0 秒"),
        ("白天", [(1, -5)], "停留时间应大于 0 秒"),
        ("白天", [(1, float("nan"))], "停留时间应大于 0 秒"),
        ("白天", [(1, "10")], "停留时间应为秒数"),
    ],
)
def test_an_invalid_preset_patrol_is_refused(
    presets: PresetStore, name: str, steps: list[tuple[Any, Any]], message: str
) -> None:
    with pytest.raises(PtzStoreError, match=message):
        presets.save_patrol("c1", name, steps, by=OPERATOR, now=NOW)
    assert presets.patrols("c1") == []
