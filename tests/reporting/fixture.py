"""A fixture database of one Beijing day (10 June 2025) for the report tests: two rounds
with their records (P-6), an anomaly handled to its end (P-5), a fault responded to late then
repaired and verified, one still open (F-1, F-2), an equipment inspection of the cameras
(P-8, R-2), on the three cameras of
tests/patrols/helpers.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from patrol_app.domain.events import CheckOutcome, StepKind
from patrol_app.domain.faults import FaultKind, FaultState
from patrol_app.domain.inspections import (
    CameraCheck,
    CameraInspectionRow,
    InspectionArea,
    camera_basics,
)
from patrol_app.domain.records import CheckInput
from patrol_app.patrols.snapshot import join_lists
from patrol_app.platform.sharing import CameraEntry
from patrol_app.store.patrols import PatrolStore
from tests.patrols.helpers import OPERATOR, T0, THREE

SECTION_NAME = "京珠北段"
NOW = T0 + timedelta(hours=10)  # 19:00 Beijing, the same day
ACCIDENT_NOTE = "两车追尾，占用第二车道"
FAULT_NOTE = "画面被树枝遮挡"
OPEN_FAULT_NOTE = "图像持续花屏跳动"
INSPECTION_NOTE = "树枝遮挡画面左侧"
INSPECTION_HANDLING = "已安排养护单位 6 月 11 日修剪"
PHONE = "0751-8888888"


@dataclass(frozen=True)
class Fixture:
    store: PatrolStore
    cameras: dict[str, CameraEntry]
    closed_fault: int
    open_fault: int


def _check(
    store: PatrolStore, round_id: int | None, camera: CameraEntry, at: datetime, **extra: object
) -> tuple[int | None, int | None]:
    saved = store.rounds.record_check(
        CheckInput(
            round_id=round_id,
            camera_num=camera.camera_num,
            camera_name=camera.name,
            pile=camera.pile,
            operator=OPERATOR,
            checked_at=at,
            checklist_version=1,
            **extra,  # type: ignore[arg-type]
        )
    )
    return saved.event_id, saved.fault_id


def fill(store: PatrolStore) -> Fixture:
    """The day's records, written as the workstation writes them."""
    mainline, toll, tunnel = THREE
    join_lists(store, THREE, T0 - timedelta(hours=1))
    first = store.rounds.start_round(OPERATOR, [c.camera_num for c in THREE], T0)
    _check(store, first.id, mainline, T0 + timedelta(minutes=5), outcome=CheckOutcome.NORMAL)
    event, _ = _check(
        store,
        first.id,
        toll,
        T0 + timedelta(minutes=10),
        outcome=CheckOutcome.ANOMALY,
        items=("accident",),
        note=ACCIDENT_NOTE,
    )
    assert event is not None
    _, fault = _check(
        store,
        first.id,
        tunnel,
        T0 + timedelta(minutes=15),
        outcome=CheckOutcome.FAULT,
        fault_kind=FaultKind.OCCLUDED,
        note=FAULT_NOTE,
    )
    assert fault is not None
    for minutes, kind, detail in (
        (12, StepKind.NOTIFY, "已通知交警高速大队、路政"),
        (20, StepKind.SIGN, "K1845 南行情报板：前方事故 减速慢行"),
        (50, StepKind.CLOSE, "事故车辆已拖离，车道恢复通行"),
    ):
        store.events.add_event_step(
            event, kind, detail, operator=OPERATOR, now=T0 + timedelta(minutes=minutes)
        )
    store.rounds.close_round(
        first.id,
        equipment_condition="设备运行正常",
        handover_pile="K1856+300",
        now=T0 + timedelta(minutes=55),
    )
    second = store.rounds.start_round(
        OPERATOR, [c.camera_num for c in THREE], T0 + timedelta(hours=2)
    )
    for index, camera in enumerate(THREE):
        _check(
            store,
            second.id,
            camera,
            T0 + timedelta(hours=2, minutes=5 * index),
            outcome=CheckOutcome.NORMAL,
        )
    _, open_fault = _check(
        store,
        None,
        mainline,
        T0 + timedelta(hours=4),
        outcome=CheckOutcome.FAULT,
        fault_kind=FaultKind.JUMPING,
        note=OPEN_FAULT_NOTE,
    )
    assert open_fault is not None
    store.rounds.close_round(
        second.id,
        equipment_condition="隧道摄像机遮挡已报修",
        handover_pile="K1844+650",
        now=T0 + timedelta(hours=2, minutes=30),
    )
    # Responded late (3 h 15 min > 2 h), repaired in time, verified.
    for hours, state, note in (
        (3.25, FaultState.RESPONDED, "养护中心已接报"),
        (5, FaultState.REPAIRED, "树枝已清理"),
        (6, FaultState.VERIFIED, "图像恢复正常"),
    ):
        store.faults.transition_fault(
            fault, state, note=note, operator=OPERATOR, now=T0 + timedelta(hours=hours)
        )
    store.inspections.record_inspection(
        OPERATOR,
        {area: (True, "") for area in InspectionArea},
        note="设备巡查：隧道摄像机镜头被遮挡",
        now=T0 + timedelta(hours=1),
        cameras=[
            CameraInspectionRow(
                seq,
                camera_basics(camera),
                frozenset({CameraCheck.OCCLUDED, CameraCheck.LENS_CLEAN})
                if camera is tunnel
                else frozenset(),
                note=INSPECTION_NOTE if camera is tunnel else "",
                handling=INSPECTION_HANDLING if camera is tunnel else "",
            )
            for seq, camera in enumerate(THREE, start=1)
        ],
        contact=OPERATOR,
        phone=PHONE,
    )
    return Fixture(store, {c.camera_num: c for c in THREE}, fault, open_fault)
