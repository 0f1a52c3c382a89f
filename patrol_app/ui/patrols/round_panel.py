"""The patrol round beside the wall (P-3 of issue 5, spec 12.3.3 a): the due cameras one by one
in pile order along the road, each played in the wall's patrol tile with its checklist beside
it, and what the operator confirmed for it.

Keyboard, while the panel has the focus (the wall keeps its other keys when it has it):

- Return / Enter: normal and next (or "cannot be played" once the tile reported its stream
  failed); refused while checklist items are ticked or a note is written, so that a habit
  never turns a finding into "normal". While a round runs, Enter on the main window's wall
  is the round's too (``enter``): a click on a tile does not turn it into "enlarge";
- Ctrl+Return / Ctrl+Enter: anomaly (the ticked items, the note and the tile's snapshot);
- Ctrl+F: video fault, with the kind picked from a menu (digits 1-5 in it);
- Ctrl+D: cannot be played;
- Alt+1..Alt+9: tick or untick a checklist item;
- Ctrl+Right: the next preset of the camera's preset patrol.

A camera with preset patrols (Z-5, 12.3.3b) runs its first one as soon as it is shown, so
that the check covers every important view: the panel says which preset is on and how many
were seen; the operator can move to the next preset, pick another patrol, stop it or run it
again. Confirming the camera stops it, the camera staying where it is.

Every confirmation is written through the model's runner and the round moves on only once
the store has confirmed it: a workstation killed mid-round loses nothing confirmed, and
``resume`` continues at the first camera not yet recorded.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.events import CheckOutcome
from patrol_app.domain.faults import FaultKind
from patrol_app.domain.records import CheckInput, PatrolRecord, RoundState
from patrol_app.patrols.rounds import (
    Recorded,
    RoundWalk,
    SaveSnapshot,
    begin_round,
    close_round,
    handover_pile_problem,
    record_check,
    resume_round,
)
from patrol_app.patrols.snapshot import PatrolSnapshot
from patrol_app.ui.patrols.model import PatrolModel
from patrol_app.ui.patrols.round_pages import MAX_ITEM_KEYS, CheckPage, ClosingPage, IdlePage
from patrol_app.ui.patrols.round_presets import PresetPatrolBox
from patrol_app.ui.preset_patrols import Goto, PresetPatrolSource
from patrol_app.ui.video.snapshot_files import save_jpeg
from patrol_app.ui.widgets.message_line import MessageLine

IDLE, CHECK, CLOSING = range(3)  # the panel's pages


class PatrolRoundPanel(QWidget):
    """Walks the operator through a round; the main window plays what it asks for."""

    play_requested = Signal(str)  # play this camera in the wall's patrol tile
    pin_requested = Signal(str)  # keep watching this camera: pin it to a tile of its own
    event_opened = Signal(int)  # an anomaly opened this event
    round_finished = Signal(object)  # the PatrolRecord of the closed round
    running_changed = Signal(bool)

    def __init__(
        self,
        model: PatrolModel,
        *,
        snapshot_dir: Path,
        grab: Callable[[str], QImage | None],
        preset_patrols: PresetPatrolSource | None = None,
        goto: Goto | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        """``preset_patrols`` and ``goto`` (the PTZ control's preset recall): run a camera's
        preset patrol during its check; without them the camera is shown as it points."""
        super().__init__(parent)
        self.setObjectName("patrolRound")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._model = model
        self._snapshot_dir = snapshot_dir
        self._grab = grab
        self._walk: RoundWalk | None = None
        self._busy = False
        self._resyncing = False
        self._resume_waiting = False
        self._platform_down = ""  # what the window says while the platform is unreachable

        self._message = MessageLine(objectName="roundMessage")
        self._presets = PresetPatrolBox(preset_patrols, goto, monotonic=monotonic)
        self._presets.failed.connect(self._message.say)
        self._closing = ClosingPage()
        self._closing.changed.connect(self._update_buttons)
        self._closing.close_button.clicked.connect(self.close_round)
        self._pages = QStackedWidget()
        self._idle = IdlePage()
        self._idle.start_button.clicked.connect(lambda: self.start())
        self._pages.addWidget(self._idle)
        self._check = CheckPage(self._presets)
        self._check.changed.connect(self._update_buttons)
        self._check.normal.clicked.connect(self.mark_normal)
        self._check.anomaly.clicked.connect(self.mark_anomaly)
        self._check.fault_chosen.connect(self.mark_fault)
        self._check.cannot_play.clicked.connect(self.mark_unplayable)
        self._pages.addWidget(self._check)
        self._pages.addWidget(self._closing)
        column = QVBoxLayout(self)
        column.addWidget(self._message)
        column.addWidget(self._pages, 1)
        self._add_shortcuts()
        self._update_buttons()

        model.follow(self._snapshot_changed, self._write_failed)

    # Public API.
    @property
    def current_camera(self) -> str | None:
        """The camera being checked, None when no round runs or the round is being closed."""
        return self._walk.current if self._walk is not None else None

    @property
    def round_id(self) -> int | None:
        return self._walk.round_id if self._walk is not None else None

    @property
    def running(self) -> bool:
        return self._walk is not None

    @property
    def presets(self) -> PresetPatrolBox:
        """The current camera's preset patrol: the one running, the presets seen (the check's
        record keeps them)."""
        return self._presets

    def start(self, camera_nums: Sequence[str] | None = None) -> None:
        """Start a round of ``camera_nums`` (default: the due cameras in round order). When
        the operator still has an open round, that one continues instead."""
        if self._walk is not None or self._busy:
            self._message.say(self.tr("A patrol round is already running."))
            return
        snapshot = self._model.snapshot
        if snapshot is None:
            self._message.say(self.tr("The patrol lists are still loading; try again in a moment."))
            return
        planned = list(snapshot.due_cameras() if camera_nums is None else camera_nums)
        if not planned:
            self._message.say(self.tr("No camera is due for patrol: there is no round to walk."))
            return
        self._set_busy(True)
        model = self._model
        model.run(
            begin_round, model.store, model.operator, planned, model.now(), on_done=self._began
        )

    def resume(self) -> None:
        """Continue the operator's open round at its first camera not yet recorded (nothing
        happens when there is none). Waits for the model's first snapshot if need be."""
        if self._walk is not None or self._busy:
            return
        if self._model.snapshot is None:
            self._resume_waiting = True
            return
        self._resume_waiting = False
        self._set_busy(True)
        self._model.run(
            resume_round, self._model.store, self._model.operator, on_done=self._resumed
        )

    def set_unplayable(self, camera_num: str, reason: str) -> None:
        """The wall's tile could not play ``camera_num`` (``reason``, e.g. its stream's
        error); "cannot be played" becomes the default action. An empty reason clears it
        (the stream plays again)."""
        if self._walk is not None:
            self._walk.set_unplayable(camera_num, reason)
        if camera_num == self.current_camera:
            self._show_unplayable()

    def set_platform_down(self, text: str) -> None:
        """The platform does not answer (``text`` says so; empty: it answers again). The
        round pauses: one outage is not a camera that cannot be played, so nothing is
        recorded for the camera until the platform is back; what the wall reported during
        the outage is forgotten (it reports again what still fails)."""
        if self._walk is not None:
            self._walk.set_platform_down(bool(text))
        self._platform_down = text
        self._show_unplayable()

    # Building.
    def _add_shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        keys: list[tuple[QKeySequence, Callable[[], None]]] = [
            (QKeySequence(Qt.Key.Key_Return), self.enter),
            (QKeySequence(Qt.Key.Key_Enter), self.enter),
            (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return), self.mark_anomaly),
            (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Enter), self.mark_anomaly),
            (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_F), self._check.pick_fault),
            (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_D), self.mark_unplayable),
            (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Right), self._presets.next_preset),
        ]
        for number in range(1, MAX_ITEM_KEYS + 1):
            key = QKeySequence(f"Alt+{number}")
            keys.append((key, partial(self._toggle_item, number - 1)))
        for key, act in keys:
            QShortcut(key, self, context=context).activated.connect(act)

    # The operator's confirmations.
    def mark_normal(self) -> None:
        if self._check.normal.isEnabled():
            self._record(CheckOutcome.NORMAL)

    def mark_anomaly(self) -> None:
        if not self._check.anomaly.isEnabled():
            if self._can_confirm():
                self._message.say(
                    self.tr("An anomaly needs at least one checklist item or a note.")
                )
            return
        camera = self.current_camera
        assert camera is not None
        image = self._grab(camera)
        save: SaveSnapshot | None = None
        if image is not None and not image.isNull():
            # The task thread gets its own copy of the picture.
            save = partial(save_jpeg, image.copy(), self._snapshot_dir)
        self._record(CheckOutcome.ANOMALY, save=save)

    def mark_fault(self, kind: FaultKind) -> None:
        if self._check.fault.isEnabled():
            self._record(CheckOutcome.FAULT, fault_kind=kind)

    def mark_unplayable(self) -> None:
        if self._check.cannot_play.isEnabled():
            self._record(CheckOutcome.UNPLAYABLE)

    def close_round(self) -> None:
        """Write the round's record (P-6) with the closing form's text."""
        if not self._closing.close_button.isEnabled() or self._walk is None:
            return
        pile = self._closing.handover_pile
        problem = handover_pile_problem(pile)
        snapshot = self._model.snapshot
        if problem is not None:
            self._message.say(problem)
            return
        if snapshot is None:  # a round runs on a snapshot: never without one
            return
        self._set_busy(True)
        self._model.run(
            partial(
                close_round,
                self._model.store,
                self._walk.round_id,
                equipment_condition=self._closing.equipment_condition,
                handover_pile=pile,
                checklist=snapshot.checklist,
                now=self._model.now(),
            ),
            on_done=self._closed,
        )

    def enter(self) -> None:
        """The Enter key: close the round on its closing page, else (unless the platform is
        unreachable: the round waits) "cannot be played" for a camera whose stream failed,
        else "normal and next" (refused with a word when items are ticked or a note is
        written). The main window gives it the wall's Enter too."""
        page = self._pages.currentIndex()
        if self._platform_down and page == CHECK:
            self._message.say(
                self.tr("The video platform cannot be reached: the round waits until it is back.")
            )
        elif page == CLOSING:
            self.close_round()
        elif self._walk is not None and self._walk.unplayable_reason() is not None:
            self.mark_unplayable()
        elif self._check.normal.isEnabled():
            self.mark_normal()
        elif self._can_confirm():
            self._message.say(
                self.tr(
                    "Items are ticked or a note is written: record an anomaly (Ctrl+Enter), "
                    "or clear them for normal."
                )
            )

    def _toggle_item(self, index: int) -> None:
        if self._pages.currentIndex() == CHECK:
            self._check.toggle_item(index)

    def _record(
        self,
        outcome: CheckOutcome,
        *,
        save: SaveSnapshot | None = None,
        fault_kind: FaultKind | None = None,
    ) -> None:
        walk, snapshot = self._walk, self._model.snapshot
        assert walk is not None and snapshot is not None
        check = walk.check(
            outcome,
            self._check.marks(self._presets.covered),
            snapshot,
            operator=self._model.operator,
            now=self._model.now(),
            fault_kind=fault_kind,
        )
        self._presets.stop()  # the camera is confirmed: it stays where it is
        watch = outcome is CheckOutcome.ANOMALY and self._check.keep_watching
        self._message.say("")
        self._set_busy(True)
        self._model.run(
            partial(record_check, watch=watch),
            self._model.store,
            check,
            save,
            on_done=lambda recorded: self._recorded(check, recorded),
        )

    # Answers from the store (GUI thread).
    def _began(self, began: tuple[RoundState, bool]) -> None:
        state, resumed = began
        self._set_busy(False)
        self._enter_round(state)
        if resumed:
            self._message.say(
                self.tr("Your open round continues; close it before starting another.")
            )

    def _resumed(self, state: RoundState | None) -> None:
        self._set_busy(False)
        if state is not None:
            self._enter_round(state)

    def _enter_round(self, state: RoundState) -> None:
        if self._walk is not None:
            self._walk.follow(state)
        else:
            self._walk = RoundWalk(state, platform_down=bool(self._platform_down))
            self.running_changed.emit(True)
        self._show_current()

    def _leave_round(self) -> None:
        self._presets.show_camera(None)
        self._walk = None
        self._pages.setCurrentIndex(IDLE)
        self._update_buttons()
        self.running_changed.emit(False)

    def _recorded(self, check: CheckInput, recorded: Recorded) -> None:
        self._set_busy(False)
        assert self._walk is not None
        self._walk.recorded(check)
        if recorded.snapshot_error:
            self._message.say(
                self.tr("Recorded without the snapshot, which could not be saved: {error}").format(
                    error=recorded.snapshot_error
                )
            )
        if recorded.saved.fault_id is not None:
            kind = check.fault_kind.label if check.fault_kind is not None else check.outcome.label
            self._message.say(
                self.tr(
                    "Video fault of {camera} registered ({kind}); the camera directory marks it."
                ).format(camera=check.pile or check.camera_name, kind=kind)
            )
        if recorded.watching:
            self.pin_requested.emit(check.camera_num)
        if recorded.saved.event_id is not None:
            self.event_opened.emit(recorded.saved.event_id)
        self._show_current()

    def _closed(self, record: PatrolRecord) -> None:
        self._set_busy(False)
        self._leave_round()
        self._message.say(self.tr("Round closed; its patrol record is written."))
        self.round_finished.emit(record)

    def _write_failed(self, error: str) -> None:
        """The model reported an environment error. When it was a write of this panel, find
        out from the records what was confirmed before letting the operator go on."""
        if not self._busy:
            return
        self._message.say(self.tr("Not saved: {error}").format(error=error))
        if self._walk is None or self._resyncing:
            self._resyncing = False
            self._set_busy(False)
            return
        self._resyncing = True
        self._model.run(
            self._model.store.rounds.round_state, self._walk.round_id, on_done=self._resynced
        )

    def _resynced(self, state: RoundState) -> None:
        message = self._message.text()
        self._resyncing = False
        self._set_busy(False)
        if state.closed_at is None:
            self._enter_round(state)
        else:  # the close was written before the error
            self._leave_round()
        self._message.say(message)

    def _snapshot_changed(self, snapshot: PatrolSnapshot) -> None:
        self._idle.show_due(len(snapshot.due_cameras()))
        if self._resume_waiting:
            self.resume()

    # Showing.
    def _show_current(self) -> None:
        walk, snapshot = self._walk, self._model.snapshot
        assert walk is not None and snapshot is not None
        camera_num = walk.current
        if camera_num is None:
            self._show_closing(walk)
            return
        self._check.show_camera(snapshot, camera_num, walk.position)
        self._pages.setCurrentIndex(CHECK)
        playable = walk.show(snapshot)
        self._show_unplayable()
        if playable:
            self.play_requested.emit(camera_num)
        self._presets.show_camera(camera_num if playable else None)
        self._update_buttons()
        self.setFocus()

    def _show_unplayable(self) -> None:
        reason = self._walk.unplayable_reason() if self._walk is not None else None
        self._check.show_notice(self._platform_down, reason)
        self._update_buttons()

    def _show_closing(self, walk: RoundWalk) -> None:
        self._presets.show_camera(None)
        self._closing.show_summary(walk.summary())
        self._pages.setCurrentIndex(CLOSING)
        self._update_buttons()
        self.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def _can_confirm(self) -> bool:
        return not self._busy and not self._platform_down and self.current_camera is not None

    def _update_buttons(self) -> None:
        unplayable = self._walk is not None and self._walk.unplayable_reason() is not None
        self._check.enable(
            self._can_confirm(),
            self._check.marks(self._presets.covered),
            unplayable=not self._platform_down and unplayable,
        )
        self._idle.start_button.setEnabled(not self._busy and self._walk is None)
        closing = self._walk is not None and self._walk.current is None
        self._closing.close_button.setEnabled(
            not self._busy
            and closing
            and bool(self._closing.equipment_condition)
            and bool(self._closing.handover_pile)
        )
