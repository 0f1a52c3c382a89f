"""The Appendix C table (R-2) of an equipment inspection: one line per camera with its device
data as the platform's directory had it (the table's note 1), what the inspection found and
the section's handling; the management unit's review (复核情况) when there is one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.inspections import (
    CameraBasics,
    CameraCheck,
    CameraInspectionRow,
    InspectionSheet,
    camera_basics,
)
from patrol_app.domain.patrols import BEIJING
from patrol_app.reports.inspection_table import InspectionTable, InspectionTableRow
from patrol_app.store.patrols import PatrolStore


def table_row(
    camera: CameraBasics,
    checks: Mapping[CameraCheck, bool],
    *,
    remark: str = "",
    handling: str = "",
    review: str = "",
) -> InspectionTableRow:
    return InspectionTableRow(
        device_code=camera.camera_num,
        section_name=camera.section,
        facility=camera.facility,
        pile=camera.pile,
        maintainer=camera.maintainer,
        vendor=camera.manufacturer,
        device_name=camera.name,
        device_alias=camera.name_suffix,
        device_state=camera.status,
        direction=camera.direction,
        checks=checks,
        remark=remark,
        handling=handling,
        review=review,
    )


def inspected_row(row: CameraInspectionRow, review: str = "") -> InspectionTableRow:
    """A camera's line of an inspection: every check answered."""
    return table_row(
        row.camera,
        {check: row.passed(check) for check in CameraCheck},
        remark=row.note,
        handling=row.handling,
        review=review,
    )


def sheet_table(
    sheet: InspectionSheet, reviews: Mapping[str, str] | None = None
) -> InspectionTable:
    """The table of an inspection; ``reviews``: the management unit's 复核情况 by camera."""
    known = reviews or {}
    return InspectionTable(
        inspected_on=sheet.at.astimezone(BEIJING).date(),
        section_name=sheet.section,
        contact=sheet.contact,
        phone=sheet.phone,
        rows=tuple(
            inspected_row(row, known.get(row.camera.camera_num, ""))
            for row in sorted(sheet.rows, key=lambda row: row.seq)
        ),
    )


def blank_table(
    day: date, section_name: str, contact: str, phone: str, cameras: Sequence[CameraEntry]
) -> InspectionTable:
    """The table to fill by hand when no inspection checked the cameras: their device data
    from the directory, the checks left blank."""
    return InspectionTable(
        inspected_on=day,
        section_name=section_name,
        contact=contact,
        phone=phone,
        rows=tuple(table_row(camera_basics(camera), {}) for camera in cameras),
    )


def gather_inspection_table(
    store: PatrolStore,
    cameras: Mapping[str, CameraEntry],
    start: datetime,
    end: datetime,
    *,
    section_name: str,
    contact: str = "",
    phone: str = "",
) -> InspectionTable:
    """The table of the last inspection of [start, end) that checked cameras; without one,
    the blank table of the section's cameras (all of them when ``section_name`` is "").
    The form's contact and section win over the inspection's when given."""
    checked = [each for each in store.inspections.inspections(start, end) if each.cameras]
    if checked:
        table = sheet_table(store.inspections.sheet(checked[-1].id))
        return InspectionTable(
            inspected_on=table.inspected_on,
            section_name=section_name or table.section_name,
            contact=contact or table.contact,
            phone=phone or table.phone,
            rows=table.rows,
        )
    in_section = sorted(
        (
            camera
            for camera in cameras.values()
            if not section_name or camera.road_sec == section_name
        ),
        key=lambda camera: (camera.road, camera.pile, camera.camera_num),
    )
    return blank_table(start.astimezone(BEIJING).date(), section_name, contact, phone, in_section)
