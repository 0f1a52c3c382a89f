"""The equipment inspection in depth without a display (P-8, R-2): the Appendix C lines drawn
from the camera directory, all passed until marked, filtered by pile or name, recorded and read
back as the table prints them; pictures kept as copies."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.faults import FaultKind, FaultOrigin
from patrol_app.domain.inspections import AreaResult, CameraCheck, InspectionArea
from patrol_app.patrols.inspection import (
    InspectionDraft,
    draft_problem,
    fault_handling,
    inspection_rows,
    inspection_sheet,
    keep_picture,
    matches,
    recent_inspections,
    record_handling,
    record_inspection,
    register_camera_fault,
)
from patrol_app.store.patrol_base import PatrolStoreError
from patrol_app.store.patrols import PatrolStore
from tests.patrols.helpers import camera

NOW = datetime(2026, 12, 6, 1, 0, tzinfo=UTC)
AREAS = {area: AreaResult(True, "正常") for area in InspectionArea}


def directory() -> list[CameraEntry]:
    return [
        replace(
            camera("c3", "北江特大桥", "K1850+000", classify=4, orientation=2, online=False),
            poi_name="北江特大桥",
            manufacturer="大华",
        ),
        replace(
            camera("c1", "大岭隧道进口", "K1844+650", classify=3),
            poi_name="大岭隧道",
            name_suffix="进口1号",
            department="京珠北分公司",
        ),
        camera("c9", "临时施工点", "未知桩号"),
        camera("c2", "大岭隧道出口", "K1846+120", orientation=3),
    ]


def test_the_lines_follow_the_road_and_carry_the_basic_info() -> None:
    rows = inspection_rows(directory())
    assert [(row.seq, row.camera.camera_num) for row in rows] == [
        (1, "c1"),
        (2, "c2"),
        (3, "c3"),
        (4, "c9"),  # an unreadable pile goes last
    ]
    first, second, third = rows[0].camera, rows[1].camera, rows[2].camera
    assert (first.section, first.facility, first.pile, first.maintainer) == (
        "京珠北段",
        "大岭隧道",
        "K1844+650",
        "京珠北分公司",
    )
    assert (first.name, first.name_suffix, first.status, first.direction) == (
        "大岭隧道进口",
        "进口1号",
        "在线",
        "上行",
    )
    assert (second.direction, third.status, third.direction, third.manufacturer) == (
        "双向",
        "离线",
        "下行",
        "大华",
    )
    assert all(row.ok for row in rows)
    assert all(
        row.answer(check) == ("否" if check is CameraCheck.OCCLUDED else "是")
        for row in rows
        for check in CameraCheck
    )


def test_the_filter_finds_a_pile_or_a_name() -> None:
    rows = inspection_rows(directory())
    assert [row.camera.camera_num for row in rows if matches(row, "k1846")] == ["c2"]
    assert [row.camera.camera_num for row in rows if matches(row, "大岭 进口")] == ["c1"]
    assert len([row for row in rows if matches(row, "  ")]) == 4


def test_a_draft_says_what_is_missing() -> None:
    rows = inspection_rows(directory())
    assert draft_problem(InspectionDraft(areas={})) == "请填写“软件运行”的巡查结果"
    network = {**AREAS, InspectionArea.NETWORK: AreaResult(False, " ")}
    assert draft_problem(InspectionDraft(areas=network)) == "“网络链路”有问题，请说明"
    rows[1] = replace(rows[1], failed=frozenset({CameraCheck.LENS_CLEAN}))
    assert "备注" in (draft_problem(InspectionDraft(areas=AREAS, rows=rows)) or "")
    rows[1] = replace(rows[1], note="镜头脏")
    assert draft_problem(InspectionDraft(areas=AREAS, rows=rows)) is None


def test_an_inspection_reads_back_as_the_table_prints_it(patrol_store: PatrolStore) -> None:
    rows = inspection_rows(directory())
    rows[2] = replace(
        rows[2],
        failed=frozenset({CameraCheck.OCCLUDED, CameraCheck.MATCHES}),
        note="桥墩广告牌遮挡",
        picture="/snapshots/c3.jpg",
        handling="已通知路政",
    )
    areas = {**AREAS, InspectionArea.HARDWARE: AreaResult(False, "磁盘 92%", "/shots/disk.png")}
    draft = InspectionDraft(areas=areas, rows=rows, contact=" 张三 ", phone="13800000000")
    inspection = record_inspection(patrol_store, draft, operator="值班员甲", now=NOW)
    sheet = inspection_sheet(patrol_store, inspection)
    assert (sheet.at, sheet.operator, sheet.section, sheet.contact) == (
        NOW,
        "值班员甲",
        "京珠北段",
        "张三",
    )
    assert sheet.areas[InspectionArea.HARDWARE] == AreaResult(False, "磁盘 92%", "/shots/disk.png")
    assert list(sheet.rows) == rows
    assert [row.camera.camera_num for row in sheet.failed_rows] == ["c3"]


def test_a_picture_file_is_kept_as_a_copy(tmp_path: Path) -> None:
    source = tmp_path / "from the operator.JPG"
    source.write_bytes(b"\xff\xd8picture")
    folder = tmp_path / "snapshots" / "inspection"
    first = keep_picture(source, folder, "c3-20261206")
    second = keep_picture(source, folder, "c3-20261206")
    assert (first.name, second.name) == ("c3-20261206.jpg", "c3-20261206-2.jpg")
    assert first.read_bytes() == b"\xff\xd8picture"
    with pytest.raises(ValueError, match="不是图片"):
        keep_picture(tmp_path / "notes.txt", folder, "x")
    with pytest.raises(OSError):
        keep_picture(tmp_path / "gone.png", folder, "x")


def test_the_handling_written_later_reads_back_newest_inspection_first(
    patrol_store: PatrolStore,
) -> None:
    rows = inspection_rows(directory())
    rows[0] = replace(rows[0], failed=frozenset({CameraCheck.OSD}), note="缺桩号")
    old = record_inspection(
        patrol_store,
        InspectionDraft(areas=AREAS),
        operator="值班员甲",
        now=NOW - timedelta(days=40),
    )
    first = record_inspection(
        patrol_store, InspectionDraft(areas=AREAS, rows=rows), operator="值班员甲", now=NOW
    )
    second = record_inspection(
        patrol_store,
        InspectionDraft(areas=AREAS),
        operator="值班员乙",
        now=NOW + timedelta(hours=8),
    )
    later = NOW + timedelta(days=1)
    assert [view.id for view in recent_inspections(patrol_store, later)] == [second, first]
    assert old not in [view.id for view in recent_inspections(patrol_store, later)]
    sheet = record_handling(patrol_store, first, {1: " 已修复 "}, operator="值班员乙", now=later)
    assert sheet.rows[0].handling == "已修复"
    assert sheet.rows[0].note == "缺桩号"  # the record itself stays


def test_a_lines_problem_is_registered_as_a_fault(patrol_store: PatrolStore) -> None:
    rows = inspection_rows(directory())
    line = replace(
        rows[2], failed=frozenset({CameraCheck.LENS_CLEAN}), note="镜头雾化", handling="待清洁"
    )
    fault = register_camera_fault(
        patrol_store, line, FaultKind.UNCLEAR, operator="值班员甲", now=NOW
    )
    assert (fault.camera_num, fault.camera_name, fault.pile) == ("c3", "北江特大桥", "K1850+000")
    assert (fault.kind, fault.origin, fault.registered_at) == (
        FaultKind.UNCLEAR,
        FaultOrigin.INSPECTION,
        NOW,
    )
    assert fault.note == "设备巡查发现：镜头是否清洁：否。镜头雾化"
    assert fault.response.due_at == NOW + timedelta(hours=2)
    assert fault_handling(line, fault) == f"待清洁；已登记故障 {fault.id}（摄像头不清）"
    assert patrol_store.faults.fault(fault.id) == fault


def test_a_camera_with_that_fault_open_is_not_registered_twice(patrol_store: PatrolStore) -> None:
    """F-1: the inspection's one step keeps the rule of the fault list (one open fault of a
    kind per camera), or the fault report would count the fault twice."""
    line = replace(inspection_rows(directory())[2], failed=frozenset({CameraCheck.LENS_CLEAN}))
    first = register_camera_fault(
        patrol_store, line, FaultKind.UNCLEAR, operator="值班员甲", now=NOW
    )
    with pytest.raises(PatrolStoreError, match=f"编号 {first.id}"):
        register_camera_fault(
            patrol_store, line, FaultKind.UNCLEAR, operator="值班员甲", now=NOW + timedelta(hours=1)
        )
    other = register_camera_fault(
        patrol_store, line, FaultKind.OCCLUDED, operator="值班员甲", now=NOW + timedelta(hours=1)
    )
    assert [fault.id for fault in patrol_store.faults.faults()] == [first.id, other.id]
