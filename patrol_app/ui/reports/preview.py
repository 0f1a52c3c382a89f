"""A PDF shown as the reader will get it (QtPdf), printed through Qt's print dialog, saved as
PDF, its workbook exported. What the fault list prints a repair request with:

    PdfPreviewDialog(pdf, title, parent=window).open()   # preview, print, save
    print_pdf(window, pdf)                                # straight to the print dialog
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

PRINT_DPI = 300  # pages are drawn for a printer at most this fine (memory: one page at a time)


class PdfView(QWidget):
    """The pages of a PDF, one under the other, fit to the width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self._view = QPdfView(self)
        self._view.setObjectName("pdfView")
        self._view.setPageMode(QPdfView.PageMode.MultiPage)
        self._view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._view.setDocument(self._document)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._view)

    @property
    def document(self) -> QPdfDocument:
        return self._document

    def set_pdf(self, pdf: bytes) -> bool:
        """Show ``pdf``; False when Qt cannot read it."""
        self._document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        return self._document.status() == QPdfDocument.Status.Ready

    def clear(self) -> None:
        self._document.close()


def print_document(
    document: QPdfDocument, pdf: bytes, printer: QPrinter, *, as_pages: bool = False
) -> None:
    """Print ``pdf`` (loaded in ``document``) on ``printer``: a PDF file is written as it is
    (its text and embedded font kept) unless ``as_pages``; a printer gets each page drawn at
    its resolution (at most PRINT_DPI), fit to the paper, one page in memory at a time."""
    to_file = printer.outputFormat() is QPrinter.OutputFormat.PdfFormat
    if to_file and printer.outputFileName() and not as_pages:
        Path(printer.outputFileName()).write_bytes(pdf)
        return
    first, last = 0, document.pageCount() - 1
    if printer.printRange() is QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage() - 1, min(last, printer.toPage() - 1)
    painter = QPainter()
    if not painter.begin(printer):
        return
    try:
        dpi = min(printer.resolution(), PRINT_DPI)
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        for index in range(first, last + 1):
            if index > first:
                printer.newPage()
            size = document.pagePointSize(index)
            scale = min(area.width() / size.width(), area.height() / size.height())
            image = document.render(
                index, QSize(int(size.width() * dpi / 72), int(size.height() * dpi / 72))
            )
            target = QSize(int(size.width() * scale), int(size.height() * scale))
            painter.drawImage(
                area.x(),
                area.y(),
                image.scaled(target, mode=Qt.TransformationMode.SmoothTransformation),
            )
    finally:
        painter.end()


def printer_for(document: QPdfDocument) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if document.pageCount():
        size = document.pagePointSize(0)
        landscape = size.width() > size.height()
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        )
    printer.setFromTo(1, max(1, document.pageCount()))
    return printer


def print_pdf(parent: QWidget, pdf: bytes, title: str = "") -> bool:
    """Qt's print dialog for ``pdf``, then print it; True when printed."""
    view = PdfView()
    try:
        if not view.set_pdf(pdf):
            return False
        printer = printer_for(view.document)
        printer.setDocName(title)
        dialog = QPrintDialog(printer, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        print_document(view.document, pdf, printer)
        return True
    finally:
        view.deleteLater()


class PreviewPane(QWidget):
    """The preview with its buttons: print, save as PDF, export to Excel. Empty until
    ``show_report``; ``buttons`` is where others add theirs (D's 提交)."""

    printed = Signal()
    saved = Signal(str)  # the path written

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pdf = b""
        self._xlsx: bytes | None = None
        self._title = ""
        self._stem = ""
        self.view = PdfView(self)
        self._pages = QLabel(objectName="previewPages")
        self.print_button = QPushButton(self.tr("Print…"), objectName="printReport")
        self.save_button = QPushButton(self.tr("Save as PDF…"), objectName="savePdf")
        self.export_button = QPushButton(self.tr("Export to Excel…"), objectName="exportXlsx")
        self.print_button.clicked.connect(self.print_report)
        self.save_button.clicked.connect(self.save_pdf)
        self.export_button.clicked.connect(self.export_xlsx)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self._pages, 1)
        for button in (self.print_button, self.save_button, self.export_button):
            self.buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.buttons)
        layout.addWidget(self.view, 1)
        self._enable(False)

    def _enable(self, shown: bool) -> None:
        self.print_button.setEnabled(shown)
        self.save_button.setEnabled(shown)
        self.export_button.setEnabled(shown and self._xlsx is not None)

    @property
    def pdf(self) -> bytes:
        return self._pdf

    def show_report(
        self, pdf: bytes, title: str, xlsx: bytes | None = None, stem: str = ""
    ) -> bool:
        self._pdf, self._xlsx, self._title, self._stem = pdf, xlsx, title, stem or title
        shown = self.view.set_pdf(pdf)
        pages = self.view.document.pageCount() if shown else 0
        self._pages.setText(
            self.tr("{pages} pages").format(pages=pages)
            if shown
            else self.tr("Cannot show the PDF")
        )
        self._enable(shown)
        return shown

    def clear(self) -> None:
        self._pdf, self._xlsx = b"", None
        self.view.clear()
        self._pages.clear()
        self._enable(False)

    def print_report(self) -> None:
        printer = printer_for(self.view.document)
        printer.setDocName(self._title)
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("printDialog")
        dialog.accepted.connect(lambda: self.print_on(printer))
        # Window-modal and not blocking; QPrintDialog's open(receiver, member) overload hides
        # QDialog.open() in PySide6, so it is shown this way.
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def print_on(self, printer: QPrinter) -> None:
        """Print the report on ``printer`` as the print dialog set it up (tests: a PDF file)."""
        print_document(self.view.document, self._pdf, printer)
        self.printed.emit()

    def save_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), f"{self._stem}.pdf", self.tr("PDF files (*.pdf)")
        )
        if path:
            self._write(path, self._pdf)

    def export_xlsx(self) -> None:
        if self._xlsx is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export to Excel"), f"{self._stem}.xlsx", self.tr("Excel files (*.xlsx)")
        )
        if path:
            self._write(path, self._xlsx)

    def _write(self, path: str, content: bytes) -> None:
        try:
            Path(path).write_bytes(content)
        except OSError:
            self._pages.setText(self.tr("Cannot save {path}").format(path=path))
            return
        self.saved.emit(path)


class PdfPreviewDialog(QDialog):
    """A PDF in a window of its own (a repair request from the fault list)."""

    def __init__(
        self, pdf: bytes, title: str, xlsx: bytes | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setWindowTitle(title)
        self.pane = PreviewPane(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pane)
        self.pane.show_report(pdf, title, xlsx)
        self.resize(900, 800)
