"""One tile of the video wall (W-4): a header strip with the camera and its state, the video
below it.

Nothing is painted over the video: a QVideoWidget is a native surface that covers any sibling
drawn on top. Until the first frame (and after a failure) the body shows a state page instead
of the video, through a QStackedLayout.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStackedLayout, QVBoxLayout, QWidget

from patrol_app.domain.camera import Orientation
from patrol_app.platform.sharing import CameraEntry
from patrol_app.ui.camera_tree import CAMERA_MIME
from patrol_app.ui.player import PlayerState, VideoPlayer


class _ElidedLabel(QLabel):
    """A one-line label that elides in the middle, as Appendix A shortens camera names."""

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        text = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideMiddle, self.contentsRect().width()
        )
        painter.drawText(self.contentsRect(), Qt.AlignmentFlag.AlignVCenter, text)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())


_STYLE = """
#tile { border: 2px solid #1e1e1e; background: #1e1e1e; }
#tile[selected="true"] { border-color: #3d8bfd; }
#tileHeader { background: #2b2b2b; }
#tileHeader QLabel { color: #e8e8e8; }
#tileState[state="connecting"] { color: #f0b429; }
#tileState[state="playing"] { color: #4cbb5a; }
#tileState[state="no_signal"] { color: #ff6b5b; }
#tileMessage { color: #b0b0b0; }
"""


class Tile(QFrame):
    """Shows one camera's stream; the wall decides what plays where."""

    clicked = Signal()
    camera_dropped = Signal(str)
    state_changed = Signal(PlayerState)

    def __init__(self, player: VideoPlayer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setStyleSheet(_STYLE)
        self.setAcceptDrops(True)
        self._player = player
        player.setParent(self)
        player.state_changed.connect(self._show_state)
        player.error.connect(self._set_detail)
        self._camera: CameraEntry | None = None
        self._state = PlayerState.IDLE
        self._detail = ""

        self._name = _ElidedLabel(objectName="tileName")
        self._place = QLabel(objectName="tilePlace")
        self._state_label = QLabel(objectName="tileState")
        header = QWidget(objectName="tileHeader")
        row = QHBoxLayout(header)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(self._name, 1)
        row.addWidget(self._place)
        row.addWidget(self._state_label)

        self._message = QLabel(
            objectName="tileMessage", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True
        )
        self._body = QStackedLayout()
        self._body.addWidget(self._message)
        self._body.addWidget(player.view)
        for surface in (player.view, *player.view.findChildren(QWidget)):
            surface.installEventFilter(self)  # drops on the video: see eventFilter

        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addLayout(self._body, 1)
        self.set_selected(False)
        self._show_state(PlayerState.IDLE)

    @property
    def player(self) -> VideoPlayer:
        return self._player

    @property
    def camera(self) -> CameraEntry | None:
        return self._camera

    @property
    def state(self) -> PlayerState:
        return self._state

    def assign(self, camera: CameraEntry) -> None:
        """Show ``camera`` as connecting; the wall opens its address once it has it."""
        self._player.stop()
        self._camera = camera
        self._name.setText(camera.name)
        self._name.setToolTip(camera.name)
        self._place.setText(f"{camera.pile} {Orientation(camera.orientation).label}")
        self._show_state(PlayerState.CONNECTING)

    def open(self, url: str) -> None:
        self._player.open(url)

    def fail(self, message: str) -> None:
        """No stream to open (the platform refused or did not answer)."""
        self._detail = message
        self._show_state(PlayerState.NO_SIGNAL)

    def clear(self) -> None:
        self._player.stop()
        self._camera = None
        self._name.setText("")
        self._name.setToolTip("")
        self._place.setText("")
        self._show_state(PlayerState.IDLE)

    def set_selected(self, selected: bool) -> None:
        self.setProperty("selected", selected)
        self.style().polish(self)  # re-evaluate the [selected] rule

    def _show_state(self, state: PlayerState) -> None:
        if state is PlayerState.CONNECTING:
            self._detail = ""
        changed, self._state = state is not self._state, state
        self._state_label.setText(self._state_text(state))
        self._state_label.setProperty("state", state.value)
        self._state_label.style().polish(self._state_label)  # re-evaluate [state] rules
        if state is PlayerState.PLAYING:
            self._body.setCurrentWidget(self._player.view)
        else:
            self._message.setText(self._message_text(state))
            self._body.setCurrentWidget(self._message)
        if changed:
            self.state_changed.emit(state)

    def _set_detail(self, message: str) -> None:
        self._detail = message
        if self._state is PlayerState.NO_SIGNAL:
            self._message.setText(self._message_text(self._state))

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
        if state is PlayerState.NO_SIGNAL and self._detail:
            return f"{self._state_text(state)}\n{self._detail}"
        return self._state_text(state)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit()
        super().mousePressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Qt 6's QVideoWidget shows the video in a native window container that takes the
        # drag events over the picture and does not pass them to its parents.
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            self.dragEnterEvent(event)
            return event.isAccepted()
        if event.type() is QEvent.Type.Drop:
            self.dropEvent(event)
            return True
        return super().eventFilter(watched, event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(CAMERA_MIME):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        numbers = bytes(event.mimeData().data(CAMERA_MIME).data()).decode().split()
        if numbers:
            event.acceptProposedAction()
            self.camera_dropped.emit(numbers[0])
