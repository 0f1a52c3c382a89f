"""Shift handover (P-7) without a display: what is handed over, who may accept it."""

from __future__ import annotations

from datetime import timedelta

from patrol_app.domain.events import CheckOutcome
from patrol_app.domain.faults import FaultKind
from patrol_app.patrols.handover import (
    accept_handover,
    hand_over,
    handover_content,
    may_accept,
)
from patrol_app.store.patrols import PatrolStore
from tests.patrols.helpers import OPERATOR, T0, THREE, TOLL, TUNNEL, check, snapshot_at

INCOMING = "值班员乙"


def test_hand_over_then_accept(patrol_store: PatrolStore) -> None:
    snapshot_at(patrol_store, THREE, T0)
    check(patrol_store, TUNNEL, T0, CheckOutcome.ANOMALY, items=("fire",))
    check(patrol_store, TOLL, T0, CheckOutcome.FAULT, fault_kind=FaultKind.OCCLUDED)
    now = T0 + timedelta(minutes=10)
    snapshot = snapshot_at(patrol_store, THREE, now)
    content = handover_content(snapshot, now, duties=" 盯住隧道 ", equipment_condition=" 3 路在线 ")
    assert (content.duties, content.equipment_condition) == ("盯住隧道", "3 路在线")
    assert content.open_events == snapshot.open_events and len(content.open_events) == 1
    assert content.open_faults == snapshot.open_faults and len(content.open_faults) == 1
    assert [number for number, _name, _deadline in content.due_next_hour] == ["t1"]
    empty = handover_content(None, now, duties="", equipment_condition="")
    assert (empty.open_events, empty.open_faults, empty.due_next_hour) == ((), (), ())

    view = hand_over(patrol_store, OPERATOR, content, now)
    assert view.incoming is None and view.created_at == now
    assert not may_accept(view, OPERATOR) and not may_accept(view, "  ")
    assert not may_accept(None, INCOMING)
    assert may_accept(view, f" {INCOMING} ")
    accepted = accept_handover(patrol_store, view, f" {INCOMING} ", now + timedelta(minutes=3))
    assert (accepted.incoming, accepted.accepted_at) == (INCOMING, now + timedelta(minutes=3))
    assert patrol_store.last_handover() == accepted
    assert not may_accept(accepted, "值班员丙")
