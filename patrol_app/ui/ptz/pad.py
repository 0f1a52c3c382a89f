"""The PTZ panel's buttons (Z-1): the eight directions around a stop, zoom, focus and iris,
each moving while held, and the light switched on or off. Buttons never take the focus: the
keys stay with the panel or the wall."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QWidget,
)

from patrol_app.domain.ptz import PtzAction as A
from patrol_app.ui.ptz.control import DIRECTIONS

# The pad, row by row: (object name, arrow, direction index in DIRECTIONS or None for stop).
_PAD = (
    (("ptzUpLeft", "↖", 3), ("ptzUp", "↑", 2), ("ptzUpRight", "↗", 1)),
    (("ptzLeft", "←", 4), ("ptzStop", "■", None), ("ptzRight", "→", 0)),
    (("ptzDownLeft", "↙", 5), ("ptzDown", "↓", 6), ("ptzDownRight", "↘", 7)),
)
PAD_BUTTON = 40  # px, square


class MovementPad(QWidget):
    """``pressed(actions)`` when a button is pressed (a tuple of PtzAction: two for a
    diagonal), ``released`` when it is let go; ``stop``; ``light(on)``."""

    pressed = Signal(object)
    released = Signal()
    stop = Signal()
    light = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        for row, (title, *controls) in enumerate(rows):
            lenses.addWidget(QLabel(title), row, 0)
            for column, (name, text, action, tip) in enumerate(controls, start=1):
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
            button.clicked.connect(lambda _checked=False, on=on: self.light.emit(on))
            lenses.addWidget(button, len(rows), column)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(pad)
        layout.addSpacing(8)
        layout.addLayout(lenses, 1)

    def _hold_on_press(self, button: QAbstractButton, actions: tuple[A, ...]) -> None:
        button.pressed.connect(lambda: self.pressed.emit(actions))
        button.released.connect(self.released)


def _button(text: str, name: str, size: int = 0) -> QToolButton:
    """A button that never takes the focus: the keys stay with the panel or the wall."""
    button = QToolButton(objectName=name, text=text)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if size:
        button.setFixedSize(size, size)
    else:
        button.setMinimumWidth(48)
    return button
