"""A shift's records of every kind, for the history's tests (store, use case, window)."""

from __future__ import annotations

from patrol_app.domain.events import CheckOutcome, StepKind
from patrol_app.domain.faults import FaultKind
from patrol_app.domain.inspections import (
    CameraBasics,
    CameraCheck,
    CameraInspectionRow,
    InspectionArea,
)
from patrol_app.domain.records import HandoverContent
from patrol_app.store.patrols import PatrolStore
from tests.store.patrol_helpers import CAMERAS, NOW, OPERATOR, check, minutes


def camera_line(seq: int, camera_num: str, *, ok: bool) -> CameraInspectionRow:
    """A camera's line of the inspection's Appendix C table; a failed one is occluded."""
    name, pile = CAMERAS[camera_num]
    basics = CameraBasics(
        camera_num, "京珠北段", "京港澳高速", pile, "", "", name, "", "在线", "上行"
    )
    if ok:
        return CameraInspectionRow(seq, basics)
    failed = frozenset({CameraCheck.OCCLUDED})
    return CameraInspectionRow(seq, basics, failed, note="树枝遮挡", handling="已报修")


def fill_a_shift(store: PatrolStore) -> dict[str, int]:
    """A round over the four cameras (an anomaly at c1 handled and closed, a fault at c3),
    its record, a check corrected later, an inspection and a handover."""
    walked = store.rounds.start_round(OPERATOR, ["c1", "c2", "c3", "c4"], NOW)
    anomaly = store.rounds.record_check(
        check(walked.id, "c1", NOW + minutes(1), CheckOutcome.ANOMALY, items=("smoke_fire",))
    )
    assert anomaly.event_id is not None
    store.events.add_event_step(
        anomaly.event_id, StepKind.CLOSE, "已处置", operator=OPERATOR, now=NOW + minutes(20)
    )
    normal = store.rounds.record_check(check(walked.id, "c2", NOW + minutes(2)))
    fault = store.rounds.record_check(
        check(
            walked.id,
            "c3",
            NOW + minutes(3),
            CheckOutcome.FAULT,
            fault_kind=FaultKind.OCCLUDED,
            note="镜头被遮挡",
        )
    )
    store.rounds.record_check(check(walked.id, "c4", NOW + minutes(4)))
    record = store.rounds.close_round(
        walked.id, equipment_condition="正常", handover_pile="K1853+300", now=NOW + minutes(5)
    )
    correction = store.rounds.record_check(
        check(
            None,
            "c2",
            NOW + minutes(30),
            CheckOutcome.ANOMALY,
            items=("spilled_object",),
            note="复看发现路面抛洒物",
            corrects=normal.check_id,
        )
    )
    inspection = store.inspections.record_inspection(
        "值班员乙",
        {InspectionArea.SOFTWARE: (False, "接口超时")},
        note="",
        now=NOW + minutes(40),
        cameras=[camera_line(1, "c1", ok=True), camera_line(2, "c3", ok=False)],
    )
    content = HandoverContent("巡查", "正常", (), (), ())
    handover = store.handovers.hand_over(OPERATOR, content, now=NOW + minutes(50))
    store.handovers.accept_handover(handover.id, "值班员乙", now=NOW + minutes(55))
    assert fault.fault_id is not None and correction.event_id is not None
    return {
        "record": record.id,
        "normal": normal.check_id,
        "correction": correction.check_id,
        "fault": fault.fault_id,
        "event": anomaly.event_id,
        "inspection": inspection,
        "handover": handover.id,
    }
