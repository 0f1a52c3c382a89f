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
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.camera import Orientation
from patrol_app.domain.checklists import ChecklistItem
from patrol_app.domain.events import CheckOutcome, StepKind
from patrol_app.domain.faults import FaultKind
from patrol_app.domain.pile import PileNumber, PileNumberError
from patrol_app.domain.snapshots import snapshot_stem
from patrol_app.domain.tours import NamedPresetPatrol, PatrolKey
from patrol_app.store.patrols import CheckInput, CheckSaved, PatrolRecord, PatrolStore, RoundState
from patrol_app.ui.patrols.event_dialog import WATCH_DETAIL
from patrol_app.ui.patrols.model import PatrolModel, PatrolSnapshot
from patrol_app.ui.preset_patrols import Goto, PresetPatrolPlayer, PresetPatrolSource
from patrol_app.ui.wall.snapshot_files import save_jpeg
from patrol_app.ui.widgets.elided_label import ElidedLabel
from patrol_app.ui.widgets.message_line import MessageLine

MAX_ITEM_KEYS = 9  # Alt+1 .. Alt+9
CHECKLIST_MIN_ROWS = 4  # the checklist's least height, in items; more scroll

# Texts that go into the records are Chinese whatever the UI language (see event_dialog).
EQUIPMENT_CONDITION = "{normal} 路正常，{anomaly} 路异常，{fault} 路视频故障"
PLATFORM_OUTAGES = "；视频平台中断 {count} 次"
NOT_IN_DIRECTORY = "摄像机已不在目录中"
NOTE_SEPARATOR = "；"


@dataclass(frozen=True)
class Recorded:
    """What one confirmation left in the records."""

    saved: CheckSaved
    snapshot: str  # path of the attached snapshot, "" when none
    snapshot_error: str  # why the snapshot could not be saved, "" when it was (or none taken)
    watching: bool  # a "keep watching" step was recorded for the event it opened


def record_check_task(
    store: PatrolStore,
    check: CheckInput,
    image: QImage | None,
    folder: Path,
    watch_detail: str,
) -> Recorded:
    """Runs in the task runner: the snapshot file first (so its path goes into the check),
    then the check; for an anomaly with ``watch_detail``, the "keep watching" step of the
    event it opened. A snapshot the disk refuses does not stop the finding from being
    recorded: the check is written without it and the reason comes back."""
    snapshot, problem = "", ""
    if image is not None:
        try:
            snapshot = str(save_jpeg(image, folder, snapshot_stem(check.pile, check.checked_at)))
        except OSError as error:
            problem = str(error)
    saved = store.record_check(replace(check, snapshot=snapshot))
    watching = False
    if watch_detail and saved.event_id is not None:
        store.add_event_step(
            saved.event_id,
            StepKind.WATCH,
            watch_detail,
            operator=check.operator,
            now=check.checked_at,
        )
        watching = True
    return Recorded(saved, snapshot, problem, watching)


def _begin_round(
    store: PatrolStore, operator: str, planned: Sequence[str], now: datetime
) -> tuple[RoundState, bool]:
    """The operator's open round if there is one (True), else a new round of ``planned``."""
    state = store.open_round(operator)
    if state is not None:
        return state, True
    return store.start_round(operator, planned, now), False


class _ItemScroll(QScrollArea):
    """The checklist's scroll area: as tall as its items when there is room, at least
    CHECKLIST_MIN_ROWS of them (it scrolls then); as wide as its longest item and its scroll
    bar (never sideways)."""

    _row = 0  # an item's height, measured once

    def _content(self) -> QSize:
        widget = self.widget()
        return widget.sizeHint() if widget is not None else QSize(0, 0)

    def _extra(self) -> QSize:
        frame = 2 * self.frameWidth()
        return QSize(frame + self.verticalScrollBar().sizeHint().width(), frame)

    def sizeHint(self) -> QSize:
        return self._content() + self._extra()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The items' layout changed (items were shown, taken away or added): the size hints
        # follow, up to the panel's layout. New items only count once Qt has shown them,
        # after the panel filled the list: without this the box kept the height of no items.
        if watched is self.widget() and event.type() is QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:
        if not self._row:
            self._row = QCheckBox("0").sizeHint().height()
        content = self._content()
        widget = self.widget()
        spacing = widget.layout().spacing() if widget is not None and widget.layout() else 0
        rows = CHECKLIST_MIN_ROWS * (self._row + spacing) - spacing
        return QSize(content.width(), min(content.height(), rows)) + self._extra()


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
        self._round: RoundState | None = None
        self._remaining: list[str] = []
        self._outcomes: dict[str, CheckOutcome] = {}
        self._piles: dict[str, str] = {}
        self._unplayable: dict[str, str] = {}  # camera -> reason the wall gave
        self._items: list[tuple[ChecklistItem, QCheckBox]] = []
        self._version = 0  # checklist version of the items shown
        self._busy = False
        self._resyncing = False
        self._resume_waiting = False
        self._preset_source = preset_patrols
        self._goto = goto
        self._monotonic = monotonic
        self._patrol_choices: list[NamedPresetPatrol] = []
        self._preset_patrol: PresetPatrolPlayer | None = None
        self._covered: list[int] = []  # presets the current camera was sent to
        self._platform_down = ""  # what the window says while the platform is unreachable
        self._outages = 0  # platform outages during the round (its record says so)

        self._message = MessageLine(objectName="roundMessage")
        self._pages = QStackedWidget()
        self._pages.addWidget(self._build_idle())
        self._pages.addWidget(self._build_check())
        self._pages.addWidget(self._build_closing())
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
        return self._remaining[0] if self._round is not None and self._remaining else None

    @property
    def round_id(self) -> int | None:
        return self._round.id if self._round is not None else None

    @property
    def running(self) -> bool:
        return self._round is not None

    @property
    def preset_patrol(self) -> PresetPatrolPlayer | None:
        """The preset patrol running on the current camera, None when none runs."""
        patrol = self._preset_patrol
        return patrol if patrol is not None and patrol.running else None

    @property
    def covered_presets(self) -> tuple[int, ...]:
        """The presets the current camera was sent to during its check, in that order (its
        record keeps them)."""
        return tuple(self._covered)

    def next_preset(self) -> None:
        """The current camera's next preset now."""
        if self.preset_patrol is not None:
            self.preset_patrol.skip()

    def toggle_preset_patrol(self) -> None:
        """Stop the current camera's preset patrol, or run the chosen one (again)."""
        if self.preset_patrol is not None:
            self._stop_preset_patrol()
            self._show_preset_patrol()
        elif self._patrol_choices:
            self._run_preset_patrol(self._patrol_chooser.currentIndex())

    def start(self, camera_nums: Sequence[str] | None = None) -> None:
        """Start a round of ``camera_nums`` (default: the due cameras in round order). When
        the operator still has an open round, that one continues instead."""
        if self._round is not None or self._busy:
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
        self._model.run(
            _begin_round,
            self._model.store,
            self._model.operator,
            planned,
            self._model.now(),
            on_done=self._began,
        )

    def resume(self) -> None:
        """Continue the operator's open round at its first camera not yet recorded (nothing
        happens when there is none). Waits for the model's first snapshot if need be."""
        if self._round is not None or self._busy:
            return
        if self._model.snapshot is None:
            self._resume_waiting = True
            return
        self._resume_waiting = False
        self._set_busy(True)
        self._model.run(self._model.store.open_round, self._model.operator, on_done=self._resumed)

    def set_unplayable(self, camera_num: str, reason: str) -> None:
        """The wall's tile could not play ``camera_num`` (``reason``, e.g. its stream's
        error); "cannot be played" becomes the default action. An empty reason clears it
        (the stream plays again)."""
        if reason:
            self._unplayable[camera_num] = reason
        else:
            self._unplayable.pop(camera_num, None)
        if camera_num == self.current_camera:
            self._show_unplayable()

    def set_platform_down(self, text: str) -> None:
        """The platform does not answer (``text`` says so; empty: it answers again). The
        round pauses: one outage is not a camera that cannot be played, so nothing is
        recorded for the camera until the platform is back; what the wall reported during
        the outage is forgotten (it reports again what still fails)."""
        if text and not self._platform_down and self._round is not None:
            self._outages += 1
        if not text and self._platform_down:
            self._unplayable.clear()
        self._platform_down = text
        self._show_unplayable()

    # Building.
    def _build_idle(self) -> QWidget:
        page = QWidget()
        self._due_count = QLabel(objectName="dueCount", wordWrap=True)
        self._start = QPushButton(self.tr("Start patrol"), objectName="startRound")
        self._start.clicked.connect(lambda: self.start())
        column = QVBoxLayout(page)
        column.addWidget(self._due_count)
        column.addWidget(self._start)
        column.addStretch(1)
        return page

    def _build_check(self) -> QWidget:
        page = QWidget()
        self._progress = QLabel(objectName="roundProgress")
        self._progress.setStyleSheet("font-weight: bold;")
        # One line whatever the name's length (the whole name in its tooltip), so that the
        # buttons below never move under the operator's pointer.
        self._camera_name = ElidedLabel(objectName="cameraName", mode=Qt.TextElideMode.ElideMiddle)
        self._camera_name.setStyleSheet("font-size: 15px; font-weight: bold;")
        self._pile = QLabel(objectName="cameraPile")
        self._direction = QLabel(objectName="cameraDirection")
        self._site = QLabel(objectName="cameraSite")
        place = QHBoxLayout()
        for label in (self._pile, self._direction, self._site):
            place.addWidget(label)
        place.addStretch(1)
        self._unplayable_notice = QLabel(objectName="unplayableNotice", wordWrap=True)
        self._unplayable_notice.setStyleSheet("color: #c0392b; font-weight: bold;")
        self._unplayable_notice.hide()

        self._checklist = self._build_checklist()
        self._note = QLineEdit(objectName="checkNote")
        self._note.setPlaceholderText(self.tr("Note (what, where, lanes…)"))
        self._note.textChanged.connect(self._update_buttons)
        self._watch = QCheckBox(
            self.tr("Keep watching the camera after an anomaly"), objectName="keepWatching"
        )
        self._watch.setChecked(True)

        self._normal = QPushButton(self.tr("Normal && next (Enter)"), objectName="markNormal")
        self._normal.clicked.connect(self.mark_normal)
        self._anomaly = QPushButton(self.tr("Anomaly (Ctrl+Enter)"), objectName="markAnomaly")
        self._anomaly.clicked.connect(self.mark_anomaly)
        self._fault = QPushButton(self.tr("Video fault (Ctrl+F)"), objectName="markFault")
        self._fault_menu = QMenu(self._fault)
        for number, kind in enumerate(FaultKind, 1):
            action = self._fault_menu.addAction(f"&{number} {kind.label}")
            action.setObjectName(f"fault:{kind.value}")
            action.triggered.connect(lambda _checked=False, k=kind: self.mark_fault(k))
        self._fault.setMenu(self._fault_menu)
        self._cannot_play = QPushButton(
            self.tr("Cannot be played (Ctrl+D)"), objectName="markUnplayable"
        )
        self._cannot_play.clicked.connect(self.mark_unplayable)
        buttons = QGridLayout()  # two by two: the panel is narrow beside the wall
        for index, button in enumerate(
            (self._normal, self._anomaly, self._fault, self._cannot_play)
        ):
            button.setAutoDefault(False)
            buttons.addWidget(button, index // 2, index % 2)

        column = QVBoxLayout(page)
        column.addWidget(self._progress)
        column.addWidget(self._camera_name)
        column.addLayout(place)
        column.addWidget(self._unplayable_notice)
        column.addWidget(self._build_preset_patrol())
        column.addWidget(self._checklist)  # all its items when there is room, else it scrolls
        # The note and the buttons at the foot of the page: what is above them (a notice, a
        # preset patrol, a longer or shorter checklist) never moves them.
        column.addStretch(1)
        column.addWidget(self._note)
        column.addWidget(self._watch)
        column.addLayout(buttons)
        return page

    def _build_checklist(self) -> QGroupBox:
        """The checklist's items in a scroll area: however many there are and whatever else
        the page shows (a preset patrol), each stays readable and the panel never asks the
        window for more height than a few items'."""
        box = QGroupBox(self.tr("Checklist"), objectName="checklist")
        self._checklist_items = QWidget(objectName="checklistItems")
        self._checklist_layout = QVBoxLayout(self._checklist_items)
        self._checklist_layout.setContentsMargins(0, 0, 0, 0)
        self._checklist_layout.addStretch(1)  # items go above it: no gaps when there is room
        self._checklist_scroll = _ItemScroll(objectName="checklistScroll")
        self._checklist_scroll.setWidget(self._checklist_items)
        self._checklist_scroll.setWidgetResizable(True)
        self._checklist_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._checklist_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._checklist_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter stays the panel's
        column = QVBoxLayout(box)
        column.addWidget(self._checklist_scroll)
        return box

    def _build_preset_patrol(self) -> QWidget:
        self._preset_box = QGroupBox(self.tr("Preset patrol"), objectName="presetPatrol")
        self._patrol_chooser = QComboBox(objectName="presetPatrolName")
        self._patrol_chooser.activated.connect(self._run_preset_patrol)
        self._preset_label = QLabel(objectName="presetPatrolLabel")
        self._preset_label.setStyleSheet("font-weight: bold;")
        self._preset_covered = QLabel(objectName="presetPatrolCovered")
        self._next_preset = QPushButton(
            self.tr("Next preset (Ctrl+Right)"), objectName="nextPreset"
        )
        self._next_preset.clicked.connect(self.next_preset)
        self._toggle_patrol = QPushButton(objectName="togglePresetPatrol")
        self._toggle_patrol.clicked.connect(self.toggle_preset_patrol)
        self._patrol_chooser.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._patrol_chooser.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self._patrol_chooser.setMinimumContentsLength(6)  # a long name does not widen the panel
        for button in (self._next_preset, self._toggle_patrol):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter stays the panel's
        # Compact: the patrol and how many of its presets were seen; the preset on; the keys.
        self._preset_label.setWordWrap(True)
        grid = QGridLayout(self._preset_box)
        grid.setVerticalSpacing(2)
        grid.addWidget(self._patrol_chooser, 0, 0)
        grid.addWidget(self._preset_covered, 0, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self._preset_label, 1, 0, 1, 2)
        grid.addWidget(self._next_preset, 2, 0)
        grid.addWidget(self._toggle_patrol, 2, 1)
        grid.setColumnStretch(0, 1)
        self._preset_box.hide()
        return self._preset_box

    def _build_closing(self) -> QWidget:
        page = QWidget()
        title = QLabel(
            self.tr("Every camera of the round is recorded. Close the round to write its record.")
        )
        title.setWordWrap(True)
        self._summary = QLabel(objectName="roundSummary", wordWrap=True)
        self._equipment = QLineEdit(objectName="closeEquipment")
        self._handover_pile = QLineEdit(objectName="closeHandoverPile")
        self._handover_pile.setPlaceholderText("K1844+650")
        self._close = QPushButton(self.tr("Close round"), objectName="closeRound")
        self._close.clicked.connect(self.close_round)
        for edit in (self._equipment, self._handover_pile):
            edit.textChanged.connect(self._update_buttons)
        form = QFormLayout(page)
        form.addRow(title)
        form.addRow(self._summary)
        form.addRow(self.tr("Equipment condition"), self._equipment)
        form.addRow(self.tr("Handover pile"), self._handover_pile)
        form.addRow(self._close)
        return page

    def _add_shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        keys: list[tuple[QKeySequence, Callable[[], None]]] = [
            (QKeySequence(Qt.Key.Key_Return), self.enter),
            (QKeySequence(Qt.Key.Key_Enter), self.enter),
            (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return), self.mark_anomaly),
            (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Enter), self.mark_anomaly),
            (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_F), self._pick_fault),
            (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_D), self.mark_unplayable),
            (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Right), self.next_preset),
        ]
        for number in range(1, MAX_ITEM_KEYS + 1):
            key = QKeySequence(f"Alt+{number}")
            keys.append((key, partial(self._toggle_item, number - 1)))
        for key, act in keys:
            QShortcut(key, self, context=context).activated.connect(act)

    # The operator's confirmations.
    def mark_normal(self) -> None:
        if self._normal.isEnabled():
            self._record(CheckOutcome.NORMAL)

    def mark_anomaly(self) -> None:
        if not self._anomaly.isEnabled():
            if self._can_confirm():
                self._message.say(
                    self.tr("An anomaly needs at least one checklist item or a note.")
                )
            return
        camera = self.current_camera
        assert camera is not None
        image = self._grab(camera)
        # The task thread gets its own copy of the picture.
        image = None if image is None or image.isNull() else image.copy()
        self._record(CheckOutcome.ANOMALY, image=image)

    def mark_fault(self, kind: FaultKind) -> None:
        if self._fault.isEnabled():
            self._record(CheckOutcome.FAULT, fault_kind=kind)

    def mark_unplayable(self) -> None:
        if self._cannot_play.isEnabled():
            self._record(CheckOutcome.UNPLAYABLE)

    def close_round(self) -> None:
        """Write the round's record (P-6) with the closing form's text."""
        if not self._close.isEnabled() or self._round is None:
            return
        pile = self._handover_pile.text().strip()
        try:
            PileNumber.parse(pile)
        except PileNumberError as error:
            self._message.say(str(error))
            return
        self._set_busy(True)
        self._model.run(
            partial(
                self._model.store.close_round,
                self._round.id,
                equipment_condition=self._equipment.text().strip(),
                handover_pile=pile,
                now=self._model.now(),
            ),
            on_done=self._closed,
        )

    def enter(self) -> None:
        """The Enter key: close the round on its closing page, else (unless the platform is
        unreachable: the round waits) "cannot be played" for a camera whose stream failed,
        else "normal and next" (refused with a word when items are ticked or a note is
        written). The main window gives it the wall's Enter too."""
        if self._platform_down and self._pages.currentIndex() == 1:
            self._message.say(
                self.tr("The video platform cannot be reached: the round waits until it is back.")
            )
        elif self._pages.currentIndex() == 2:
            self.close_round()
        elif self.current_camera in self._unplayable:
            self.mark_unplayable()
        elif self._normal.isEnabled():
            self.mark_normal()
        elif self._can_confirm():
            self._message.say(
                self.tr(
                    "Items are ticked or a note is written: record an anomaly (Ctrl+Enter), "
                    "or clear them for normal."
                )
            )

    def _pick_fault(self) -> None:
        if self._fault.isEnabled():
            self._fault.showMenu()

    def _toggle_item(self, index: int) -> None:
        if self._pages.currentIndex() == 1 and index < len(self._items):
            box = self._items[index][1]
            box.setChecked(not box.isChecked())

    def _record(
        self,
        outcome: CheckOutcome,
        *,
        image: QImage | None = None,
        fault_kind: FaultKind | None = None,
    ) -> None:
        camera_num = self.current_camera
        assert camera_num is not None and self._round is not None
        snapshot = self._model.snapshot
        camera = snapshot.cameras.get(camera_num) if snapshot is not None else None
        note = self._note.text().strip()
        if outcome is CheckOutcome.UNPLAYABLE:
            note = NOTE_SEPARATOR.join(
                part for part in (self._unplayable.get(camera_num, ""), note) if part
            )
        anomaly = outcome is CheckOutcome.ANOMALY
        check = CheckInput(
            round_id=self._round.id,
            camera_num=camera_num,
            camera_name=camera.name if camera is not None else camera_num,
            pile=camera.pile if camera is not None else "",
            outcome=outcome,
            operator=self._model.operator,
            checked_at=self._model.now(),
            checklist_version=self._version,
            items=tuple(item.code for item, box in self._items if box.isChecked())
            if anomaly
            else (),
            note=note if outcome is not CheckOutcome.NORMAL else "",
            fault_kind=fault_kind,
            presets=self.covered_presets,
        )
        self._stop_preset_patrol()  # the camera is confirmed: it stays where it is
        watch = ""
        if anomaly and self._watch.isChecked():
            watch = WATCH_DETAIL.format(pile=check.pile or check.camera_name)
        self._message.say("")
        self._set_busy(True)
        self._model.run(
            record_check_task,
            self._model.store,
            check,
            image,
            self._snapshot_dir,
            watch,
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
        was_running = self._round is not None
        self._round = state
        self._remaining = list(state.remaining)
        self._outcomes = {check.camera_num: check.outcome for check in state.checks}
        self._piles = {check.camera_num: check.pile for check in state.checks}
        if not was_running:
            self._outages = 1 if self._platform_down else 0
            self.running_changed.emit(True)
        self._show_current()

    def _leave_round(self) -> None:
        self._stop_preset_patrol()
        self._round = None
        self._remaining = []
        self._pages.setCurrentIndex(0)
        self._update_buttons()
        self.running_changed.emit(False)

    def _recorded(self, check: CheckInput, recorded: Recorded) -> None:
        self._set_busy(False)
        self._outcomes[check.camera_num] = check.outcome
        self._piles[check.camera_num] = check.pile
        if check.camera_num in self._remaining:
            self._remaining.remove(check.camera_num)
        self._unplayable.pop(check.camera_num, None)
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
        if self._round is None or self._resyncing:
            self._resyncing = False
            self._set_busy(False)
            self._message.say(self.tr("Not saved: {error}").format(error=error))
            return
        self._resyncing = True
        self._message.say(self.tr("Not saved: {error}").format(error=error))
        self._model.run(self._model.store.round_state, self._round.id, on_done=self._resynced)

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
        count = len(snapshot.due_cameras())
        self._due_count.setText(self.tr("Cameras due for patrol: {count}").format(count=count))
        if self._resume_waiting:
            self.resume()

    # Showing.
    def _show_current(self) -> None:
        camera_num = self.current_camera
        if camera_num is None:
            self._show_closing()
            return
        assert self._round is not None
        snapshot = self._model.snapshot
        assert snapshot is not None
        planned = len(self._round.planned)
        self._progress.setText(f"{planned - len(self._remaining) + 1}/{planned}")
        camera = snapshot.cameras.get(camera_num)
        entry = snapshot.entries.get(camera_num)
        self._camera_name.setText(camera.name if camera is not None else camera_num)
        self._pile.setText(camera.pile if camera is not None else "")
        self._direction.setText(_direction(camera.orientation) if camera is not None else "")
        self._site.setText(entry.site.label if entry is not None else "")
        self._version = snapshot.checklist_version
        items = snapshot.checklist_for(camera_num) if camera is not None else ()
        self._show_items(items)
        self._note.clear()
        self._pages.setCurrentIndex(1)
        self._stop_preset_patrol()
        self._patrol_choices = []
        self._covered = []
        self._show_preset_patrol()
        if camera is None:
            self.set_unplayable(camera_num, NOT_IN_DIRECTORY)
        else:
            self._unplayable.pop(camera_num, None)  # a new attempt: the wall reports again
            self._show_unplayable()
            self.play_requested.emit(camera_num)
            self._load_preset_patrols(camera_num)
        self._update_buttons()
        self.setFocus()

    # The current camera's preset patrol (Z-5).
    def _load_preset_patrols(self, camera_num: str) -> None:
        if self._preset_source is None or self._goto is None:
            return
        self._preset_source.load(
            [camera_num],
            on_done=partial(self._preset_patrols_loaded, camera_num),
            on_error=lambda error: self._message.say(
                self.tr("Cannot read the preset patrols: {error}").format(error=error)
            ),
        )

    def _preset_patrols_loaded(
        self, camera_num: str, patrols: dict[PatrolKey, NamedPresetPatrol]
    ) -> None:
        if camera_num != self.current_camera or self._pages.currentIndex() != 1:
            return  # confirmed meanwhile
        self._patrol_choices = [patrol for key, patrol in patrols.items() if key[0] == camera_num]
        self._patrol_chooser.clear()
        self._patrol_chooser.addItems([patrol.name for patrol in self._patrol_choices])
        if self._patrol_choices:
            self._run_preset_patrol(0)

    def _run_preset_patrol(self, index: int) -> None:
        if not 0 <= index < len(self._patrol_choices) or self._goto is None:
            return
        self._stop_preset_patrol()
        self._patrol_chooser.setCurrentIndex(index)
        patrol = PresetPatrolPlayer(
            self._patrol_choices[index], goto=self._goto, clock=self._monotonic, parent=self
        )
        patrol.preset_changed.connect(self._preset_called)
        self._preset_patrol = patrol
        patrol.start()

    def _preset_called(self, number: int, _text: str) -> None:
        if number not in self._covered:
            self._covered.append(number)
        self._show_preset_patrol()

    def _stop_preset_patrol(self) -> None:
        patrol, self._preset_patrol = self._preset_patrol, None
        if patrol is not None:
            patrol.stop()
            patrol.deleteLater()

    def _show_preset_patrol(self) -> None:
        self._preset_box.setVisible(bool(self._patrol_choices))
        self._patrol_chooser.setEnabled(len(self._patrol_choices) > 1)
        patrol = self.preset_patrol
        self._next_preset.setEnabled(patrol is not None)
        if patrol is None:
            self._preset_label.setText(self.tr("Stopped: the camera stays where it is."))
            self._toggle_patrol.setText(self.tr("Run again"))
            return
        self._toggle_patrol.setText(self.tr("Stop"))
        self._preset_label.setText(patrol.text)
        distinct = {step.preset for step in patrol.patrol.steps}
        self._preset_covered.setText(
            self.tr("Presets seen: {seen} of {total}").format(
                seen=len(distinct.intersection(self._covered)), total=len(distinct)
            )
        )

    def _show_items(self, items: Sequence[ChecklistItem]) -> None:
        for _item, box in self._items:
            self._checklist_layout.removeWidget(box)
            box.setParent(None)  # out of the tree at once; dropped with its last reference
        self._items = []
        for number, item in enumerate(items, 1):
            text = f"{number} {item.label}" if number <= MAX_ITEM_KEYS else item.label
            box = QCheckBox(text, self._checklist_items, objectName=f"item:{item.code}")
            if number <= MAX_ITEM_KEYS:
                box.setToolTip(f"Alt+{number}")
            box.toggled.connect(self._update_buttons)
            self._checklist_layout.insertWidget(len(self._items), box)
            self._items.append((item, box))
        self._checklist.setVisible(bool(items))
        self._checklist_scroll.verticalScrollBar().setValue(0)

    def _show_unplayable(self) -> None:
        reason = self._unplayable.get(self.current_camera or "")
        if self._platform_down:
            self._unplayable_notice.setText(
                self.tr("{outage}\nThe round is paused until the platform is back.").format(
                    outage=self._platform_down
                )
            )
            self._unplayable_notice.show()
        elif reason is None:
            self._unplayable_notice.hide()
        else:
            self._unplayable_notice.setText(
                self.tr("The picture cannot be played: {reason}. Enter records it as such.").format(
                    reason=reason
                )
            )
            self._unplayable_notice.show()
        self._update_buttons()

    def _show_closing(self) -> None:
        assert self._round is not None
        counts = {outcome: 0 for outcome in CheckOutcome}
        for outcome in self._outcomes.values():
            counts[outcome] += 1
        faults = counts[CheckOutcome.FAULT] + counts[CheckOutcome.UNPLAYABLE]
        condition = EQUIPMENT_CONDITION.format(
            normal=counts[CheckOutcome.NORMAL], anomaly=counts[CheckOutcome.ANOMALY], fault=faults
        )
        if self._outages:
            condition += PLATFORM_OUTAGES.format(count=self._outages)
        self._equipment.setText(condition)
        self._summary.setText(
            self.tr("{count} cameras recorded, {unplayable} of them could not be played.").format(
                count=len(self._outcomes), unplayable=counts[CheckOutcome.UNPLAYABLE]
            )
        )
        last = self._round.planned[-1] if self._round.planned else ""
        self._handover_pile.setText(self._piles.get(last, ""))
        self._pages.setCurrentIndex(2)
        self._update_buttons()
        self.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def _can_confirm(self) -> bool:
        return not self._busy and not self._platform_down and self.current_camera is not None

    def _update_buttons(self) -> None:
        can = self._can_confirm()
        ticked = any(box.isChecked() for _item, box in self._items)
        noted = bool(self._note.text().strip())
        self._normal.setEnabled(can and not ticked and not noted)
        self._anomaly.setEnabled(can and (ticked or noted))
        self._fault.setEnabled(can)
        self._cannot_play.setEnabled(can)
        self._cannot_play.setDefault(
            not self._platform_down and self.current_camera in self._unplayable
        )
        self._start.setEnabled(not self._busy and self._round is None)
        closing = self._round is not None and not self._remaining
        self._close.setEnabled(
            not self._busy
            and closing
            and bool(self._equipment.text().strip())
            and bool(self._handover_pile.text().strip())
        )


def _direction(orientation: int) -> str:
    try:
        return Orientation(orientation).label
    except ValueError:
        return ""
