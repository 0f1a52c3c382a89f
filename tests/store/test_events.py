"""Events and their handling steps (P-5), video faults (F-1)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from patrol_app.domain.events import CheckOutcome, StepKind
from patrol_app.store.patrol_base import PatrolStoreError
from patrol_app.store.patrols import PatrolStore
from tests.store.patrol_helpers import NOW, OPERATOR, check, count, minutes

# Events (P-5) and faults (F-1).


def test_event_steps_are_recorded_until_the_close(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    saved = store.rounds.record_check(
        check(None, "c1", NOW, CheckOutcome.ANOMALY, items=("smoke_fire",), note="隧道内冒烟")
    )
    assert saved.event_id is not None
    steps = [
        (StepKind.WATCH, "", NOW + minutes(1)),
        (StepKind.NOTIFY, "路政、消防", NOW + minutes(2)),
        (StepKind.SIGN, "K1840 情报板：前方隧道火情，减速慢行", NOW + minutes(3)),
        (StepKind.PLAN, "隧道火灾应急预案", NOW + minutes(4)),
        (StepKind.REPORT, "报省监控中心", NOW + minutes(5)),
    ]
    ids = [
        store.events.add_event_step(saved.event_id, kind, detail, operator=OPERATOR, now=at)
        for kind, detail, at in steps
    ]
    opened = store.events.event(saved.event_id)
    assert [(s.id, s.kind, s.detail, s.at) for s in opened.steps] == [
        (step_id, *step) for step_id, step in zip(ids, steps, strict=True)
    ]
    assert not opened.closed and store.events.open_events() == [opened]
    store.events.add_event_step(
        saved.event_id, StepKind.CLOSE, "明火已扑灭", operator="值班员乙", now=NOW + minutes(40)
    )
    closed = store.events.event(saved.event_id)
    assert closed.closed and closed.steps[-1].operator == "值班员乙"
    assert store.events.open_events() == []
    with pytest.raises(PatrolStoreError, match="已结束"):
        store.events.add_event_step(
            saved.event_id, StepKind.WATCH, "", operator=OPERATOR, now=NOW + minutes(41)
        )
    with pytest.raises(PatrolStoreError, match="不存在"):
        store.events.add_event_step(
            saved.event_id + 1, StepKind.WATCH, "", operator=OPERATOR, now=NOW
        )
    with pytest.raises(PatrolStoreError, match="不存在"):
        store.events.event(saved.event_id + 1)
    assert count(sessions, "patrol_event_step") == 6 and count(sessions, "patrol_event") == 1


def test_open_events_are_oldest_first(store: PatrolStore) -> None:
    later = store.rounds.record_check(check(None, "c2", NOW + minutes(5), CheckOutcome.ANOMALY))
    earlier = store.rounds.record_check(check(None, "c1", NOW, CheckOutcome.ANOMALY))
    assert [event.id for event in store.events.open_events()] == [earlier.event_id, later.event_id]
