"""A form's one-line message to the operator: hidden while there is nothing to say."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel


class MessageLine(QLabel):
    """A word-wrapped label shown only while it has text (``say("")`` hides it)."""

    def __init__(self, **properties: Any) -> None:
        super().__init__(wordWrap=True, **properties)
        self.hide()

    def say(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))
