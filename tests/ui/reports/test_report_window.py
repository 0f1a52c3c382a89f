"""The report window as the operator uses it (R-1, R-2, R-4): choose a report and its period,
generate it off the GUI thread, see it previewed, print it, save it, export it; cancel a
report being generated."""

from __future__ import annotations

import io
import re
import subprocess
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QListWidget, QMainWindow, QPushButton
from pytestqt.qtbot import QtBot

from patrol_app.domain.reports import ReportKind
from patrol_app.reports import FaultLine, RepairRequest, ReportPeriod, render_repair_request
from patrol_app.store.patrols import PatrolStore
from patrol_app.store.rounds import RoundRepository
from patrol_app.ui.main_window import MainWindow
from patrol_app.ui.patrols.model import PatrolModel
from patrol_app.ui.reports.menu import ReportsMenu
from patrol_app.ui.reports.preview import PdfPreviewDialog, print_document, printer_for
from patrol_app.ui.reports.report_window import ReportWindow
from patrol_app.ui.tasks import TaskRunner
from tests.reporting.fixture import NOW, fill
from tests.reports.poppler import difference, empty_fontconfig, no_space, pdftotext, render_page
from tests.ui.helpers import CAMERAS, FakeClient
from tests.ui.patrol_helpers import THREE, WAIT_MS, Clock, PatrolModelFactory, loaded


class _HeldRounds(RoundRepository):
    """Once ``held``, reads the patrol times only when the test lets it (``go``): the report
    is still being generated when the operator cancels it."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.held = False
        self.reading = threading.Event()
        self.go = threading.Event()

    def patrol_times(self, start: datetime, end: datetime) -> dict[str, list[datetime]]:
        if self.held:
            self.reading.set()
            assert self.go.wait(WAIT_MS / 1000)
        return super().patrol_times(start, end)


@pytest.fixture
def model(
    qtbot: QtBot, patrol_store: PatrolStore, new_patrol_model: PatrolModelFactory
) -> PatrolModel:
    fill(patrol_store)
    return loaded(qtbot, new_patrol_model(clock=Clock(NOW)), THREE)


@pytest.fixture
def window(qtbot: QtBot, model: PatrolModel, runner: TaskRunner) -> Iterator[ReportWindow]:
    shown = ReportWindow(model, runner)
    qtbot.addWidget(shown)
    shown.resize(1400, 860)
    shown.show()
    yield shown
    shown.stop()


def _generate(qtbot: QtBot, window: ReportWindow) -> None:
    with qtbot.waitSignal(window.report_ready, timeout=WAIT_MS):
        window.generate.click()
    qtbot.waitUntil(lambda: window.generate.isEnabled(), timeout=WAIT_MS)


def test_a_days_patrol_report_is_previewed_printed_saved_and_exported(
    qtbot: QtBot, window: ReportWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.section.currentText() == "京珠北段"  # the directory's section
    window.choose(ReportKind.PATROL, ReportPeriod.DAY)
    assert not window.shift.isEnabled() and not window.contact.isEnabled()
    _generate(qtbot, window)
    report = window.current
    assert report is not None
    assert window.status.text() == "已生成。"
    assert not window.progress.isVisible() and not window.cancel.isEnabled()
    assert window.preview.view.document.pageCount() >= 1
    assert window.preview.print_button.isEnabled() and window.preview.export_button.isEnabled()
    text = no_space(pdftotext(report.pdf))
    assert no_space("视频巡查报表（日报）") in text
    assert no_space("统计时段：2025-06-10 00:00 至 2025-06-11 00:00（北京时间）") in text

    # Printed to a PDF file: the report itself, its text and font kept.
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(window.preview.printed, timeout=WAIT_MS):
        window.preview.print_on(printer)
    assert (tmp_path / "printed.pdf").read_bytes() == report.pdf

    # Saved and exported where the operator chooses.
    chosen = iter([str(tmp_path / "报表.pdf"), str(tmp_path / "报表.xlsx")])
    monkeypatch.setattr(
        "patrol_app.ui.reports.preview.QFileDialog.getSaveFileName",
        lambda *args: (next(chosen), ""),
    )
    with qtbot.waitSignal(window.preview.saved, timeout=WAIT_MS):
        window.preview.save_button.click()
    with qtbot.waitSignal(window.preview.saved, timeout=WAIT_MS):
        window.preview.export_button.click()
    assert (tmp_path / "报表.pdf").read_bytes() == report.pdf
    workbook = load_workbook(io.BytesIO((tmp_path / "报表.xlsx").read_bytes()))
    assert workbook.worksheets[0]["A1"].value == "视频巡查报表（日报）"


def test_the_pages_go_to_a_printer_as_pictures_of_the_pdf(
    qtbot: QtBot, window: ReportWindow, tmp_path: Path
) -> None:
    window.choose(ReportKind.FAULTS, ReportPeriod.DAY)
    _generate(qtbot, window)
    report = window.current
    assert report is not None
    document = window.preview.view.document
    printer = printer_for(document)  # landscape, as the report
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "pages.pdf"))
    print_document(document, report.pdf, printer, as_pages=True)
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "pages.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"Pages:\s+(\d+)", info)[1] == str(document.pageCount())  # type: ignore[index]
    assert "842 x 595 pts" in info  # A4 landscape
    # Pictures of the pages: the printed page looks like the report's.
    env = empty_fontconfig(tmp_path)
    printed = render_page((tmp_path / "pages.pdf").read_bytes(), env, dpi=40)
    original = render_page(report.pdf, env, dpi=40)
    assert printed.size == original.size
    assert difference(printed, original) < 0.05


def test_the_appendix_c_table_of_the_section(qtbot: QtBot, window: ReportWindow) -> None:
    window.choose(ReportKind.INSPECTION_TABLE)
    assert window.contact.isEnabled() and not window.period.isEnabled()
    window.contact.setText("值班员甲")
    window.phone.setText("0751-8888888")
    _generate(qtbot, window)
    report = window.current
    assert report is not None
    text = no_space(pdftotext(report.pdf))
    assert no_space("巡查时间：2025 年 6 月 10 日　路段名称：京珠北段　联系人：值班员甲") in text
    assert all(camera.camera_num in text for camera in THREE)


def test_a_report_being_generated_can_be_cancelled(
    qtbot: QtBot,
    database_url: str,
    new_patrol_model: PatrolModelFactory,
    runner: TaskRunner,
) -> None:
    from tests.patrols.helpers import open_patrol_store

    with open_patrol_store(database_url, PatrolStore) as store:
        held = _HeldRounds(store.rounds._sessions)
        store.rounds = held
        model = loaded(qtbot, new_patrol_model(store=store, clock=Clock(NOW)), THREE)
        window = ReportWindow(model, runner)
        qtbot.addWidget(window)
        window.show()
        window.choose(ReportKind.PATROL, ReportPeriod.MONTH)
        held.held = True
        window.generate.click()
        assert held.reading.wait(WAIT_MS / 1000)
        assert window.cancel.isEnabled() and window.progress.isVisible()
        assert not window.generate.isEnabled()
        window.cancel.click()
        assert window.status.text() == "正在取消…"
        held.go.set()
        qtbot.waitUntil(lambda: window.generate.isEnabled(), timeout=WAIT_MS)
        assert window.status.text() == "已取消。"
        assert window.current is None
        assert runner.wait(WAIT_MS)


def test_a_repair_request_in_a_window_of_its_own(qtbot: QtBot) -> None:
    dialog = _repair_request_dialog(qtbot)
    assert dialog.pane.view.document.pageCount() == 1
    assert dialog.pane.print_button.isEnabled() and not dialog.pane.export_button.isEnabled()


def test_the_reports_menu_of_the_main_window_opens_one_window(
    qtbot: QtBot,
    new_window: Callable[..., MainWindow],
    runner: TaskRunner,
    patrol_model: PatrolModel,
) -> None:
    main = new_window(FakeClient(CAMERAS))
    main.resize(1600, 900)
    main.show()
    qtbot.waitUntil(lambda: main.tree.view.model().rowCount() > 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: patrol_model.snapshot is not None, timeout=WAIT_MS)
    reports = next(a.menu() for a in main.menuBar().actions() if a.text() == "报表")
    action = next(a for a in reports.actions() if a.objectName() == "openReports")
    assert action.text() == "报表…"
    opened: list[ReportWindow] = []
    main._reports_menu.window_opened.connect(opened.append)
    action.trigger()
    action.trigger()  # raised again, not made twice
    assert len(opened) == 1 and opened[0].isVisible()
    sections = [opened[0].section.itemText(i) for i in range(opened[0].section.count())]
    assert sections == ["京珠北段", "乐广段"]  # the directory's, the most cameras first


def test_the_submission_hooks_a_button_and_a_pane(
    qtbot: QtBot, model: PatrolModel, runner: TaskRunner
) -> None:
    parent = QMainWindow()
    qtbot.addWidget(parent)
    opened: list[ReportWindow] = []
    menu = ReportsMenu(model, runner, parent=parent, on_open=opened.append)
    menu.add_to(parent.menuBar())
    window = menu.open()
    assert opened == [window] and menu.open() is window and opened == [window]
    window.resize(1400, 860)
    submit = QPushButton("提交")
    pane = QListWidget()
    window.add_action(submit)
    window.add_pane(pane)
    qtbot.waitUntil(lambda: pane.isVisible() and submit.isVisible(), timeout=WAIT_MS)
    assert pane.mapTo(window, QPoint(0, 0)).y() > window.status.mapTo(window, QPoint(0, 0)).y()
    assert pane.height() > 300  # it takes the column's free height
    window.close()


def test_print_opens_qts_print_dialog_for_the_report(qtbot: QtBot) -> None:
    dialog = _repair_request_dialog(qtbot)
    dialog.pane.print_button.click()
    printing = dialog.findChild(QPrintDialog, "printDialog")
    assert printing is not None and printing.isVisible()
    assert printing.windowModality() is Qt.WindowModality.WindowModal
    printing.reject()


def _repair_request_dialog(qtbot: QtBot) -> PdfPreviewDialog:
    """A repair request's PDF in its preview window, as the fault list shows it."""
    line = FaultLine(
        7,
        "c1",
        "大岭隧道进口",
        "K1844+650",
        "图像遮挡",
        "已登记",
        "树枝遮挡",
        NOW,
        "值班员甲",
        None,
        None,
        None,
        None,
        None,
    )
    pdf = render_repair_request(
        RepairRequest("BX20250610-00007", "京珠北段", "粤北养护中心", NOW, "值班员甲", "1", line)
    )
    dialog = PdfPreviewDialog(pdf, "视频故障报修单")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog
