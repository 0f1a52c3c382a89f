"""The Appendix C table of an inspection (R-2): one line per camera, its device data from the
camera directory the platform gives (the table's note 1), what the inspection found."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from patrol_app.domain.camera import CameraEntry, Orientation
from patrol_app.domain.inspections import CameraCheck
from patrol_app.reports.inspection_table import InspectionTable, InspectionTableRow


@dataclass(frozen=True)
class CameraFinding:
    """What the inspection found at one camera: the checks it failed (every other check
    passed), the note, the section's handling, the management unit's review."""

    failed: frozenset[CameraCheck] = frozenset()
    note: str = ""
    handling: str = ""
    review: str = ""


def direction_of(code: int) -> str:
    try:
        return Orientation(code).label
    except ValueError:
        return str(code)


def table_row(
    camera: CameraEntry, finding: CameraFinding, *, vendor: str = "", alias: str = ""
) -> InspectionTableRow:
    return InspectionTableRow(
        device_code=camera.camera_num,
        section_name=camera.road_sec,
        facility=camera.poi_name,
        pile=camera.pile,
        maintainer=camera.department,
        vendor=vendor,
        device_name=camera.name,
        device_alias=alias,
        device_state="在线" if camera.online else "离线",
        direction=direction_of(camera.orientation),
        checks={check: check not in finding.failed for check in CameraCheck},
        remark=finding.note,
        handling=finding.handling,
        review=finding.review,
    )


def blank_row(camera: CameraEntry) -> InspectionTableRow:
    """The camera's device data with the checks left blank."""
    return replace(table_row(camera, CameraFinding()), checks={})


def inspection_table_of(
    day: date,
    section_name: str,
    contact: str,
    phone: str,
    cameras: Sequence[CameraEntry],
    findings: Mapping[str, CameraFinding] | None,
) -> InspectionTable:
    """The table of an inspection of ``cameras`` (in their order) on the Beijing ``day``;
    a camera without a finding passed every check. ``findings`` None: no inspection was
    recorded, the check columns stay blank for the operator to fill on paper."""
    return InspectionTable(
        inspected_on=day,
        section_name=section_name,
        contact=contact,
        phone=phone,
        rows=tuple(
            table_row(camera, findings.get(camera.camera_num, CameraFinding()))
            if findings is not None
            else blank_row(camera)
            for camera in cameras
        ),
    )
