"""The patrol round (P-3 of issue 5, P-4..P-6, F-1, spec 12.3.3 a): which camera comes next,
what a check of it records, and the round's record when it is closed.

``RoundWalk`` is the round as the operator walks it (plain state, no I/O); the functions below
it are the blocking use cases, called through the task runner. Every confirmation is its own
transaction before the round moves on, so a workstation killed mid-round loses nothing
confirmed and ``resume_round`` continues at the first camera not yet recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from patrol_app.domain.checklists import ChecklistBook
from patrol_app.domain.events import CheckOutcome, StepKind
from patrol_app.domain.faults import FaultKind
from patrol_app.domain.pile import PileNumber, PileNumberError
from patrol_app.domain.records import CheckInput, CheckSaved, FirstStep, PatrolRecord, RoundState
from patrol_app.domain.snapshots import snapshot_stem
from patrol_app.patrols.events import watch_detail
from patrol_app.patrols.snapshot import PatrolSnapshot
from patrol_app.store.patrols import PatrolStore

# Texts that go into the records are Chinese whatever the UI language (see events.py).
EQUIPMENT_CONDITION = "{normal} 路正常，{anomaly} 路异常，{fault} 路视频故障"
PLATFORM_OUTAGES = "；视频平台中断 {count} 次"
NOT_IN_DIRECTORY = "摄像机已不在目录中"
NOTE_SEPARATOR = "；"

# Writes a picture of the camera under the given file stem, returns its path (OSError when
# the disk refuses it). The view makes it from the wall's frame; the use case names the file.
SaveSnapshot = Callable[[str], Path]


@dataclass(frozen=True)
class Marks:
    """What the operator marked on the current camera: checklist item codes ticked, the note
    (stripped), the presets the camera was sent to (its preset patrol, Z-5)."""

    items: tuple[str, ...] = ()
    note: str = ""
    presets: tuple[int, ...] = ()

    @property
    def finding(self) -> bool:
        """Items are ticked or a note is written."""
        return bool(self.items or self.note)

    def allow(self, outcome: CheckOutcome) -> bool:
        """Normal only without a finding, so that a habit never turns a finding into normal;
        an anomaly needs an item or a note; a fault or "cannot be played" always may."""
        if outcome is CheckOutcome.NORMAL:
            return not self.finding
        if outcome is CheckOutcome.ANOMALY:
            return self.finding
        return True


@dataclass(frozen=True)
class RoundSummary:
    """The closing form of a round, pre-filled."""

    recorded: int
    unplayable: int
    equipment_condition: str  # counts of the outcomes, and the platform's outages
    handover_pile: str  # the pile of the round's last camera


class RoundWalk:
    """One round as the operator walks it: the cameras left in round order, what each check
    confirmed, the cameras the wall could not play, and the platform outages during it."""

    def __init__(self, state: RoundState, *, platform_down: bool = False) -> None:
        self._state = state
        self._remaining: list[str] = []
        self._outcomes: dict[str, CheckOutcome] = {}
        self._piles: dict[str, str] = {}
        self._unplayable: dict[str, str] = {}  # camera -> reason the wall gave
        self._platform_down = platform_down
        self._outages = 1 if platform_down else 0  # it started during one
        self.follow(state)

    @property
    def round_id(self) -> int:
        return self._state.id

    @property
    def current(self) -> str | None:
        """The camera to check now; None when every camera is recorded (closing)."""
        return self._remaining[0] if self._remaining else None

    @property
    def position(self) -> tuple[int, int]:
        """(number of the current camera, cameras planned), from 1."""
        planned = len(self._state.planned)
        return planned - len(self._remaining) + 1, planned

    @property
    def outages(self) -> int:
        return self._outages

    def follow(self, state: RoundState) -> None:
        """The round as the records have it (at the start, or read again after a failed
        write): the cameras confirmed there are done."""
        self._state = state
        self._remaining = list(state.remaining)
        self._outcomes = {check.camera_num: check.outcome for check in state.checks}
        self._piles = {check.camera_num: check.pile for check in state.checks}

    # What the wall and the platform report.
    def set_unplayable(self, camera_num: str, reason: str) -> None:
        """The wall could not play ``camera_num`` (``reason``; empty: it plays again)."""
        if reason:
            self._unplayable[camera_num] = reason
        else:
            self._unplayable.pop(camera_num, None)

    def unplayable_reason(self, camera_num: str | None = None) -> str | None:
        """Why the camera (default: the current one) cannot be played, None when it can."""
        return self._unplayable.get(camera_num or self.current or "")

    def set_platform_down(self, down: bool) -> None:
        """The platform stopped answering (one more outage in the round's record) or answers
        again: what the wall reported meanwhile is forgotten (it reports again what still
        fails)."""
        if down and not self._platform_down:
            self._outages += 1
        if not down and self._platform_down:
            self._unplayable.clear()
        self._platform_down = down

    def show(self, snapshot: PatrolSnapshot) -> bool:
        """The current camera is shown afresh: True when it is in the directory (the wall
        tries it again), else it is marked as not to be played."""
        camera_num = self.current
        if camera_num is None:
            return False
        if camera_num not in snapshot.cameras:
            self.set_unplayable(camera_num, NOT_IN_DIRECTORY)
            return False
        self._unplayable.pop(camera_num, None)
        return True

    def check(
        self,
        outcome: CheckOutcome,
        marks: Marks,
        snapshot: PatrolSnapshot,
        *,
        operator: str,
        now: datetime,
        fault_kind: FaultKind | None = None,
    ) -> CheckInput:
        """What confirming the current camera records: items only for an anomaly, no note for
        normal, the wall's reason before the note for "cannot be played"."""
        camera_num = self.current
        assert camera_num is not None, "no camera to check: the round is being closed"
        camera = snapshot.cameras.get(camera_num)
        note = marks.note
        if outcome is CheckOutcome.UNPLAYABLE:
            reason = self._unplayable.get(camera_num, "")
            note = NOTE_SEPARATOR.join(part for part in (reason, note) if part)
        return CheckInput(
            round_id=self._state.id,
            camera_num=camera_num,
            camera_name=camera.name if camera is not None else camera_num,
            pile=camera.pile if camera is not None else "",
            outcome=outcome,
            operator=operator,
            checked_at=now,
            checklist_version=snapshot.checklist_version,
            items=marks.items if outcome is CheckOutcome.ANOMALY else (),
            note=note if outcome is not CheckOutcome.NORMAL else "",
            fault_kind=fault_kind,
            presets=marks.presets,
        )

    def recorded(self, check: CheckInput) -> None:
        """The store confirmed ``check``: the round moves on."""
        self._outcomes[check.camera_num] = check.outcome
        self._piles[check.camera_num] = check.pile
        if check.camera_num in self._remaining:
            self._remaining.remove(check.camera_num)
        self._unplayable.pop(check.camera_num, None)

    def summary(self) -> RoundSummary:
        counts = {outcome: 0 for outcome in CheckOutcome}
        for outcome in self._outcomes.values():
            counts[outcome] += 1
        condition = EQUIPMENT_CONDITION.format(
            normal=counts[CheckOutcome.NORMAL],
            anomaly=counts[CheckOutcome.ANOMALY],
            fault=counts[CheckOutcome.FAULT] + counts[CheckOutcome.UNPLAYABLE],
        )
        if self._outages:
            condition += PLATFORM_OUTAGES.format(count=self._outages)
        last = self._state.planned[-1] if self._state.planned else ""
        return RoundSummary(
            recorded=len(self._outcomes),
            unplayable=counts[CheckOutcome.UNPLAYABLE],
            equipment_condition=condition,
            handover_pile=self._piles.get(last, ""),
        )


# The use cases: blocking, called through the task runner.
@dataclass(frozen=True)
class Recorded:
    """What one confirmation left in the records."""

    saved: CheckSaved
    snapshot: str  # path of the attached snapshot, "" when none
    snapshot_error: str  # why the snapshot could not be saved, "" when it was (or none taken)
    watching: bool  # a "keep watching" step was recorded for the event it opened


def begin_round(
    store: PatrolStore, operator: str, planned: Sequence[str], now: datetime
) -> tuple[RoundState, bool]:
    """The operator's open round if there is one (True), else a new round of ``planned``."""
    state = store.rounds.open_round(operator)
    if state is not None:
        return state, True
    return store.rounds.start_round(operator, planned, now), False


def resume_round(store: PatrolStore, operator: str) -> RoundState | None:
    """The operator's round left open (the workstation was closed or killed), if any."""
    return store.rounds.open_round(operator)


def record_check(
    store: PatrolStore, check: CheckInput, save: SaveSnapshot | None, *, watch: bool
) -> Recorded:
    """The snapshot file first (so its path goes into the check), then the check and, for an
    anomaly with ``watch``, the "keep watching" step of the event it opens, in one transaction.
    A snapshot the disk refuses does not stop the finding from being recorded: the check is
    written without it and the reason comes back."""
    snapshot, problem = "", ""
    if save is not None:
        try:
            snapshot = str(save(snapshot_stem(check.pile, check.checked_at)))
        except OSError as error:
            problem = str(error)
    first = None
    if watch and check.outcome is CheckOutcome.ANOMALY:
        first = FirstStep(StepKind.WATCH, watch_detail(check.pile, check.camera_name))
    saved = store.rounds.record_check(replace(check, snapshot=snapshot), first)
    return Recorded(saved, snapshot, problem, saved.step_id is not None)


def close_round(
    store: PatrolStore,
    round_id: int,
    *,
    equipment_condition: str,
    handover_pile: str,
    checklist: ChecklistBook,
    now: datetime,
) -> PatrolRecord:
    """Write the round's record (P-6) with the closing form's text (its handover pile checked
    first with ``handover_pile_problem``); the anomalies name the items of ``checklist``
    as the operator saw them, not by their codes."""
    return store.rounds.close_round(
        round_id,
        equipment_condition=equipment_condition.strip(),
        handover_pile=handover_pile.strip(),
        now=now,
        labels={code: checklist.label(code) for code in checklist.codes()},
    )


def handover_pile_problem(handover_pile: str) -> str | None:
    """Why the closing form's handover pile cannot be recorded (for the operator: it must
    read as a pile number), None when it can."""
    try:
        PileNumber.parse(handover_pile.strip())
    except PileNumberError as error:
        return str(error)
    return None
