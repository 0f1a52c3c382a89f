"""Patrol reminders (P-1..P-3, P-8 "24-hour uninterrupted patrol"): when cameras fall due or
become overdue, one notification per kind, in the tray when there is one, with a sound.

A camera is told once per state: it is told again only after it has left that state (it was
patrolled, then fell due again). The first snapshot tells what is already due or overdue.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
from PySide6.QtWidgets import QSystemTrayIcon

from patrol_app.domain.patrols import DueState
from patrol_app.patrols.snapshot import PatrolSnapshot
from patrol_app.resources import RESOURCES_DIR
from patrol_app.ui.patrols.model import PatrolModel

log = logging.getLogger(__name__)

SOUNDS = RESOURCES_DIR / "sounds"
DUE = "due"
OVERDUE = "overdue"
SOUND_FILES = {DUE: SOUNDS / "patrol_due.wav", OVERDUE: SOUNDS / "patrol_overdue.wav"}
TRAY_MS = 10_000
NAMES_IN_TRAY = 3


class SoundPlayer(QObject):
    """Plays the reminder sounds through Qt Multimedia on the default audio output; silent
    (and quiet about it) on a machine without one."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._effects: dict[str, QSoundEffect] = {}

    @property
    def effects(self) -> dict[str, QSoundEffect]:
        """The sounds loaded so far, by kind."""
        return dict(self._effects)

    def __call__(self, kind: str) -> None:
        if not QMediaDevices.audioOutputs():
            log.info("no audio output: the %s reminder is not played", kind)
            return
        effect = self._effects.get(kind)
        if effect is None:
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(SOUND_FILES[kind])))
            self._effects[kind] = effect
        effect.play()


class Reminders(QObject):
    """Watches ``model``; ``notified(kind, text)`` with kind ``"due"`` or ``"overdue"``.

    ``tray``: where to show the messages (None when the desktop has no tray);
    ``play``: plays a kind's sound (default: the WAV files through Qt Multimedia).
    """

    notified = Signal(str, str)

    def __init__(
        self,
        model: PatrolModel,
        parent: QObject | None = None,
        *,
        tray: QSystemTrayIcon | None,
        play: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._tray = tray
        self._play = play if play is not None else SoundPlayer(self)
        self._told: dict[str, set[str]] = {DUE: set(), OVERDUE: set()}
        model.changed.connect(self.check)

    @property
    def tray(self) -> QSystemTrayIcon | None:
        """Where the reminders are shown (the fault reminders use it too)."""
        return self._tray

    @property
    def play(self) -> Callable[[str], None]:
        """Plays a kind's sound (the fault reminders use it too)."""
        return self._play

    def check(self, snapshot: PatrolSnapshot) -> None:
        """Tell the cameras that fell due or became overdue since the last snapshot."""
        now = {
            DUE: {due.camera_num for due in snapshot.due if due.state is DueState.DUE},
            OVERDUE: {due.camera_num for due in snapshot.due if due.state is DueState.OVERDUE},
        }
        new = {kind: now[kind] - self._told[kind] for kind in now}
        self._told = now
        texts: list[tuple[str, str]] = []
        if new[DUE]:
            texts.append(
                (DUE, self.tr("{count} cameras due for patrol").format(count=len(new[DUE])))
            )
        if new[OVERDUE]:
            texts.append(
                (
                    OVERDUE,
                    self.tr("{count} cameras overdue for patrol").format(count=len(new[OVERDUE])),
                )
            )
        if not texts:
            return
        for kind, text in texts:
            self.notified.emit(kind, text)
        loudest = OVERDUE if new[OVERDUE] else DUE
        if self._tray is not None:
            lines = [
                self.tr("{summary}: {cameras}").format(
                    summary=text, cameras=self._names(snapshot, new[kind])
                )
                for kind, text in texts
            ]
            icon = (
                QSystemTrayIcon.MessageIcon.Warning
                if loudest == OVERDUE
                else QSystemTrayIcon.MessageIcon.Information
            )
            self._tray.showMessage(self.tr("Patrol reminder"), "\n".join(lines), icon, TRAY_MS)
        self._play(loudest)

    def _names(self, snapshot: PatrolSnapshot, numbers: set[str]) -> str:
        """The first few cameras in round order, then how many more."""
        names = [
            f"{camera.pile} {camera.name}" if camera else number
            for number in snapshot.due_cameras()
            if number in numbers
            for camera in [snapshot.cameras.get(number)]
        ]
        shown = self.tr(", ").join(names[:NAMES_IN_TRAY])
        if len(names) > NAMES_IN_TRAY:
            shown += self.tr(" and {count} more").format(count=len(names) - NAMES_IN_TRAY)
        return shown
