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

Auto-repeated key presses are ignored; how held keys are counted is in ui/ptz/keys.py. A hold
also ends when the focus leaves, the panel hides or the camera changes, so that no camera is
left moving (and the service stops one whose repeats stop coming). The buttons are
ui/ptz/pad.py, the preset list ui/ptz/preset_list.py.

The lines above the pad (the camera's name, who holds it, the last message) keep one line's
height whatever they say, elided with the whole text as tooltip: the pad and the preset list
never move under the operator's pointer.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent, QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.ptz import MAX_STEP, MIN_STEP
from patrol_app.domain.ptz import PtzAction as A
from patrol_app.domain.ptz_records import PresetView
from patrol_app.platform.http import PlatformError
from patrol_app.platform.presets import PresetClient
from patrol_app.platform.ptz import PtzHolder
from patrol_app.ui.ptz.audit_dialog import source_label
from patrol_app.ui.ptz.control import PtzControl
from patrol_app.ui.ptz.keys import HOLD_KEYS, TEXT_INPUTS, HeldKeys, preset_key
from patrol_app.ui.ptz.pad import MovementPad
from patrol_app.ui.ptz.preset_list import PresetList
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.widgets.elided_label import ElidedLabel
from patrol_app.ui.widgets.message_line import MessageLine

_STYLE = """
#ptzMessage[tone="error"] { color: #c0392b; }
#ptzMessage[tone="warning"] { color: #b9770e; font-weight: bold; }
#ptzMessage[tone="info"] { color: #1e7e34; }
#ptzReason { color: #7f7f7f; }
#ptzHolder[mine="true"] { color: #1e7e34; }
"""


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
        self._keys = HeldKeys()
        self._button_hold = False

        self._title = _line("ptzCamera")
        self._reason = MessageLine(objectName="ptzReason")
        self._holder = _line("ptzHolder")
        self._message = _line("ptzMessage")  # always there: nothing jumps
        self._controls = QWidget(objectName="ptzControls")
        column = QVBoxLayout(self._controls)
        column.setContentsMargins(0, 0, 0, 0)
        pad = MovementPad()
        pad.pressed.connect(self.press)
        pad.released.connect(self.let_go)
        pad.stop.connect(self.stop)
        pad.light.connect(self.light)
        self._preset_list = PresetList()
        self._preset_list.recall.connect(self.recall)
        self._preset_list.rename.connect(self.rename_preset)
        self._preset_list.store.connect(self.store_preset)
        self._preset_list.unchosen.connect(
            lambda: self._say(self.tr("Choose a preset in the list."))
        )
        self._preset_list.setVisible(presets is not None)
        column.addWidget(pad)
        column.addLayout(self._build_speed())
        column.addWidget(self._preset_list, 1)

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
        return self._preset_list.presets

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
        self._preset_list.show_presets([])
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
            expected=(PlatformError,),
            owner=self,
        )

    def recall(self, number: int) -> None:
        """Turn the camera to preset ``number`` (one of its stored presets)."""
        camera = self._usable()
        if camera is None:
            return
        if self._store is not None and number not in self._preset_list.numbers():
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
        problem = self._preset_list.name_problem(name)
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
        problem = self._preset_list.name_problem(name)
        if problem:
            self._say(problem)
            self._preset_list.redraw()
            return
        self._runner.run(
            self._store.rename,
            camera.camera_num,
            number,
            name,
            on_done=lambda _: self.reload_presets(),
            on_error=self._store_failed,
            expected=(PlatformError,),
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
        if not event.isAutoRepeat() and self._keys.press(event.nativeScanCode(), action):
            self._update_key_hold()
        return True

    def key_released(self, event: QKeyEvent) -> bool:
        action = HOLD_KEYS.get(Qt.Key(event.key()))
        if action is None:
            return False
        if event.isAutoRepeat() or not self._keys:
            return True
        self._keys.release(event.nativeScanCode(), action)
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

    def _no_ptz_text(self) -> str:
        return self.tr("This camera has no pan-tilt head: it cannot be controlled.")

    def _say(self, text: str, tone: str = "error") -> None:
        self._message.setText(text)
        self._message.setProperty("tone", tone)
        self._message.style().polish(self._message)

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
        self._control.hold(camera_num, self._keys.actions())

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
            self._preset_list.clear_name()
            self._say(self.tr("Preset {number} stored").format(number=number), "info")
            self.reload_presets()

    def _presets_loaded(self, camera_num: str, presets: list[PresetView]) -> None:
        if self._camera is not None and camera_num == self._camera.camera_num:
            self._preset_list.show_presets(presets)

    def _store_failed(self, error: PlatformError) -> None:
        self._say(str(error))


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


def _line(name: str) -> ElidedLabel:
    """One of the lines above the pad: as wide as the panel lets it be, never wider."""
    label = ElidedLabel(objectName=name)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    return label
