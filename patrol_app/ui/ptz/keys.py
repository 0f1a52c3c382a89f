"""The PTZ panel's keys (Z-1), see ui/ptz/panel.py: arrows turn and tilt while held (one of
each axis: a diagonal), + / - zoom while held, 1-9 recall presets.

Auto-repeated key presses are ignored: a held key is one move, its release the stop. The keys
held are counted by the physical key (its scan code) or else by what they mean, so that a key
released in another form than it was pressed (Shift let go first: + pressed, = released)
still ends its move; a release of a move key that matches nothing held lets every key go (a
move must never outlive the keys that drive it)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QTextEdit

from patrol_app.domain.ptz import PtzAction as A

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


class HeldKeys:
    """The move keys down, in the order pressed, and the move they make together."""

    def __init__(self) -> None:
        self._keys: list[HeldKey] = []

    def __bool__(self) -> bool:
        return bool(self._keys)

    def press(self, scan_code: int, action: A) -> bool:
        """A key goes down; False when it is held already (by its scan code or meaning)."""
        if any(
            held.action is action or (scan_code and held.scan_code == scan_code)
            for held in self._keys
        ):
            return False
        self._keys.append(HeldKey(scan_code, action))
        return True

    def release(self, scan_code: int, action: A) -> None:
        """A key comes up: the one it matches is let go, every one when it matches none."""
        held = next((k for k in self._keys if k.released_by(scan_code, action)), None)
        if held is not None:
            self._keys.remove(held)
        else:
            self._keys.clear()  # a release we cannot match: let go rather than move on

    def clear(self) -> None:
        self._keys.clear()

    def actions(self) -> tuple[A, ...]:
        """The move of the keys held: the newest zoom key alone, else the newest arrow of each
        axis (a horizontal and a vertical one are a diagonal); () when none is held."""
        if not self._keys:
            return ()
        last = self._keys[-1].action
        if last.is_zoom:
            return (last,)
        arrows = [key.action for key in reversed(self._keys) if not key.action.is_zoom]
        pan = next((action for action in arrows if action.is_pan), None)
        tilt = next((action for action in arrows if action.is_tilt), None)
        return tuple(action for action in (pan, tilt) if action is not None)
