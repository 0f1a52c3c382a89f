"""Dialogs opened beside the main window fit the screen they open on."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from patrol_app.ui.widgets.dialogs import TITLE_BAR, show_dialog


def test_a_dialog_sized_for_a_large_screen_fits_a_small_one(qtbot: QtBot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    room = dialog.screen().availableGeometry()
    dialog.resize(room.width() + 300, room.height() + 200)
    show_dialog(dialog)
    assert dialog.width() <= room.width()
    assert dialog.height() <= room.height() - TITLE_BAR
