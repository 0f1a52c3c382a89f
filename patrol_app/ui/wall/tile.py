"""One tile of the video wall (W-4): a header with the camera's name on its first line and its
pile, direction, grade, tour and state on the second, the video below it, and the tile's menu
(grade, snapshot, tour, close). A long name loses its start, never its end (the pile, the
direction and the site); the pile and direction are never cut.

Nothing is painted over the video: a QVideoWidget is a native surface that covers any sibling
drawn on top. Until the first frame (and while the stream reconnects) the body shows a state
page instead of the video, through a QStackedLayout that also holds the spare player's view.

On a controllable camera (``hasControl`` = 1, once the PTZ wiring gave the tile its
control, ``TilePtz``), the picture drives the camera (Z-1, ``PictureGestures`` in
picture_ptz.py) and the menu has the PTZ entries. The mouse reaches the tile
through ``eventFilter``: the video surface is a native window that keeps its events.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol, cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QActionGroup,
    QContextMenuEvent,
    QDragEnterEvent,
    QDropEvent,
    QMouseEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.camera import CameraEntry, Orientation
from patrol_app.domain.grades import GRADES
from patrol_app.domain.layouts import GRID_GRADE
from patrol_app.ui.video.player import PlayerState, VideoPlayer
from patrol_app.ui.video.stream import LiveStream
from patrol_app.ui.wall.camera_tree import CAMERA_MIME
from patrol_app.ui.wall.picture_ptz import PictureGestures, TilePtz
from patrol_app.ui.widgets.elided_label import ElidedLabel

DEBUG_REFRESH_MS = 500


_STYLE = """
#tile { border: 2px solid #1e1e1e; background: #1e1e1e; }
#tile[selected="true"] { border-color: #3d8bfd; }
#tileHeader { background: #2b2b2b; }
#tileHeader QLabel { color: #e8e8e8; }
#tileGrade { color: #9ec5fe; }
#tileTour { color: #1e1e1e; background: #f0b429; padding: 0 4px; border-radius: 2px; }
#tileDebug { color: #b0b0b0; font-family: monospace; }
#tileState[state="connecting"] { color: #f0b429; }
#tileState[state="playing"] { color: #4cbb5a; }
#tileState[state="no_signal"] { color: #ff6b5b; }
#tileMessage { color: #b0b0b0; }
#tileMessage[state="no_signal"] { color: #ff8a7d; font-size: 15px; }
"""


class TileTour(Protocol):
    """What a tile's menu drives of the tour running in it (a ``TourPlayer``)."""

    @property
    def paused(self) -> bool: ...

    def pause(self) -> None: ...

    def resume(self) -> None: ...

    def previous(self) -> None: ...

    def next(self) -> None: ...

    def stop(self) -> None: ...


class Tile(QFrame):
    """Shows one camera through its ``LiveStream``; the wall decides what plays where."""

    clicked = Signal()
    enlarge_requested = Signal()  # double-click, or the menu: enlarge to the wall, or back
    camera_dropped = Signal(str)
    close_requested = Signal()
    snapshot_requested = Signal()
    tour_requested = Signal(str)  # the operator starts the named tour in this tile
    changed = Signal()  # camera or stream state
    selection_changed = Signal(bool)  # the wall selected the tile (True) or another one
    ptz_panel_requested = Signal()  # the menu's "PTZ panel": show it for this tile's camera
    fault_requested = Signal()  # the menu's "register a video fault" of this tile's camera

    def __init__(self, stream: LiveStream, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setStyleSheet(_STYLE)
        self.setAcceptDrops(True)
        self._stream = stream
        stream.setParent(self)
        stream.changed.connect(self._show_stream)
        self._camera: CameraEntry | None = None
        self._auto_grade = GRID_GRADE
        self._manual_grade: int | None = None
        self._tour: TileTour | None = None
        self._tour_names: list[str] = []
        self._enlarged = False
        self._selected = False
        self._picture = PictureGestures()

        self._shown_elsewhere: Callable[[str], bool] = lambda _camera_num: False
        # Texts are elided, never widening the tile: a tour must not make the wall, and the
        # window, wider, and sixteen tiles must leave the camera tree its room. The name has
        # a line of its own and loses its start: Appendix A names end with the pile, the
        # direction and the site, which tell the operator where the picture is.
        self._name = ElidedLabel(objectName="tileName", mode=Qt.TextElideMode.ElideLeft)
        # The pile and direction: kept whole, whatever the tile's width.
        self._place = QLabel(objectName="tilePlace")
        self._grade = ElidedLabel(objectName="tileGrade")
        self._tour_label = ElidedLabel(objectName="tileTour", mode=Qt.TextElideMode.ElideMiddle)
        self._debug = ElidedLabel(objectName="tileDebug", mode=Qt.TextElideMode.ElideMiddle)
        self._state_label = ElidedLabel(objectName="tileState")
        header = QWidget(objectName="tileHeader")
        lines = QVBoxLayout(header)
        lines.setContentsMargins(6, 2, 6, 2)
        lines.setSpacing(0)
        lines.addWidget(self._name)
        row = QHBoxLayout()
        row.setSpacing(8)
        for label in (self._place, self._grade, self._tour_label, self._debug):
            row.addWidget(label)
        row.addStretch(1)
        row.addWidget(self._state_label)
        lines.addLayout(row)
        for label in (self._grade, self._tour_label, self._debug):
            label.hide()
        self._debug_timer = QTimer(self, interval=DEBUG_REFRESH_MS)
        self._debug_timer.timeout.connect(self._show_debug)

        self._message = QLabel(
            objectName="tileMessage", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True
        )
        self._body = QStackedLayout()
        self._body.addWidget(self._message)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addLayout(self._body, 1)
        self.set_selected(False)
        self._grade_changed(self.grade)
        self._show_stream()

    @property
    def stream(self) -> LiveStream:
        return self._stream

    @property
    def player(self) -> VideoPlayer:
        """The player on screen."""
        return self._stream.player

    @property
    def camera(self) -> CameraEntry | None:
        return self._camera

    @property
    def state(self) -> PlayerState:
        return self._stream.state

    @property
    def grade(self) -> int:
        """The grade it plays: the operator's choice, else the wall's automatic grade."""
        return self._auto_grade if self._manual_grade is None else self._manual_grade

    @property
    def manual_grade(self) -> int | None:
        return self._manual_grade

    @property
    def tour(self) -> TileTour | None:
        return self._tour

    @property
    def controllable(self) -> bool:
        """The picture and the menu drive the camera: it has PTZ and the tile a control."""
        return self._picture.controllable(self._camera)

    def set_ptz(self, control: TilePtz | None) -> None:
        """The workstation's PTZ control (None: the tile only shows video)."""
        self._picture.control = control

    def set_gestures(self, enabled: bool) -> None:
        """Whether a drag or the wheel on the picture drives the camera: only while the PTZ
        panel is shown, where the operator sees who holds it (a gesture under way ends as
        usual)."""
        self._picture.enabled = enabled

    def set_shown_elsewhere(self, shown: Callable[[str], bool]) -> None:
        """``shown(camera_num)``: another tile, on any wall, shows that camera. A
        camera the tile leaves is given up only when no other tile shows it: a tour that
        moves it to another tile keeps the control it just took to call a preset."""
        self._shown_elsewhere = shown

    def play(self, camera: CameraEntry) -> None:
        """Show ``camera``; its address comes from the platform through the stream."""
        if self._camera is not None and self._camera.camera_num != camera.camera_num:
            self._let_camera_go()
        self._camera = camera
        self._name.setText(camera.name)
        self._place.setText(f"{camera.pile} {Orientation(camera.orientation).label}")
        self._grade.show()
        self._stream.play(camera.camera_num, self.grade)

    def preload(self, camera: CameraEntry) -> None:
        """Connect ``camera`` ahead of ``play`` (the next camera of a tour)."""
        self._stream.preload(camera.camera_num, self.grade)

    def clear(self) -> None:
        self._let_camera_go()
        self._stream.clear()
        self._camera = None
        self._name.setText("")
        self._place.setText("")
        self._grade.hide()  # an empty tile shows no grade, as it shows no camera
        self._show_stream()

    def set_auto_grade(self, grade: int) -> None:
        """The wall's grade for this tile (W-2): low in a grid, high when alone on screen."""
        before, self._auto_grade = self.grade, grade
        self._grade_changed(before)

    def set_manual_grade(self, grade: int | None) -> None:
        """The operator's grade ("高清切换"); None goes back to the wall's."""
        before, self._manual_grade = self.grade, grade
        self._grade_changed(before)

    def set_tour(self, tour: TileTour | None, text: str = "") -> None:
        """The tour running in this tile, with its name and progress; None when it stops."""
        self._tour = tour
        self._tour_label.setText(text)
        self._tour_label.setVisible(tour is not None)

    def set_tour_names(self, names: list[str]) -> None:
        """The saved tours the menu offers to run in this tile."""
        self._tour_names = list(names)

    def set_enlarged(self, enlarged: bool) -> None:
        self._enlarged = enlarged

    def set_debug(self, shown: bool) -> None:
        """Show the measured start time and frame count in the header (W-3)."""
        self._debug.setVisible(shown)
        if shown:
            self._show_debug()
            self._debug_timer.start()
        else:
            self._debug_timer.stop()

    def set_selected(self, selected: bool) -> None:
        self.setProperty("selected", selected)
        self.style().polish(self)  # re-evaluate the [selected] rule
        if selected != self._selected:
            self._selected = selected
            self.selection_changed.emit(selected)

    def menu(self) -> QMenu:
        """The tile's menu, built for its present state; the actions have object names."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        grades = menu.addMenu(self.tr("Stream grade"))
        group = QActionGroup(grades)
        automatic = grades.addAction(
            self.tr("Automatic ({grade})").format(grade=GRADES[self._auto_grade].label)
        )
        automatic.setObjectName("gradeAuto")
        automatic.setCheckable(True)
        automatic.setChecked(self._manual_grade is None)
        automatic.triggered.connect(lambda: self.set_manual_grade(None))
        group.addAction(automatic)
        for grade in GRADES:
            action = grades.addAction(grade.label)
            action.setObjectName(f"grade{grade.number}")
            action.setCheckable(True)
            action.setChecked(self._manual_grade == grade.number)
            action.triggered.connect(lambda _checked, n=grade.number: self.set_manual_grade(n))
            group.addAction(action)
        snapshot = menu.addAction(self.tr("Snapshot"), self.snapshot_requested.emit)
        snapshot.setObjectName("snapshot")
        snapshot.setEnabled(self.state is PlayerState.PLAYING)
        enlarge = menu.addAction(
            self.tr("Back to the wall (Esc)") if self._enlarged else self.tr("Enlarge (Enter)"),
            self.enlarge_requested.emit,
        )
        enlarge.setObjectName("enlarge")
        enlarge.setEnabled(self._camera is not None or self._enlarged)
        self._add_tour_menu(menu.addMenu(self.tr("Tour")))
        self._add_ptz_menu(menu.addMenu(self.tr("PTZ")))
        fault = menu.addAction(self.tr("Register a video fault…"), self.fault_requested.emit)
        fault.setObjectName("registerFault")
        fault.setEnabled(self._camera is not None)
        close = menu.addAction(self.tr("Close"), self.close_requested.emit)
        close.setObjectName("close")
        close.setEnabled(self._camera is not None)
        return menu

    def _add_tour_menu(self, menu: QMenu) -> None:
        tour = self._tour
        if tour is None:
            for name in self._tour_names:
                action = menu.addAction(name, partial(self.tour_requested.emit, name))
                action.setObjectName(f"tour:{name}")
            if not self._tour_names:
                menu.addAction(self.tr("No saved tours")).setEnabled(False)
            return
        if tour.paused:
            menu.addAction(self.tr("Resume"), tour.resume).setObjectName("tourResume")
        else:
            menu.addAction(self.tr("Pause"), tour.pause).setObjectName("tourPause")
        menu.addAction(self.tr("Previous"), tour.previous).setObjectName("tourPrevious")
        menu.addAction(self.tr("Next"), tour.next).setObjectName("tourNext")
        menu.addAction(self.tr("Stop tour"), tour.stop).setObjectName("tourStop")

    def _add_ptz_menu(self, menu: QMenu) -> None:
        menu.setObjectName("ptzMenu")
        control, camera = self._picture.control, self._camera
        if control is None or camera is None or not camera.has_control:
            menu.setEnabled(False)
            if camera is not None and not camera.has_control:
                menu.setTitle(self.tr("PTZ (not controllable)"))
            return
        number = camera.camera_num
        for text, act, name in (
            (self.tr("PTZ panel…"), self.ptz_panel_requested.emit, "ptzPanel"),
            (self.tr("Stop"), lambda: control.stop(number), "ptzStop"),
            (self.tr("Light on"), lambda: control.switch_light(number, True), "ptzLightOn"),
            (self.tr("Light off"), lambda: control.switch_light(number, False), "ptzLightOff"),
            (self.tr("Release control"), lambda: control.release(number), "ptzRelease"),
        ):
            menu.addAction(text, act).setObjectName(name)

    def _let_camera_go(self) -> None:
        camera = self._camera
        shown = camera is not None and self._shown_elsewhere(camera.camera_num)
        self._picture.let_camera_go(camera, shown)

    def _reach(self) -> float:
        """How long a drag on the picture is for the fastest move: half its shorter side."""
        picture = self.size() if (shown := self._body.currentWidget()) is None else shown.size()
        return min(picture.width(), picture.height()) / 2

    def _grade_changed(self, before: int) -> None:
        self._grade.setText(GRADES[self.grade].label)
        self._grade.setToolTip(
            self.tr("Chosen by the operator")
            if self._manual_grade is not None
            else self.tr("Chosen by the wall for the tile size")
        )
        if self.grade != before:
            self._stream.switch_grade(self.grade)

    def _show_stream(self) -> None:
        stream = self._stream
        for player in stream.players:  # a new spare's view joins the stack
            if self._body.indexOf(player.view) < 0:
                self._body.addWidget(player.view)
                for surface in (player.view, *player.view.findChildren(QWidget)):
                    surface.installEventFilter(self)
        state = stream.state
        self._state_label.setText(self._state_text(state))
        for label in (self._state_label, self._message):
            label.setProperty("state", state.value)
            label.style().polish(label)  # re-evaluate [state] rules
        if state is PlayerState.PLAYING:
            self._body.setCurrentWidget(stream.player.view)
        else:
            self._message.setText(self._message_text(state))
            self._body.setCurrentWidget(self._message)
        self.changed.emit()

    def _show_debug(self) -> None:
        seconds = self._stream.start_seconds
        start = "—" if seconds is None else f"{seconds:.2f}"
        self._debug.setText(
            self.tr("start {seconds} s · {frames} frames").format(
                seconds=start, frames=self.player.frames
            )
        )

    def _state_text(self, state: PlayerState) -> str:
        return {
            PlayerState.IDLE: self.tr("Idle"),
            PlayerState.CONNECTING: self.tr("Connecting"),
            PlayerState.PLAYING: self.tr("Playing"),
            PlayerState.NO_SIGNAL: self.tr("No signal"),
        }[state]

    def _message_text(self, state: PlayerState) -> str:
        if state is PlayerState.IDLE:
            return self.tr("Double-click a camera in the directory or drag it here")
        if state is PlayerState.NO_SIGNAL:
            lost = self.tr("No signal: {reason}").format(reason=self._stream.reason)
            again = self.tr("Reconnecting (attempt {attempt})…").format(
                attempt=self._stream.attempts
            )
            return f"{lost}\n{again}"
        return self._state_text(state)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # A tour's label (with its preset) takes at most half the header's second line: the
        # pile and the grade keep the rest.
        self._tour_label.setMaximumWidth(max(0, event.size().width() // 2))
        super().resizeEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit()
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.enlarge_requested.emit()
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.menu().popup(event.globalPos())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Qt 6's QVideoWidget shows the video in a native window container that takes the
        # drag events over the picture and does not pass them to its parents (mouse events
        # it does pass: checked under Xvfb).
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            self.dragEnterEvent(cast(QDragEnterEvent, event))  # a move is handled alike
            return event.isAccepted()
        if event.type() is QEvent.Type.Drop:
            self.dropEvent(cast(QDropEvent, event))
            return True
        if isinstance(event, QMouseEvent) and self._picture.mouse(event, self._camera, self._reach):
            return True
        if event.type() is QEvent.Type.Wheel and isinstance(event, QWheelEvent):
            return self._picture.wheel(event, self._camera)
        return super().eventFilter(watched, event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(CAMERA_MIME):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        numbers = bytes(event.mimeData().data(CAMERA_MIME).data()).decode().split()
        if numbers:
            event.acceptProposedAction()
            self.camera_dropped.emit(numbers[0])
