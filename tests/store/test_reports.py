"""The reports' period read (R-1): the events opened in a period, with all their steps, on
SQLite and PostgreSQL."""

from __future__ import annotations

from patrol_app.domain.events import CheckOutcome, StepKind
from patrol_app.store.patrols import PatrolStore
from tests.store.patrol_helpers import NOW, OPERATOR, check, minutes


def test_the_events_opened_in_a_period_with_their_steps(store: PatrolStore) -> None:
    opened = []
    for offset, camera in ((-1, "c1"), (0, "c2"), (59, "c3"), (60, "c4")):
        saved = store.rounds.record_check(
            check(None, camera, NOW + minutes(offset), CheckOutcome.ANOMALY, note=camera)
        )
        assert saved.event_id is not None
        opened.append(saved.event_id)
    store.events.add_event_step(opened[1], StepKind.NOTIFY, "路政", operator=OPERATOR, now=NOW)
    store.events.add_event_step(
        opened[1], StepKind.CLOSE, "已处置", operator=OPERATOR, now=NOW + minutes(90)
    )
    events = store.reports.events(NOW, NOW + minutes(60))  # [start, end)
    assert [event.camera_num for event in events] == ["c2", "c3"]
    assert [step.kind for step in events[0].steps] == [StepKind.NOTIFY, StepKind.CLOSE]
    assert events[0].closed and not events[1].closed
    assert store.reports.events(NOW + minutes(61), NOW + minutes(120)) == []
