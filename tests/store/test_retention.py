"""Retention: only ``purge_expired`` deletes patrol records, never under a year."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from patrol_app.domain.events import CheckOutcome, StepKind
from patrol_app.domain.faults import FaultKind, FaultState
from patrol_app.domain.patrols import ListEntry, SiteType, WarningLevel, WeatherKind, WeatherWarning
from patrol_app.domain.records import HandoverContent
from patrol_app.store.patrols import PatrolStore
from patrol_app.store.retention import MIN_RETENTION
from tests.store.patrol_helpers import NOW, OPERATOR, PATROL_TABLES, SECTION, check, count, minutes

# Retention.


def test_retention_under_a_year_is_refused(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    store.inspections.record_inspection(OPERATOR, {}, note="", now=NOW - timedelta(days=400))
    with pytest.raises(ValueError, match="366"):
        store.retention.purge_expired(NOW, timedelta(days=365))
    assert count(sessions, "equipment_inspection") == 1


@pytest.fixture
def aged(store: PatrolStore) -> dict[str, Any]:
    """Records made 367 days ago (expired) and 365 days ago (kept), of every kind."""
    old, recent = NOW - timedelta(days=367), NOW - timedelta(days=365)
    ids: dict[str, Any] = {"old": old, "recent": recent}
    # A closed round whose event and fault were closed: all of it goes.
    gone = store.rounds.start_round(OPERATOR, ["c1", "c2", "c3"], old)
    store.rounds.record_check(check(gone.id, "c1", old))
    crash = store.rounds.record_check(check(gone.id, "c2", old, CheckOutcome.ANOMALY))
    broken = store.rounds.record_check(
        check(gone.id, "c3", old, CheckOutcome.FAULT, fault_kind=FaultKind.UNCLEAR)
    )
    assert crash.event_id is not None and broken.fault_id is not None
    store.events.add_event_step(crash.event_id, StepKind.NOTIFY, "路政", operator=OPERATOR, now=old)
    store.events.add_event_step(crash.event_id, StepKind.CLOSE, "", operator=OPERATOR, now=old)
    store.faults.transition_fault(
        broken.fault_id, FaultState.CANCELLED, note="误报", operator=OPERATOR, now=old
    )
    store.rounds.close_round(gone.id, equipment_condition="", handover_pile="", now=old)
    # A closed old round whose event is still open: kept whole.
    held = store.rounds.start_round(OPERATOR, ["c4"], old)
    ids["open_event"] = store.rounds.record_check(
        check(held.id, "c4", old, CheckOutcome.ANOMALY)
    ).event_id
    ids["held_record"] = store.rounds.close_round(
        held.id, equipment_condition="", handover_pile="", now=old
    )
    # An old round never closed: kept.
    ids["unclosed"] = store.rounds.start_round("值班员乙", ["c2"], old).id
    store.rounds.record_check(check(ids["unclosed"], "c2", old + minutes(1), operator="值班员乙"))
    # Checks outside rounds: the old one goes, the one with an open fault and the recent one stay.
    store.rounds.record_check(check(None, "c1", old + minutes(2)))
    ids["open_fault"] = store.rounds.record_check(
        check(None, "c3", old + minutes(3), CheckOutcome.UNPLAYABLE)
    ).fault_id
    store.rounds.record_check(check(None, "c1", recent))
    # A recent round: kept.
    fresh = store.rounds.start_round(OPERATOR, ["c2"], recent)
    store.rounds.record_check(check(fresh.id, "c2", recent))
    ids["fresh_record"] = store.rounds.close_round(
        fresh.id, equipment_condition="", handover_pile="", now=recent
    )
    # Handovers: the accepted old one goes; an unaccepted old one and a recent one stay.
    empty = HandoverContent("", "", (), (), ())
    accepted = store.handovers.hand_over(OPERATOR, empty, now=old)
    store.handovers.accept_handover(accepted.id, "值班员乙", now=old)
    ids["unaccepted"] = store.handovers.hand_over(OPERATOR, empty, now=old).id
    ids["handover"] = store.handovers.hand_over(OPERATOR, empty, now=recent).id
    store.handovers.accept_handover(ids["handover"], "值班员乙", now=recent)
    # Inspections.
    store.inspections.record_inspection(OPERATOR, {}, note="", now=old)
    ids["inspection"] = store.inspections.record_inspection(OPERATOR, {}, note="", now=recent)
    # List changes: c1's first change was superseded before the cutoff (goes); its second
    # was in force until a recent change (stays); c2's only change is its current entry.
    store.lists.join_new({"c1": SiteType.MAINLINE}, old - timedelta(days=1))
    store.lists.change_list(
        "c1", ListEntry(SiteType.TUNNEL, True, True, old), changed_by="主管", now=old
    )
    store.lists.change_list(
        "c1", ListEntry(SiteType.VIADUCT, True, True, recent), changed_by="主管", now=recent
    )
    store.lists.join_new({"c2": SiteType.RAMP}, old - timedelta(days=1))
    # Warnings: one ended before the cutoff (both versions go), one ended after, one open.
    for name, ends in (("ended", old), ("ended_recently", recent), ("open", None)):
        ids[name] = store.weather.add_warning(
            WeatherWarning(SECTION, WarningLevel.ORANGE, WeatherKind.FOG, old - timedelta(days=1)),
            recorded_by=OPERATOR,
            now=old - timedelta(days=1),
        )
        if ends is not None:
            store.weather.end_warning(ids[name], ends, recorded_by=OPERATOR, now=ends)
    return ids


def test_purge_deletes_only_what_is_older_than_the_retention(
    store: PatrolStore, sessions: sessionmaker[Session], aged: dict[str, Any]
) -> None:
    old, recent = aged["old"], aged["recent"]
    before = {table: count(sessions, table) for table in PATROL_TABLES}
    deleted = store.retention.purge_expired(NOW, MIN_RETENTION)
    after = {table: count(sessions, table) for table in PATROL_TABLES}
    gone = {
        table: before[table] - after[table]
        for table in PATROL_TABLES
        if before[table] != after[table]
    }
    assert gone == {
        "patrol_round": 1,
        "patrol_record": 1,
        "patrol_check": 4,  # the closed round's three and the old one outside rounds
        "patrol_event": 1,
        "patrol_event_step": 2,
        "video_fault": 1,
        "video_fault_transition": 1,
        "handover": 1,
        "handover_accept": 1,
        "equipment_inspection": 1,
        "patrol_list_change": 1,
        "weather_warning": 2,
    }
    assert deleted == sum(gone.values())
    assert store.retention.purge_expired(NOW, MIN_RETENTION) == 0
    # What stays.
    assert store.rounds.records(old - timedelta(days=1), NOW) == [
        aged["held_record"],
        aged["fresh_record"],
    ]
    assert [event.id for event in store.events.open_events()] == [aged["open_event"]]
    assert [fault.id for fault in store.faults.open_faults()] == [aged["open_fault"]]
    unclosed = store.rounds.open_round("值班员乙")
    assert unclosed is not None and unclosed.id == aged["unclosed"] and len(unclosed.checks) == 1
    assert store.rounds.patrol_times(old - timedelta(days=1), NOW) == {
        "c1": [recent],
        "c2": [old + minutes(1), recent],
        "c3": [old + minutes(3)],
        "c4": [old],
    }
    assert [item.id for item in store.inspections.inspections(old - timedelta(days=1), NOW)] == [
        aged["inspection"]
    ]
    assert [change.changed_at for change in store.lists.list_history("c1")] == [old, recent]
    assert [change.changed_at for change in store.lists.list_history("c2")] == [
        old - timedelta(days=1)
    ]
    assert [item.id for item in store.weather.warnings()] == [aged["ended_recently"], aged["open"]]
    assert store.weather.warnings()[0].warning.ends_at == recent
    assert store.handovers.pending_handover() is None
    last = store.handovers.last_handover()
    assert last is not None and last.id == aged["handover"]
    with sessions() as session:
        handovers = session.execute(text("select id from handover order by id")).scalars().all()
    assert handovers == [aged["unaccepted"], aged["handover"]]


def test_a_longer_retention_keeps_more(
    store: PatrolStore, sessions: sessionmaker[Session], aged: dict[str, Any]
) -> None:
    assert store.retention.purge_expired(NOW, timedelta(days=368)) == 0
    assert store.retention.purge_expired(NOW + timedelta(days=2), timedelta(days=368)) > 0
