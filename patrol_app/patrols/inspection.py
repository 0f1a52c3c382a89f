"""The equipment inspection in depth (P-8, R-2, spec 11.3.3-11.3.8): the per-camera lines of
the Appendix C table drawn from the camera directory (every check passed until the operator
marks what fails), the inspection recorded, and read back as the table prints it.

Plain Python, time passed in; blocking (the UI calls these through its task runner).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.inspections import (
    AreaResult,
    CameraInspectionRow,
    InspectionArea,
    InspectionSheet,
    camera_basics,
    camera_row_problem,
)
from patrol_app.domain.patrols import round_order
from patrol_app.domain.pile import PileNumber, PileNumberError
from patrol_app.patrols.snapshot import section_of
from patrol_app.store.patrols import PatrolStore

PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp")


def inspection_rows(cameras: Iterable[CameraEntry]) -> list[CameraInspectionRow]:
    """One line per camera of the directory, every check passed, in the order a round walks
    them (by road, section, pile; unreadable piles last, by number), numbered from 1."""
    by_number = {camera.camera_num: camera for camera in cameras}
    walkable = []
    stray = []
    for camera in by_number.values():
        try:
            walkable.append((camera.camera_num, section_of(camera), PileNumber.parse(camera.pile)))
        except PileNumberError:
            stray.append(camera.camera_num)
    order = round_order(walkable) + sorted(stray)
    return [
        CameraInspectionRow(seq=seq, camera=camera_basics(by_number[number]))
        for seq, number in enumerate(order, 1)
    ]


def matches(row: CameraInspectionRow, text: str) -> bool:
    """Whether ``row`` matches the operator's filter: every word of ``text`` is in its pile,
    name, suffix, facility or camera number (case-insensitive); an empty filter matches."""
    camera = row.camera
    haystack = " ".join(
        (camera.pile, camera.name, camera.name_suffix, camera.facility, camera.camera_num)
    ).casefold()
    return all(word in haystack for word in text.casefold().split())


@dataclass(frozen=True)
class InspectionDraft:
    """What the operator filled in: the areas (software, hardware, security devices, network;
    image quality sums up the cameras), the cameras' lines, the header's contact, a note."""

    areas: Mapping[InspectionArea, AreaResult]
    rows: Sequence[CameraInspectionRow] = ()
    contact: str = ""
    phone: str = ""
    note: str = ""


def draft_problem(draft: InspectionDraft) -> str | None:
    """Why ``draft`` cannot be recorded yet, for the operator, or None."""
    for area in InspectionArea:
        result = draft.areas.get(area)
        if result is None:
            return f"请填写“{area.label}”的巡查结果"
        if not result.ok and not result.text.strip():
            return f"“{area.label}”有问题，请说明"
    for row in draft.rows:
        problem = camera_row_problem(row)
        if problem is not None:
            return problem
    return None


def record_inspection(
    store: PatrolStore, draft: InspectionDraft, *, operator: str, now: datetime
) -> int:
    """Blocking: records ``draft`` (PatrolStoreError when a line cannot be recorded)."""
    return store.inspections.record_inspection(
        operator,
        {area: (result.ok, result.text.strip()) for area, result in draft.areas.items()},
        note=draft.note.strip(),
        now=now,
        pictures={area: result.picture for area, result in draft.areas.items() if result.picture},
        cameras=draft.rows,
        contact=draft.contact.strip(),
        phone=draft.phone.strip(),
    )


def inspection_sheet(store: PatrolStore, inspection_id: int) -> InspectionSheet:
    """Blocking: an inspection as the Appendix C table prints it (R-2); PatrolStoreError when
    there is no such inspection."""
    return store.inspections.sheet(inspection_id)


def keep_picture(source: Path, folder: Path, stem: str) -> Path:
    """Blocking: a copy of the picture file ``source`` in ``folder`` as ``<stem><suffix>``
    (``<stem>-2``... when taken), so that the record does not depend on where the operator
    found it. OSError when it cannot be read or written; ValueError for a file that is not a
    picture."""
    suffix = source.suffix.lower()
    if suffix not in PICTURE_SUFFIXES:
        raise ValueError(f"不是图片文件：{source.name}（支持 {' '.join(PICTURE_SUFFIXES)}）")
    folder.mkdir(parents=True, exist_ok=True)
    number = 1
    while True:
        target = folder / (f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}")
        try:
            with source.open("rb") as reading, target.open("xb") as writing:
                shutil.copyfileobj(reading, writing)
        except FileExistsError:
            number += 1
            continue
        return target
