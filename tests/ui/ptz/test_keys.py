"""The keys held on the PTZ panel (ui/ptz/keys.py): counted by scan code or meaning, one move
of the newest zoom or of the newest arrow of each axis."""

from __future__ import annotations

from patrol_app.domain.ptz import PtzAction as A
from patrol_app.ui.ptz.keys import HeldKeys


def test_a_key_held_is_pressed_once_and_two_axes_make_a_diagonal() -> None:
    keys = HeldKeys()
    assert not keys and keys.actions() == ()
    assert keys.press(30, A.LEFT)
    assert not keys.press(30, A.LEFT)  # held already (an auto-repeat passed through)
    assert keys.press(31, A.UP)
    assert keys.actions() == (A.LEFT, A.UP)
    assert keys.press(32, A.RIGHT)  # the newest of an axis counts
    assert keys.actions() == (A.RIGHT, A.UP)
    keys.release(32, A.RIGHT)
    assert keys.actions() == (A.LEFT, A.UP)


def test_the_newest_zoom_key_moves_alone_and_a_release_in_another_form_ends_it() -> None:
    keys = HeldKeys()
    keys.press(30, A.LEFT)
    keys.press(13, A.ZOOM_IN)  # + (Shift+=)
    assert keys.actions() == (A.ZOOM_IN,)
    keys.release(13, A.ZOOM_OUT)  # the same physical key, read otherwise
    assert keys.actions() == (A.LEFT,)


def test_a_release_matching_nothing_lets_every_key_go() -> None:
    keys = HeldKeys()
    keys.press(0, A.LEFT)
    keys.press(0, A.UP)
    keys.release(0, A.DOWN)
    assert not keys and keys.actions() == ()
