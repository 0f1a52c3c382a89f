"""Shift handovers (P-7): the content kept as handed over."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from patrol_app.domain.events import CheckOutcome, StepKind
from patrol_app.domain.faults import FaultKind
from patrol_app.domain.records import EventStep, EventView, FaultView, HandoverContent
from patrol_app.store.models import Handover
from patrol_app.store.patrol_base import PatrolStoreError
from patrol_app.store.patrols import PatrolStore
from tests.store.patrol_helpers import CAMERAS, NOW, OPERATOR, check, count, minutes

# Handover (P-7).


def handover_content(store: PatrolStore) -> HandoverContent:
    event_saved = store.rounds.record_check(
        check(None, "c1", NOW - minutes(30), CheckOutcome.ANOMALY, items=("accident",))
    )
    assert event_saved.event_id is not None
    store.events.add_event_step(
        event_saved.event_id, StepKind.NOTIFY, "交警", operator=OPERATOR, now=NOW - minutes(25)
    )
    store.rounds.record_check(check(None, "c3", NOW - minutes(20), CheckOutcome.UNPLAYABLE))
    return HandoverContent(
        duties="夜班：重点关注大岭隧道",
        equipment_condition="c3 无法播放，已报修",
        open_events=tuple(store.events.open_events()),
        open_faults=tuple(store.faults.open_faults()),
        due_next_hour=(("c2", CAMERAS["c2"][0], NOW + minutes(40)),),
    )


def test_a_handover_is_accepted_once_and_records_both_names(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    assert store.handovers.pending_handover() is None and store.handovers.last_handover() is None
    content = handover_content(store)
    handed = store.handovers.hand_over(OPERATOR, content, now=NOW)
    assert (handed.outgoing, handed.created_at, handed.incoming, handed.accepted_at) == (
        OPERATOR,
        NOW,
        None,
        None,
    )
    pending = store.handovers.pending_handover()
    assert pending == handed and pending.content == content
    # What was handed over stays as it was, whatever happens to the events afterwards.
    store.events.add_event_step(
        content.open_events[0].id, StepKind.CLOSE, "", operator="值班员乙", now=NOW + minutes(1)
    )
    store.handovers.accept_handover(handed.id, "值班员乙", now=NOW + minutes(2))
    assert store.handovers.pending_handover() is None
    accepted = store.handovers.last_handover()
    assert accepted is not None
    assert (accepted.id, accepted.outgoing, accepted.incoming, accepted.accepted_at) == (
        handed.id,
        OPERATOR,
        "值班员乙",
        NOW + minutes(2),
    )
    assert accepted.content == content
    with pytest.raises(PatrolStoreError, match="已由 值班员乙 于 2026-11-25 08:02 接班"):
        store.handovers.accept_handover(handed.id, "值班员丙", now=NOW + minutes(3))
    with pytest.raises(PatrolStoreError, match="不存在"):
        store.handovers.accept_handover(handed.id + 1, "值班员丙", now=NOW + minutes(3))
    assert count(sessions, "handover_accept") == 1


def test_pending_handover_is_the_latest_when_not_accepted(store: PatrolStore) -> None:
    empty = HandoverContent("", "", (), (), ())
    forgotten = store.handovers.hand_over(OPERATOR, empty, now=NOW)
    second = store.handovers.hand_over("值班员乙", empty, now=NOW + timedelta(hours=12))
    assert store.handovers.pending_handover() == second
    store.handovers.accept_handover(second.id, "值班员丙", now=NOW + timedelta(hours=12, minutes=5))
    assert store.handovers.pending_handover() is None  # the forgotten one is superseded
    last = store.handovers.last_handover()
    assert last is not None and (last.id, last.incoming) == (second.id, "值班员丙")
    assert forgotten.id != second.id


# A row as the hand-written codec wrote it before the content went through pydantic (issue 12).
FORMER_CONTENT = (
    '{"duties": "夜班：重点关注大岭隧道", "equipment_condition": "c3 无法播放，已报修", '
    '"open_events": [{"id": 7, "camera_num": "c1", "camera_name": "京港澳高速大岭隧道进口", '
    '"pile": "K1844+650", "check_id": 11, "opened_at": "2026-11-24T23:30:00+00:00", '
    '"opened_by": "值班员甲", "items": ["accident"], "note": "两车追尾", '
    '"snapshot": "/data/snapshots/c1.jpg", "steps": [{"id": 3, "kind": "notify", '
    '"detail": "交警", "operator": "值班员甲", "at": "2026-11-24T23:35:00+00:00"}]}], '
    '"open_faults": [{"id": 5, "camera_num": "c3", "camera_name": "京港澳高速北江特大桥", '
    '"pile": "K1850+000", "kind": "missing", "note": "无法播放", '
    '"found_at": "2026-11-24T23:40:00+00:00", "found_by": "值班员甲", "check_id": 12, '
    '"closed_at": null}], '
    '"due_next_hour": [["c2", "京港澳高速大岭隧道出口", "2026-11-25T00:40:00+00:00"]]}'
)


def test_a_handover_stored_in_the_former_format_still_reads(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    with sessions.begin() as session:
        session.add(Handover(created_at=NOW, outgoing=OPERATOR, content=FORMER_CONTENT))
    handed = store.handovers.last_handover()
    assert handed is not None
    assert handed.content == HandoverContent(
        duties="夜班：重点关注大岭隧道",
        equipment_condition="c3 无法播放，已报修",
        open_events=(
            EventView(
                7,
                "c1",
                "京港澳高速大岭隧道进口",
                "K1844+650",
                11,
                NOW - minutes(30),
                OPERATOR,
                ("accident",),
                "两车追尾",
                (EventStep(3, StepKind.NOTIFY, "交警", OPERATOR, NOW - minutes(25)),),
                "/data/snapshots/c1.jpg",
            ),
        ),
        open_faults=(
            FaultView(
                5,
                "c3",
                "京港澳高速北江特大桥",
                "K1850+000",
                FaultKind.MISSING,
                "无法播放",
                NOW - minutes(20),
                OPERATOR,
                12,
                None,
            ),
        ),
        due_next_hour=(("c2", "京港澳高速大岭隧道出口", NOW + minutes(40)),),
    )
    assert handed.content.open_events[0].opened_at.utcoffset() == timedelta(0)
    # Written again and read back, it is the same content.
    again = store.handovers.hand_over(OPERATOR, handed.content, now=NOW + minutes(1))
    assert store.handovers.last_handover() == again
