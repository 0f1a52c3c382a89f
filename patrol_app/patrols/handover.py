"""Shift handover (交接班, P-7, spec 12.3.1): what the outgoing operator hands over, and who may
accept it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from patrol_app.patrols.snapshot import PatrolSnapshot
from patrol_app.store.patrols import HandoverContent, HandoverView, PatrolStore


def handover_content(
    snapshot: PatrolSnapshot | None, now: datetime, *, duties: str, equipment_condition: str
) -> HandoverContent:
    """What a handover made at ``now`` keeps: the open events and faults and the patrols due
    in the next hour as ``snapshot`` has them (nothing without one), and the texts."""
    if snapshot is None:
        return HandoverContent(duties.strip(), equipment_condition.strip(), (), (), ())
    return HandoverContent(
        duties=duties.strip(),
        equipment_condition=equipment_condition.strip(),
        open_events=snapshot.open_events,
        open_faults=snapshot.open_faults,
        due_next_hour=snapshot.due_soon(now),
    )


def may_accept(view: HandoverView | None, incoming: str) -> bool:
    """A handover not yet accepted is accepted by someone named, not its outgoing operator."""
    name = incoming.strip()
    return view is not None and view.incoming is None and bool(name) and name != view.outgoing


def hand_over(
    store: PatrolStore, outgoing: str, content: HandoverContent, now: datetime
) -> HandoverView:
    """Blocking: record the handover; it waits for the incoming operator."""
    return store.hand_over(outgoing, content, now=now)


def accept_handover(
    store: PatrolStore, view: HandoverView, incoming: str, now: datetime
) -> HandoverView:
    """Blocking: ``incoming`` accepts ``view``; the handover as it now stands."""
    store.accept_handover(view.id, incoming.strip(), now=now)
    return replace(view, incoming=incoming.strip(), accepted_at=now)
