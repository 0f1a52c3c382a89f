"""The Appendix C line of a camera (R-2): its basic info from the directory entry, the 是/否
of each check, what a line needs before it is recorded."""

from __future__ import annotations

from patrol_app.domain.camera import CameraEntry, camera_entry_from_json
from patrol_app.domain.inspections import (
    MAX_CAMERA_TEXT,
    CameraBasics,
    CameraCheck,
    CameraInspectionRow,
    camera_basics,
    camera_row_problem,
    sheet_section,
)

ENTRY = CameraEntry(
    camera_num="n1",
    name="京港澳高速K1844摄像机",
    department="京珠北分公司",
    road="G4",
    road_name="京港澳高速",
    road_sec="京珠北段",
    classify=3,
    poi_name="大岭隧道",
    pile="K1844+650",
    orientation=2,
    has_control=True,
    online=False,
    name_suffix="进口",
    manufacturer="宇视",
)


def test_the_basic_info_comes_from_the_directory_entry() -> None:
    assert camera_basics(ENTRY) == CameraBasics(
        camera_num="n1",
        section="京珠北段",
        facility="大岭隧道",
        pile="K1844+650",
        maintainer="京珠北分公司",
        manufacturer="宇视",
        name="京港澳高速K1844摄像机",
        name_suffix="进口",
        status="离线",
        direction="下行",
    )


def test_an_unknown_orientation_code_is_kept_as_its_number() -> None:
    entry = CameraEntry(**{**ENTRY.__dict__, "orientation": 7})
    assert camera_basics(entry).direction == "7"


def test_the_directory_gives_the_suffix_and_manufacturer_when_it_has_them() -> None:
    item = {
        "cameraNum": "n1",
        "cameraName": "x",
        "department": "d",
        "road": "G4",
        "roadName": "京港澳高速",
        "roadSec": "京珠北段",
        "classify": 0,
        "poiName": "",
        "pileNum": "K1+000",
        "cameraOrientation": 1,
    }
    bare = camera_entry_from_json(item)
    assert (bare.name_suffix, bare.manufacturer) == ("", "")
    full = camera_entry_from_json({**item, "cameraNameSuffix": "副", "manufacturer": "海康威视"})
    assert (full.name_suffix, full.manufacturer) == ("副", "海康威视")


def test_a_line_answers_each_check_as_the_table_does() -> None:
    row = CameraInspectionRow(
        seq=1,
        camera=camera_basics(ENTRY),
        failed=frozenset({CameraCheck.OCCLUDED, CameraCheck.OSD}),
    )
    assert not row.ok
    assert row.answer(CameraCheck.OSD) == "否"
    assert row.answer(CameraCheck.OCCLUDED) == "是"
    assert row.answer(CameraCheck.CLOCK_SYNC) == "是"


def test_a_failed_line_needs_a_note_and_texts_have_a_limit() -> None:
    row = CameraInspectionRow(
        seq=1, camera=camera_basics(ENTRY), failed=frozenset({CameraCheck.OSD})
    )
    assert "备注" in (camera_row_problem(row) or "")
    assert (
        camera_row_problem(
            CameraInspectionRow(seq=1, camera=row.camera, failed=row.failed, note="缺桩号")
        )
        is None
    )
    long = CameraInspectionRow(seq=1, camera=row.camera, handling="修" * (MAX_CAMERA_TEXT + 1))
    assert "超过" in (camera_row_problem(long) or "")


def test_the_header_names_each_section_once() -> None:
    first = camera_basics(ENTRY)
    other = CameraBasics(**{**first.__dict__, "section": "广惠段"})
    rows = [CameraInspectionRow(seq=n, camera=c) for n, c in enumerate([first, other, first], 1)]
    assert sheet_section(rows) == "京珠北段、广惠段"
