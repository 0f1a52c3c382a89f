"""A fault's repair request (报修单, F-1) as PDF bytes: the fault's rows gathered by
``patrol_app.reporting``, rendered by ``patrol_app.reports``; the section and the
maintenance unit are those of the fault's camera in the directory. Blocking (store read,
rendering): the fault window calls it through its task runner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from patrol_app.domain.camera import CameraEntry
from patrol_app.reporting.faults import gather_repair_request
from patrol_app.reports import render_repair_request
from patrol_app.store.patrols import PatrolStore


@dataclass(frozen=True)
class RepairDocument:
    number: str  # 报修单号
    pdf: bytes


def repair_request_pdf(
    store: PatrolStore,
    fault_id: int,
    camera: CameraEntry | None,
    *,
    operator: str,
    now: datetime,
    phone: str = "",
) -> RepairDocument:
    """The repair request of fault ``fault_id``, requested by ``operator`` at ``now``;
    PatrolStoreError when there is no such fault."""
    section = f"{camera.road_name}{camera.road_sec}" if camera is not None else ""
    request = gather_repair_request(
        store,
        fault_id,
        section_name=section,
        maintainer=camera.department if camera is not None else "",
        operator=operator,
        phone=phone,
        now=now,
    )
    return RepairDocument(request.number, render_repair_request(request))
