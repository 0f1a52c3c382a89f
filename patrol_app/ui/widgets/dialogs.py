"""Opening the main window's dialogs: beside the window (not modal), deleted once closed."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

Dialog = TypeVar("Dialog", bound=QDialog)


def show_dialog(dialog: Dialog) -> Dialog:
    """Show ``dialog`` beside the window, to be deleted when it closes; ``dialog`` back."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
