"""The PTZ (云台) panel beside the wall (Z-1, Z-4, Z-5): it follows the camera of the selected
tile and turns, tilts, zooms, focuses, opens or closes the iris and switches the light of a
controllable camera (``hasControl`` = 1); it recalls and stores presets and says who holds
the camera, and when a higher-priority user took it from this operator.

Every direction (eight: the diagonals pan and tilt at once), zoom, focus and iris button
moves while held and stops when let go. The same on the keyboard, while the panel (or the
wall, through ``PtzKeys``) has the focus:

- arrow keys: turn and tilt while held; a horizontal and a vertical one held together move
  diagonally (of two on one axis, the one pressed last counts);
- + / -: zoom in / out while held (= and _, the same keys with or without Shift, and the
  keypad's + and -, too);
- 1-9 (on the panel and any of its parts but the preset's name and number fields; on the
  wall they select tiles): recall that preset;
- in the preset list, Enter recalls the preset, F2 renames it.

The wall's keys drive the camera only while the panel is shown: a camera never moves with
nothing on screen to show which one and who holds it.

Auto-repeated key presses are ignored: a held key is one move, its release the stop. The keys
held are counted by the physical key (its scan code) or else by what they mean, so that a key
released in another form than it was pressed (Shift let go first: + pressed, = released)
still ends its move; a release of a move key that matches nothing held lets every key go (a
move must never outlive the keys that drive it). A hold also ends when the focus leaves, the
panel hides or the camera changes, so that no camera is left moving (and the service stops
one whose repeats stop coming).

The lines above the pad (the camera's name, who holds it, the last message) keep one line's
height whatever they say, elided with the whole text as tooltip: the pad and the preset list
never move under the operator's pointer.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QFocusEvent, QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.ptz import MAX_PRESET, MAX_PRESET_NAME, MAX_STEP, MIN_PRESET, MIN_STEP
from patrol_app.domain.ptz import PtzAction as A
from patrol_app.domain.ptz_records import PresetView
from patrol_app.platform.http import PlatformError
from patrol_app.platform.presets import PresetClient
from patrol_app.platform.ptz import PtzHolder
from patrol_app.ui.ptz.audit_dialog import source_label
from patrol_app.ui.ptz.control import DIRECTIONS, PtzControl
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.widgets.elided_label import ElidedLabel
from patrol_app.ui.widgets.message_line import MessageLine

ARROW_KEYS = {
    Qt.Key.Key_Left: A.LEFT,
    Qt.Key.Key_Right: A.RIGHT,
    Qt.Key.Key_Up: A.UP,
    Qt.Key.Key_Down: A.DOWN,
}
# + and = are one key (with and without Shift), as are - and _; the keypad's give Key_Plus and
# Key_Minus (with the KeypadModifier).
ZOOM_KEYS = {
    Qt.Key.Key_Plus: A.ZOOM_IN,
    Qt.Key.Key_Equal: A.ZOOM_IN,
    Qt.Key.Key_Minus: A.ZOOM_OUT,
    Qt.Key.Key_Underscore: A.ZOOM_OUT,
}
HOLD_KEYS = {**ARROW_KEYS, **ZOOM_KEYS}
PRESET_KEYS = {getattr(Qt.Key, f"Key_{digit}"): digit for digit in range(1, 10)}
# Where digits are typed, not presets recalled.
TEXT_INPUTS = (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit)

# The pad, row by row: (object name, arrow, direction index in DIRECTIONS or None for stop).
_PAD = (
    (("ptzUpLeft", "↖", 3), ("ptzUp", "↑", 2), ("ptzUpRight", "↗", 1)),
    (("ptzLeft", "←", 4), ("ptzStop", "■", None), ("ptzRight", "→", 0)),
    (("ptzDownLeft", "↙", 5), ("ptzDown", "↓", 6), ("ptzDownRight", "↘", 7)),
)
PAD_BUTTON = 40  # px, square

_STYLE = """
#ptzMessage[tone="error"] { color: #c0392b; }
#ptzMessage[tone="warning"] { color: #b9770e; font-weight: bold; }
#ptzMessage[tone="info"] { color: #1e7e34; }
#ptzReason { color: #7f7f7f; }
#ptzHolder[mine="true"] { color: #1e7e34; }
"""

NUMBER_COLUMN, NAME_COLUMN = range(2)


@dataclass(frozen=True)
class HeldKey:
    """A move key down: its scan code (0 when unknown, as in synthetic events) and what it
    means."""

    scan_code: int
    action: A

    def released_by(self, scan_code: int, action: A) -> bool:
        if self.scan_code and scan_code:
            return scan_code == self.scan_code
        return action is self.action


def preset_key(event: QKeyEvent) -> int | None:
    """The preset a key press recalls (1-9 without modifiers but the keypad's), or None."""
    if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
        return None
    return PRESET_KEYS.get(Qt.Key(event.key()))


class PtzPanel(QWidget):
    """Drives the camera given by ``set_camera`` through ``control``; presets come from
    ``presets``, the service's (read and renamed in ``runner``), None: no preset list."""

    def __init__(
        self,
        control: PtzControl,
        runner: TaskRunner,
        presets: PresetClient | None = None,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ptzPanel")
        self.setStyleSheet(_STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._control = control
        self._runner = runner
        self._store = presets
        self._camera: CameraEntry | None = None
        self._presets: list[PresetView] = []
        self._keys: list[HeldKey] = []  # the move keys down, in the order pressed
        self._button_hold = False
        self._filling = False

        self._title = _line("ptzCamera")
        self._reason = MessageLine(objectName="ptzReason")
        self._holder = _line("ptzHolder")
        self._message = _line("ptzMessage")  # always there: nothing jumps
        self._controls = QWidget(objectName="ptzControls")
        column = QVBoxLayout(self._controls)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self._build_movement())
        column.addLayout(self._build_speed())
        column.addWidget(self._build_presets(), 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for label in (self._title, self._reason, self._holder, self._message):
            layout.addWidget(label)
        layout.addWidget(self._controls, 1)

        control.failed.connect(self._failed)
        control.holder_changed.connect(self._holder_changed)
        control.taken_over.connect(self._taken_over)
        control.preset_stored.connect(self._preset_stored)
        # The number keys recall presets whichever of the panel's parts has the focus.
        for child in self.findChildren(QWidget):
            child.installEventFilter(self)
        self.set_camera(None)

    # --- Public API -------------------------------------------------------------------------

    @property
    def control(self) -> PtzControl:
        return self._control

    @property
    def camera(self) -> CameraEntry | None:
        return self._camera

    @property
    def controllable(self) -> bool:
        return self._camera is not None and self._camera.has_control

    @property
    def presets(self) -> list[PresetView]:
        return list(self._presets)

    @property
    def message(self) -> str:
        """The last message shown to the operator, whole ("" when none is shown)."""
        return self._message.text()

    @property
    def holder_text(self) -> str:
        return self._holder.text()

    def set_camera(self, camera: CameraEntry | None) -> None:
        """Follow ``camera`` (the selected tile's); the camera shown before is stopped and
        given up when this workstation moved it."""
        before = self._camera
        if before is not None and (camera is None or camera.camera_num != before.camera_num):
            self._end_holds()
            self._control.release(before.camera_num)
        elif before is not None and camera is not None:
            self._camera = camera  # the same camera, maybe with new details
            self._show_camera()
            return
        self._camera = camera
        self._presets = []
        self._fill_presets()
        self._say("")
        self._show_camera()
        self._control.watch(camera.camera_num if self.controllable and camera else None)
        if self.controllable:
            self.reload_presets()

    def reload_presets(self) -> None:
        camera = self._camera
        if self._store is None or camera is None:
            return
        self._runner.run(
            self._store.presets,
            camera.camera_num,
            on_done=lambda presets: self._presets_loaded(camera.camera_num, presets),
            on_error=self._store_failed,
            owner=self,
        )

    def recall(self, number: int) -> None:
        """Turn the camera to preset ``number`` (one of its stored presets)."""
        camera = self._usable()
        if camera is None:
            return
        if self._store is not None and number not in {p.number for p in self._presets}:
            text = self.tr("No preset {number} is stored for this camera.")
            self._say(text.format(number=number))
            return
        self._say("")
        self._control.goto_preset(camera, number)

    def store_preset(self, number: int, name: str) -> None:
        """Store the camera's current view as preset ``number`` called ``name``."""
        camera = self._usable()
        if camera is None:
            return
        name = name.strip()
        problem = self._name_problem(name)
        if problem:
            self._say(problem)
            return
        self._control.set_preset(camera, number, name)

    def rename_preset(self, number: int, name: str) -> None:
        """A new name for a stored preset (its view stays)."""
        camera = self._camera
        name = name.strip()
        if self._store is None or camera is None:
            return
        problem = self._name_problem(name)
        if problem:
            self._say(problem)
            self._fill_presets()
            return
        self._runner.run(
            self._store.rename,
            camera.camera_num,
            number,
            name,
            on_done=lambda _: self.reload_presets(),
            on_error=self._store_failed,
            owner=self,
        )

    def press(self, actions: tuple[A, ...]) -> None:
        """A button of the panel is pressed: move that way until ``let_go``."""
        camera = self._usable()
        if camera is not None:
            self._button_hold = True
            self._control.hold(camera, actions)

    def let_go(self) -> None:
        camera = self._camera
        if self._button_hold and camera is not None:
            self._button_hold = False
            self._control.let_go(camera.camera_num)

    def stop(self) -> None:
        camera = self._usable()
        if camera is not None:
            self._keys.clear()
            self._button_hold = False
            self._control.stop(camera)

    def light(self, on: bool) -> None:
        camera = self._usable()
        if camera is not None:
            self._control.switch_light(camera, on)

    def release(self) -> None:
        """Give the camera up now (others need not wait for the idle release)."""
        camera = self._camera
        if camera is not None:
            self._end_holds()
            self._control.release(camera.camera_num)

    # --- Keyboard ---------------------------------------------------------------------------

    def key_pressed(self, event: QKeyEvent) -> bool:
        """Handle a key for the camera (the panel's own keys and the wall's); True when used."""
        action = HOLD_KEYS.get(Qt.Key(event.key()))
        if action is None:
            return False
        if not event.isAutoRepeat():
            scan_code = event.nativeScanCode()
            if not any(
                held.action is action or (scan_code and held.scan_code == scan_code)
                for held in self._keys
            ):
                self._keys.append(HeldKey(scan_code, action))
                self._update_key_hold()
        return True

    def key_released(self, event: QKeyEvent) -> bool:
        action = HOLD_KEYS.get(Qt.Key(event.key()))
        if action is None:
            return False
        if event.isAutoRepeat() or not self._keys:
            return True
        scan_code = event.nativeScanCode()
        held = next((k for k in self._keys if k.released_by(scan_code, action)), None)
        if held is not None:
            self._keys.remove(held)
        else:
            self._keys.clear()  # a release we cannot match: let go rather than move on
        self._update_key_hold()
        return True

    def keys_lost(self) -> None:
        """The focus went elsewhere: the keys held are let go (their release will not come)."""
        if self._keys:
            self._keys.clear()
            self._update_key_hold()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        number = preset_key(event)
        if self.key_pressed(event):
            event.accept()
        elif number is not None:
            event.accept()
            self.recall(number)
        else:
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """1-9 on a part of the panel (the preset list would move its selection) recall the
        preset, except in the fields where digits are typed."""
        if (
            event.type() is QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and not isinstance(watched, TEXT_INPUTS)
            and not (isinstance(watched, QComboBox) and watched.isEditable())
        ):
            number = preset_key(event)
            if number is not None:
                self.recall(number)
                return True
        return super().eventFilter(watched, event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if self.key_released(event):
            event.accept()
        else:
            super().keyReleaseEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.keys_lost()
        super().focusOutEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._end_holds()
        if not event.spontaneous() and self._camera is not None:
            self._control.release(self._camera.camera_num)  # the panel was closed
        super().hideEvent(event)

    # --- Building ---------------------------------------------------------------------------

    def _build_movement(self) -> QHBoxLayout:
        pad = QGridLayout()
        pad.setSpacing(2)
        for row, buttons in enumerate(_PAD):
            for column, (name, arrow, index) in enumerate(buttons):
                button = _button(arrow, name, PAD_BUTTON)
                if index is None:
                    button.setToolTip(self.tr("Stop"))
                    button.clicked.connect(self.stop)
                else:
                    button.setToolTip(
                        self.tr("Hold to turn diagonally (two arrow keys)")
                        if len(DIRECTIONS[index]) == 2
                        else self.tr("Hold to turn (arrow keys)")
                    )
                    self._hold_on_press(button, DIRECTIONS[index])
                pad.addWidget(button, row, column)

        lenses = QGridLayout()
        lenses.setHorizontalSpacing(4)
        lenses.setColumnStretch(3, 1)  # the buttons beside their labels
        rows = (
            (
                self.tr("Zoom"),
                ("ptzZoomOut", "−", A.ZOOM_OUT, self.tr("Zoom out (-)")),
                ("ptzZoomIn", "+", A.ZOOM_IN, self.tr("Zoom in (+)")),
            ),
            (
                self.tr("Focus"),
                ("ptzFocusNear", self.tr("Near"), A.FOCUS_NEAR, ""),
                ("ptzFocusFar", self.tr("Far"), A.FOCUS_FAR, ""),
            ),
            (
                self.tr("Iris"),
                ("ptzIrisClose", self.tr("Close"), A.IRIS_CLOSE, ""),
                ("ptzIrisOpen", self.tr("Open"), A.IRIS_OPEN, ""),
            ),
        )
        for row, (title, *buttons) in enumerate(rows):
            lenses.addWidget(QLabel(title), row, 0)
            for column, (name, text, action, tip) in enumerate(buttons, start=1):
                button = _button(text, name)
                button.setToolTip(tip or self.tr("Hold to change"))
                self._hold_on_press(button, (action,))
                lenses.addWidget(button, row, column)
        lenses.addWidget(QLabel(self.tr("Light")), len(rows), 0)
        for column, (name, text, on) in enumerate(
            (("ptzLightOn", self.tr("On"), True), ("ptzLightOff", self.tr("Off"), False)),
            start=1,
        ):
            button = _button(text, name)
            button.clicked.connect(lambda _checked=False, on=on: self.light(on))
            lenses.addWidget(button, len(rows), column)

        row = QHBoxLayout()
        row.addLayout(pad)
        row.addSpacing(8)
        row.addLayout(lenses, 1)
        return row

    def _build_speed(self) -> QHBoxLayout:
        self._speed = QSlider(Qt.Orientation.Horizontal, objectName="ptzSpeed")
        self._speed.setRange(MIN_STEP, MAX_STEP)
        self._speed.setPageStep(1)
        self._speed.setTickPosition(QSlider.TickPosition.TicksBelow)
        self._speed.setValue(self._control.speed)
        self._speed_label = QLabel(objectName="ptzSpeedValue")
        self._speed.valueChanged.connect(self._speed_changed)
        self._speed_changed(self._speed.value())
        release = QPushButton(self.tr("Release"), objectName="ptzRelease")
        release.setToolTip(self.tr("Give the camera up now, so that others need not wait"))
        release.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        release.clicked.connect(self.release)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Speed")))
        row.addWidget(self._speed, 1)
        row.addWidget(self._speed_label)
        row.addWidget(release)
        return row

    def _build_presets(self) -> QGroupBox:
        box = QGroupBox(self.tr("Presets"), objectName="ptzPresetBox")
        self._list = QTreeWidget(objectName="ptzPresets")
        self._list.setColumnCount(2)
        self._list.setHeaderLabels([self.tr("No."), self.tr("Name")])
        self._list.setRootIsDecorated(False)
        self._list.setItemDelegateForColumn(NAME_COLUMN, _NameDelegate(self._list))
        self._list.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self._list.setToolTip(self.tr("Enter or double-click: go to the preset; F2: rename"))
        self._list.itemActivated.connect(self._activated)
        self._list.itemChanged.connect(self._renamed)
        recall = QPushButton(self.tr("Go to"), objectName="ptzRecall")
        recall.clicked.connect(self._recall_selected)

        self._number = QSpinBox(objectName="ptzPresetNumber")
        self._number.setRange(MIN_PRESET, MAX_PRESET)
        self._name = QLineEdit(objectName="ptzPresetName")
        self._name.setMaxLength(MAX_PRESET_NAME)
        self._name.returnPressed.connect(self._store_clicked)
        self._store_button = QPushButton(self.tr("Store view"), objectName="ptzStorePreset")
        self._store_button.clicked.connect(self._store_clicked)
        add = QHBoxLayout()
        add.addWidget(self._number)
        add.addWidget(self._name, 1)
        add.addWidget(self._store_button)

        column = QVBoxLayout(box)
        column.addWidget(self._list, 1)
        column.addWidget(recall)
        column.addLayout(add)
        box.setVisible(self._store is not None)
        return box

    def _hold_on_press(self, button: QAbstractButton, actions: tuple[A, ...]) -> None:
        button.pressed.connect(lambda: self.press(actions))
        button.released.connect(self.let_go)

    # --- Showing ----------------------------------------------------------------------------

    def _show_camera(self) -> None:
        camera = self._camera
        if camera is None:
            self._title.setText(self.tr("No camera"))
            reason = self.tr("Select a tile that shows a camera.")
        else:
            self._title.setText(camera.name)
            reason = "" if camera.has_control else self._no_ptz_text()
        self._reason.say(reason)
        self._controls.setEnabled(self.controllable)
        self._holder.setVisible(self.controllable)
        if self.controllable:
            self._show_holder(self._control.holder if self._control.watched else None)

    def _show_holder(self, holder: PtzHolder | None) -> None:
        if holder is None:
            text = self.tr("Free: nobody controls this camera")
        elif holder.mine:
            text = self.tr("You control this camera")
        else:
            text = self.tr("Controlled by {name} ({level}, {source})").format(
                name=holder.name, level=holder.level, source=source_label(holder.source)
            )
        self._holder.setText(text)
        self._holder.setProperty("mine", holder is not None and holder.mine)
        self._holder.style().polish(self._holder)

    def _name_problem(self, name: str) -> str:
        """Why ``name`` (stripped) cannot name a preset; "" when it can."""
        if not name:
            return self.tr("Give the preset a name.")
        if len(name) > MAX_PRESET_NAME:
            return self.tr("A preset's name has at most {count} characters.").format(
                count=MAX_PRESET_NAME
            )
        return ""

    def _no_ptz_text(self) -> str:
        return self.tr("This camera has no pan-tilt head: it cannot be controlled.")

    def _say(self, text: str, tone: str = "error") -> None:
        self._message.setText(text)
        self._message.setProperty("tone", tone)
        self._message.style().polish(self._message)

    def _fill_presets(self) -> None:
        self._filling = True
        self._list.clear()
        for preset in self._presets:
            item = QTreeWidgetItem([str(preset.number), preset.name])
            item.setData(NUMBER_COLUMN, Qt.ItemDataRole.UserRole, preset.number)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self._list.addTopLevelItem(item)
        self._list.resizeColumnToContents(NUMBER_COLUMN)
        used = {preset.number for preset in self._presets}
        free = next((n for n in range(MIN_PRESET, MAX_PRESET + 1) if n not in used), None)
        if free is not None:
            self._number.setValue(free)
        # Every number stored: a new view has no place (rename a preset instead).
        for part in (self._number, self._name, self._store_button):
            part.setEnabled(free is not None)
        self._name.setPlaceholderText(
            self.tr("Name of the view")
            if free is not None
            else self.tr("All {count} presets are stored").format(count=MAX_PRESET)
        )
        self._store_button.setToolTip(
            self.tr("Store what the camera shows now under this number")
            if free is not None
            else self.tr("All {count} presets are stored: rename one instead").format(
                count=MAX_PRESET
            )
        )
        self._filling = False

    # --- Reactions --------------------------------------------------------------------------

    def _usable(self) -> str | None:
        """The camera to command, None (and why, to the operator) when there is none."""
        camera = self._camera
        if camera is None:
            self._say(self.tr("Select a tile that shows a camera."))
            return None
        if not camera.has_control:
            self._say(self._no_ptz_text())
            return None
        return camera.camera_num

    def _speed_changed(self, speed: int) -> None:
        self._control.speed = speed
        self._speed_label.setText(str(speed))

    def _update_key_hold(self) -> None:
        if not self._keys:
            if self._camera is not None:
                self._control.let_go(self._camera.camera_num)
            return
        camera_num = self._usable()
        if camera_num is None:
            self._keys.clear()
            return
        last = self._keys[-1].action
        if last.is_zoom:
            actions: tuple[A, ...] = (last,)
        else:
            # The newest arrow of each axis: a horizontal and a vertical one are a diagonal.
            arrows = [key.action for key in reversed(self._keys) if not key.action.is_zoom]
            pan = next((action for action in arrows if action.is_pan), None)
            tilt = next((action for action in arrows if action.is_tilt), None)
            actions = tuple(action for action in (pan, tilt) if action is not None)
        self._control.hold(camera_num, actions)

    def _end_holds(self) -> None:
        camera = self._camera
        if camera is not None and (self._keys or self._button_hold):
            self._keys.clear()
            self._button_hold = False
            self._control.let_go(camera.camera_num)

    def _failed(self, camera_num: str, message: str) -> None:
        if self._camera is not None and camera_num == self._camera.camera_num:
            self._keys.clear()  # the hold ended: a key still down must not restart it
            self._button_hold = False
            self._say(message)

    def _holder_changed(self, camera_num: str, holder: PtzHolder | None) -> None:
        if self._camera is not None and camera_num == self._camera.camera_num:
            self._show_holder(holder)

    def _taken_over(self, camera_num: str, holder: PtzHolder) -> None:
        if self._camera is not None and camera_num == self._camera.camera_num:
            self._end_holds()
            self._say(
                self.tr("{name} ({level}) took this camera over from you").format(
                    name=holder.name, level=holder.level
                ),
                "warning",
            )

    def _preset_stored(self, camera_num: str, number: int) -> None:
        if self._camera is not None and camera_num == self._camera.camera_num:
            self._name.clear()
            self._say(self.tr("Preset {number} stored").format(number=number), "info")
            self.reload_presets()

    def _presets_loaded(self, camera_num: str, presets: list[PresetView]) -> None:
        if self._camera is not None and camera_num == self._camera.camera_num:
            self._presets = presets
            self._fill_presets()

    def _store_failed(self, error: Exception) -> None:
        if not isinstance(error, PlatformError):
            raise error  # a bug: to the excepthook
        self._say(str(error))

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.recall(int(item.data(NUMBER_COLUMN, Qt.ItemDataRole.UserRole)))

    def _recall_selected(self) -> None:
        item = self._list.currentItem()
        if item is None:
            self._say(self.tr("Choose a preset in the list."))
        else:
            self._activated(item, NUMBER_COLUMN)

    def _renamed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != NAME_COLUMN:
            return
        self.rename_preset(int(item.data(NUMBER_COLUMN, Qt.ItemDataRole.UserRole)), item.text(1))

    def _store_clicked(self) -> None:
        self.store_preset(self._number.value(), self._name.text())


class PtzKeys(QObject):
    """Installed on a wall: its arrow and +/- keys drive the panel's camera (the selected
    tile's) while the panel is shown, auto-repeats ignored; the keys held are let go when the
    wall loses the focus."""

    def __init__(self, panel: PtzPanel) -> None:
        super().__init__(panel)
        self._panel = panel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind is QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            # Closed (its dock hidden), the panel let its keys go when it hid.
            return self._panel.isVisible() and self._panel.key_pressed(event)
        if kind is QEvent.Type.KeyRelease and isinstance(event, QKeyEvent):
            return self._panel.isVisible() and self._panel.key_released(event)
        if kind in (QEvent.Type.FocusOut, QEvent.Type.Hide):
            self._panel.keys_lost()
        return super().eventFilter(watched, event)


def _button(text: str, name: str, size: int = 0) -> QToolButton:
    """A button that never takes the focus: the keys stay with the panel or the wall."""
    button = QToolButton(objectName=name, text=text)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if size:
        button.setFixedSize(size, size)
    else:
        button.setMinimumWidth(48)
    return button


def _line(name: str) -> ElidedLabel:
    """One of the lines above the pad: as wide as the panel lets it be, never wider."""
    label = ElidedLabel(objectName=name)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    return label


class _NameDelegate(QStyledItemDelegate):
    """The preset list's in-place editor takes at most MAX_PRESET_NAME characters."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.setMaxLength(MAX_PRESET_NAME)
        return editor
