"""Patrol reminders (P-1..P-3): as the clock moves, cameras that fall due and become overdue
are told once each, in the tray and with a sound; against a real store."""

from __future__ import annotations

import wave
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from patrol_app.store.patrols import PatrolStore
from patrol_app.ui.patrols.model import PatrolModel
from patrol_app.ui.patrols.reminders import SOUND_FILES, Reminders, SoundPlayer
from tests.ui.patrol_helpers import (
    MAINLINE,
    T0,
    THREE,
    TOLL,
    TUNNEL,
    Clock,
    check,
    load,
    refreshed,
)


def due_text(count: int) -> str:
    return QCoreApplication.translate("Reminders", "{count} cameras due for patrol").format(
        count=count
    )


def overdue_text(count: int) -> str:
    return QCoreApplication.translate("Reminders", "{count} cameras overdue for patrol").format(
        count=count
    )


class RecordingTray(QSystemTrayIcon):
    """A tray that keeps its messages instead of showing them."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[tuple[str, str, QSystemTrayIcon.MessageIcon]] = []

    def showMessage(self, title: str, text: str, icon: Any = None, msecs: int = 10_000) -> None:
        self.messages.append((title, text, icon))


def test_due_then_overdue_are_told_exactly_once(
    qtbot: QtBot, patrol_model: PatrolModel, patrol_store: PatrolStore, patrol_clock: Clock
) -> None:
    told: list[tuple[str, str]] = []
    played: list[str] = []
    reminders = Reminders(patrol_model, tray=None, play=played.append)
    reminders.notified.connect(lambda kind, text: told.append((kind, text)))

    def heard() -> tuple[list[tuple[str, str]], list[str]]:
        """What was told and played since the last call."""
        result = (list(told), list(played))
        told.clear()
        played.clear()
        return result

    def later(**delta: float) -> tuple[list[tuple[str, str]], list[str]]:
        patrol_clock.advance(**delta)
        refreshed(qtbot, patrol_model)
        return heard()

    nothing: tuple[list[tuple[str, str]], list[str]] = ([], [])

    # The first snapshot tells what is already due: never patrolled, all three.
    load(qtbot, patrol_model, THREE)
    assert heard() == ([("due", due_text(3))], ["due"])
    assert later() == nothing  # not again

    # All patrolled at 09:05: nothing due.
    for camera in THREE:
        check(patrol_store, camera, T0 + timedelta(minutes=5))
    assert later(minutes=10) == nothing

    # 09:50: the tunnel (hourly) falls due, 15 min before its 10:05 deadline; told once.
    assert later(minutes=40) == ([("due", due_text(1))], ["due"])
    assert later(minutes=10) == nothing

    # 10:05 is still on time; a second later it is overdue, told once.
    assert later(minutes=5) == nothing
    assert later(seconds=1) == ([("overdue", overdue_text(1))], ["overdue"])
    assert later(minutes=20) == nothing

    # 10:35: the two daily cameras fall due (deadline 11:05); the tunnel is not told again.
    assert later(minutes=10) == ([("due", due_text(2))], ["due"])

    # The tunnel is patrolled: it left "overdue"; when it falls due again it is told again.
    check(patrol_store, TUNNEL, patrol_clock.now)
    assert later() == nothing
    # 11:20: m1 and p1 overdue since 11:05, t1 due (deadline 11:35); one sound, the louder.
    assert later(minutes=45) == (
        [("due", due_text(1)), ("overdue", overdue_text(2))],
        ["overdue"],
    )


def test_tray_messages(qtbot: QtBot, patrol_model: PatrolModel, patrol_clock: Clock) -> None:
    tray = RecordingTray()
    played: list[str] = []
    reminders = Reminders(patrol_model, tray=tray, play=played.append)
    load(qtbot, patrol_model, [TUNNEL, MAINLINE, TOLL])
    assert len(tray.messages) == 1
    title, text, icon = tray.messages[0]
    assert title == QCoreApplication.translate("Reminders", "Patrol reminder")
    assert text.startswith(due_text(3))
    # The first cameras by pile number; the name of each.
    assert TOLL.name in text and MAINLINE.name in text and TUNNEL.name in text
    assert text.index(TOLL.pile) < text.index(MAINLINE.pile) < text.index(TUNNEL.pile)
    assert icon == QSystemTrayIcon.MessageIcon.Information

    patrol_clock.advance(hours=1, seconds=1)  # the tunnel is overdue
    refreshed(qtbot, patrol_model)
    title, text, icon = tray.messages[-1]
    assert text.startswith(overdue_text(1)) and TUNNEL.name in text
    assert icon == QSystemTrayIcon.MessageIcon.Warning
    assert played == ["due", "overdue"]
    reminders.deleteLater()


def test_many_cameras_are_summed_up_in_the_tray(
    qtbot: QtBot, patrol_model: PatrolModel, patrol_store: PatrolStore
) -> None:
    tray = RecordingTray()
    reminders = Reminders(patrol_model, tray=tray, play=lambda kind: None)
    cameras = [
        MAINLINE.__class__(**{**MAINLINE.__dict__, "camera_num": f"m{n}", "pile": f"K18{n}+000"})
        for n in range(10, 15)
    ]
    load(qtbot, patrol_model, cameras)
    text = tray.messages[0][1]
    more = QCoreApplication.translate("Reminders", " and {count} more").format(count=2)
    assert text.startswith(due_text(5)) and text.endswith(more)
    assert "K1810+000" in text and "K1814+000" not in text
    reminders.deleteLater()


def test_sound_player_is_quiet_without_audio_device(qtbot: QtBot) -> None:
    """The default sound player plays on the default output, and is silent (no warning
    beyond Qt's own) on a machine without one."""
    from PySide6.QtMultimedia import QMediaDevices

    player = SoundPlayer()
    player("due")
    player("overdue")
    if not QMediaDevices.audioOutputs():
        assert player.effects == {}
    else:
        assert set(player.effects) == {"due", "overdue"}


@pytest.mark.parametrize("kind", ["due", "overdue"])
def test_the_sounds_are_short_mono_16_bit_wavs(kind: str) -> None:
    path = SOUND_FILES[kind]
    assert path.stat().st_size < 30_000
    with wave.open(str(path)) as sound:
        assert sound.getnchannels() == 1 and sound.getsampwidth() == 2
        assert 0.2 < sound.getnframes() / sound.getframerate() < 1.0
