"""Opening the main window's dialogs: beside the window (not modal), deleted once closed."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

Dialog = TypeVar("Dialog", bound=QDialog)

TITLE_BAR = 40  # px the window manager's frame adds above a dialog, about


def show_dialog(dialog: Dialog) -> Dialog:
    """Show ``dialog`` beside the window, to be deleted when it closes; ``dialog`` back. A
    dialog sized for a large screen is shrunk to the screen it opens on (1366x768 laptops
    of a control room), so that its buttons are never off the screen."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    room = (dialog.parentWidget() or dialog).screen().availableGeometry()
    dialog.resize(
        min(dialog.width(), room.width()), min(dialog.height(), room.height() - TITLE_BAR)
    )
    dialog.show()
    return dialog
