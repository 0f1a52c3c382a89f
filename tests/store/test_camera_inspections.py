"""The equipment inspection in depth on real SQLite and PostgreSQL (P-8, R-2): per camera the
Appendix C checks, a note, a picture and the section's handling, one row per inspection x
camera (migration 0009), the basic info stored once per version; earlier inspections still
read."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Column, Integer, MetaData, String, Table, Text, insert, inspect
from sqlalchemy.orm import Session, sessionmaker

from patrol_app.domain.inspections import (
    AreaResult,
    CameraBasics,
    CameraCheck,
    CameraInspectionRow,
    InspectionArea,
)
from patrol_app.resources import MIGRATIONS_DIR
from patrol_app.store.models import UtcDateTime
from patrol_app.store.patrol_base import PatrolStoreError
from patrol_app.store.patrols import PatrolStore
from tests.store.patrol_helpers import NOW, OPERATOR, count

CAMERA_TABLES = {"inspection_camera", "inspection_camera_info", "inspection_camera_handling"}
AREAS = {area: (True, "正常") for area in InspectionArea}


def basics(number: int, *, status: str = "在线") -> CameraBasics:
    return CameraBasics(
        camera_num=f"cam-{number:04d}",
        section="京珠北段",
        facility="京港澳高速道路",
        pile=f"K{1800 + number // 10}+{number % 10 * 100:03d}",
        maintainer="广东省高速公路有限公司京珠北分公司",
        manufacturer="海康威视" if number % 2 else "",
        name=f"京港澳高速K{1800 + number // 10}摄像机{number}",
        name_suffix="上行" if number % 3 else "",
        status=status,
        direction="上行",
    )


def lines(total: int) -> list[CameraInspectionRow]:
    return [CameraInspectionRow(seq=n, camera=basics(n)) for n in range(1, total + 1)]


def alembic(sessions: sessionmaker[Session]) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = sessions.kw["bind"]
    return config


# Schema (migration 0009).


def test_migration_0009_keeps_the_inspections_made_before_it(
    sessions: sessionmaker[Session],
) -> None:
    engine = sessions.kw["bind"]
    assert set(inspect(engine).get_table_names()) >= CAMERA_TABLES
    command.downgrade(alembic(sessions), "0008")
    assert not CAMERA_TABLES & set(inspect(engine).get_table_names())
    before = Table(  # the table as 0008 left it
        "equipment_inspection",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("at", UtcDateTime()),
        Column("operator", String(100)),
        Column("results", Text),
        Column("note", Text),
    )
    with engine.begin() as connection:
        connection.execute(
            insert(before).values(
                at=NOW,
                operator=OPERATOR,
                results='{"software": [true, "服务正常"], "network": [false, "丢包"]}',
                note="旧记录",
            )
        )
    command.upgrade(alembic(sessions), "head")
    store = PatrolStore(sessions)
    (old,) = store.inspections.inspections(NOW, NOW + timedelta(hours=1))
    assert old.results == {
        InspectionArea.SOFTWARE: (True, "服务正常"),
        InspectionArea.NETWORK: (False, "丢包"),
    }
    assert (old.note, old.pictures, old.contact, old.cameras) == ("旧记录", {}, "", 0)
    sheet = store.inspections.sheet(old.id)
    assert (sheet.rows, sheet.section) == ([], "")
    assert sheet.areas[InspectionArea.NETWORK] == AreaResult(False, "丢包", "")


# Recording and reading back.


def test_each_camera_line_reads_back_with_its_checks_note_picture_and_handling(
    store: PatrolStore,
) -> None:
    rows = lines(4)
    rows[1] = replace(
        rows[1],
        failed=frozenset({CameraCheck.LENS_CLEAN, CameraCheck.OCCLUDED}),
        note="镜头有污渍，树枝遮挡",
        picture="/srv/snapshots/inspection/cam-0002.jpg",
        handling="已安排明日清洁",
    )
    rows[3] = replace(rows[3], failed=frozenset(CameraCheck), note="全部不合格")
    inspection = store.inspections.record_inspection(
        OPERATOR,
        AREAS,
        note="日常巡查",
        now=NOW,
        pictures={InspectionArea.NETWORK: "/srv/snapshots/inspection/network.png"},
        cameras=rows,
        contact="张三",
        phone="020-12345678",
    )
    assert store.inspections.camera_rows(inspection) == rows
    sheet = store.inspections.sheet(inspection)
    assert (sheet.inspection_id, sheet.at, sheet.operator) == (inspection, NOW, OPERATOR)
    assert (sheet.section, sheet.contact, sheet.phone, sheet.note) == (
        "京珠北段",
        "张三",
        "020-12345678",
        "日常巡查",
    )
    assert sheet.areas[InspectionArea.NETWORK] == AreaResult(
        True, "正常", "/srv/snapshots/inspection/network.png"
    )
    assert sheet.failed_rows == [rows[1], rows[3]]
    assert [rows[1].answer(check) for check in CameraCheck] == [
        "是",
        "是",
        "否",
        "是",
        "是",
        "是",  # occluded: 是否被遮挡 answers 是 for the camera that failed it
        "是",
        "是",
        "是",
    ]
    (view,) = store.inspections.inspections(NOW, NOW + timedelta(minutes=1))
    assert (view.cameras, view.failed_cameras, view.contact) == (4, 2, "张三")
    assert view.pictures == {InspectionArea.NETWORK: "/srv/snapshots/inspection/network.png"}


def test_the_basic_info_is_stored_once_per_version(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    store.inspections.record_inspection(OPERATOR, AREAS, note="", now=NOW, cameras=lines(30))
    store.inspections.record_inspection(
        OPERATOR, AREAS, note="", now=NOW + timedelta(days=1), cameras=lines(30)
    )
    assert count(sessions, "inspection_camera_info") == 30
    assert count(sessions, "inspection_camera") == 60
    offline = lines(30)
    offline[4] = replace(offline[4], camera=basics(5, status="离线"))
    third = store.inspections.record_inspection(
        OPERATOR, AREAS, note="", now=NOW + timedelta(days=2), cameras=offline
    )
    assert count(sessions, "inspection_camera_info") == 31
    assert store.inspections.camera_rows(third)[4].camera.status == "离线"


def test_a_section_of_2000_cameras_is_one_inspection_of_2000_lines(store: PatrolStore) -> None:
    rows = lines(2000)
    rows[1234] = replace(rows[1234], failed=frozenset({CameraCheck.CLOCK_SYNC}), note="慢 3 分钟")
    inspection = store.inspections.record_inspection(
        OPERATOR, AREAS, note="", now=NOW, cameras=rows
    )
    assert store.inspections.camera_rows(inspection) == rows
    (view,) = store.inspections.inspections(NOW, NOW + timedelta(minutes=1))
    assert (view.cameras, view.failed_cameras) == (2000, 1)


def test_a_failed_camera_without_a_note_is_refused_and_nothing_is_kept(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    rows = lines(3)
    rows[2] = replace(rows[2], failed=frozenset({CameraCheck.POSITION}))
    with pytest.raises(PatrolStoreError, match="备注"):
        store.inspections.record_inspection(OPERATOR, AREAS, note="", now=NOW, cameras=rows)
    twice = [rows[0], replace(rows[1], seq=1)]
    with pytest.raises(PatrolStoreError, match="行号"):
        store.inspections.record_inspection(OPERATOR, AREAS, note="", now=NOW, cameras=twice)
    assert count(sessions, "equipment_inspection") == 0
    assert count(sessions, "inspection_camera_info") == 0


def test_a_later_handling_is_a_new_row_and_the_latest_is_shown(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    rows = lines(2)
    rows[0] = replace(
        rows[0], failed=frozenset({CameraCheck.OSD}), note="字符叠加缺桩号", handling="待修复"
    )
    inspection = store.inspections.record_inspection(
        OPERATOR, AREAS, note="", now=NOW, cameras=rows
    )
    store.inspections.add_handling(
        inspection, 1, "已联系厂家，计划周五修复", operator="值班员乙", now=NOW + timedelta(hours=2)
    )
    store.inspections.add_handling(
        inspection, 1, "已修复", operator="值班员乙", now=NOW + timedelta(hours=30)
    )
    assert store.inspections.camera_rows(inspection)[0].handling == "已修复"
    assert store.inspections.camera_rows(inspection)[1].handling == ""
    assert count(sessions, "inspection_camera_handling") == 2
    with pytest.raises(PatrolStoreError, match="第 3 行"):
        store.inspections.add_handling(inspection, 3, "x", operator=OPERATOR, now=NOW)
    with pytest.raises(PatrolStoreError, match="不存在"):
        store.inspections.sheet(inspection + 1)


def test_retention_takes_the_camera_lines_with_their_inspection(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    old = store.inspections.record_inspection(OPERATOR, AREAS, note="", now=NOW, cameras=lines(3))
    store.inspections.add_handling(old, 2, "已修复", operator=OPERATOR, now=NOW)
    later = NOW + timedelta(days=400)
    kept = store.inspections.record_inspection(
        OPERATOR, AREAS, note="", now=later, cameras=lines(2)
    )
    store.retention.purge_expired(later + timedelta(days=1), timedelta(days=366))
    assert [view.id for view in store.inspections.inspections(NOW, later + timedelta(1))] == [kept]
    assert count(sessions, "inspection_camera") == 2
    assert count(sessions, "inspection_camera_handling") == 0
    assert store.inspections.camera_rows(kept) == lines(2)
