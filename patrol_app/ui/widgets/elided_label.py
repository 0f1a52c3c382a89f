"""A one-line label that elides what does not fit (the tiles' headers, the PTZ panel's lines)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QStyle, QStyleOption, QWidget


class ElidedLabel(QLabel):
    """One line, elided where the text is too long for the width it gets (``mode``: in the
    middle, as Appendix A shortens camera names, or at the end): its text never widens its
    layout (its minimum width is nil), and it is always one line high, even empty, so that
    what is below it never moves. ``text()`` and the tooltip are the whole text;
    ``shown_text()`` is what is drawn."""

    def __init__(
        self,
        *,
        objectName: str = "",
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, objectName=objectName)
        self._mode = mode

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def shown_text(self) -> str:
        return self.fontMetrics().elidedText(self.text(), self._mode, self.contentsRect().width())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        # The style sheet's background (the tour label's badge), then the elided text.
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, option, painter, self)
        painter.drawText(self.contentsRect(), self.alignment(), self.shown_text())

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._line_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self._line_height())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.updateGeometry()  # a bold tone is higher, maybe

    def _line_height(self) -> int:
        margins = self.contentsMargins()
        return self.fontMetrics().height() + margins.top() + margins.bottom()
