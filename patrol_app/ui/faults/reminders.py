"""Overdue reminders of faults and work orders (F-2, F-3), as the patrols' (ui/patrols/
reminders.py): each deadline that goes overdue is told once, in the tray when there is one,
with the overdue sound."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from patrol_app.faults.board import FaultBoard
from patrol_app.faults.reminders import OverdueNews, OverdueWatch
from patrol_app.ui.faults.model import FaultModel

OVERDUE = "overdue"  # the patrol reminders' sound for what is overdue
TRAY_MS = 10_000
NAMES_IN_TRAY = 3


class FaultReminders(QObject):
    """Watches ``model``; ``notified(text)`` for each board that brings newly overdue
    deadlines. ``tray``: where to show it (None: no tray); ``play(kind)``: the sound."""

    notified = Signal(str)

    def __init__(
        self,
        model: FaultModel,
        parent: QObject | None = None,
        *,
        tray: QSystemTrayIcon | None,
        play: Callable[[str], None],
    ) -> None:
        super().__init__(parent)
        self._tray = tray
        self._play = play
        self._watch = OverdueWatch()
        model.changed.connect(self.check)

    def check(self, board: FaultBoard) -> None:
        news = self._watch.update(board)
        if not news:
            return
        text = self.text(news)
        self.notified.emit(text)
        if self._tray is not None:
            self._tray.showMessage(
                self.tr("Fault reminder"), text, QSystemTrayIcon.MessageIcon.Warning, TRAY_MS
            )
        self._play(OVERDUE)

    def text(self, news: OverdueNews) -> str:
        lines = []
        if news.faults:
            places = [f"{record.pile} {record.kind.label}" for record in news.faults]
            shown = self.tr(", ").join(places[:NAMES_IN_TRAY])
            if len(places) > NAMES_IN_TRAY:
                shown += self.tr(" and {count} more").format(count=len(places) - NAMES_IN_TRAY)
            lines.append(
                self.tr("{count} video faults overdue: {faults}").format(
                    count=len(news.faults), faults=shown
                )
            )
        if news.orders:
            lines.append(
                self.tr("{count} work orders overdue for feedback").format(count=len(news.orders))
            )
        return "\n".join(lines)
