"""The application around the main window: font, error hooks, and run_gui as a process."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from patrol_app.platform.sharing import PlatformError
from patrol_app.settings import Settings
from patrol_app.standalone.process import free_port
from patrol_app.ui.app import ErrorReporter, Workstation

REPO = Path(__file__).resolve().parents[2]


def test_bundled_cjk_font_is_the_fallback(qapp: QApplication) -> None:
    """Chinese renders without a system CJK font (the conftest installs it as run_gui does)."""
    assert qapp.font().families()[1:] == ["WenQuanYi Micro Hei"]


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (PlatformError("无法连接视频平台"), "视频平台不可用：\n无法连接视频平台"),
        (OSError(28, "No space left on device"), "系统环境错误（磁盘、网络或权限）："),
        (KeyError("cameraNum"), "程序内部错误，已记入日志，请报告维护人员。\n'cameraNum'"),
    ],
)
def test_errors_are_logged_and_told(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture, error: Exception, text: str
) -> None:
    """STYLE habit 9: environment errors are told apart from bugs; one dialog at a time."""
    window = QWidget()
    qtbot.addWidget(window)
    reporter = ErrorReporter(window)
    with caplog.at_level(logging.ERROR):
        reporter.excepthook(type(error), error, None)
        reporter.excepthook(type(error), error, None)
    assert [record.levelname for record in caplog.records] == ["ERROR", "ERROR"]
    qtbot.waitUntil(lambda: bool(window.findChildren(QMessageBox)))
    (box,) = window.findChildren(QMessageBox)
    assert box.text().startswith(text)
    box.close()


def test_run_gui_starts_and_ends_on_sigterm(tmp_path: Path) -> None:
    """The entry point as a process, as `patrol-app demo` runs it: SIGTERM (or Ctrl+C) ends it
    cleanly, so that the demo's clean-up (stopping its service) runs; closing the window of a
    workstation that runs the platform asks first, but a signal ends it without a question.
    Its database (for the operator's layouts and tours) is created and migrated in the data
    directory."""
    script = (
        "import logging, sys; logging.basicConfig(level=logging.INFO);"
        "from patrol_app.settings import Settings; from patrol_app.ui.app import run_gui;"
        "sys.exit(run_gui(sys.argv[1], Settings.load(sys.argv[2]), embedded_service=True))"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script, f"http://127.0.0.1:{free_port()}", str(tmp_path)],
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for line in process.stderr:  # the log line that says the window is up
            if "workstation started" in line:
                break
        process.send_signal(signal.SIGTERM)
        _, rest = process.communicate(timeout=30)
    finally:
        process.kill()  # no-op once it has exited
        process.wait()
    assert process.returncode == 0, rest
    assert (tmp_path / "patrol.db").exists()


def test_the_workstation_factory_builds_what_run_gui_runs(
    qtbot: QtBot, demo_site, tmp_path: Path
) -> None:
    """Issue 12 point 5: the application and the benchmarks make the workstation with one
    factory: the window on the platform, with its PTZ, presets, log and platform watch, the
    operator's database in the data directory; ``close`` lets go of it all."""
    workstation = Workstation(demo_site.base_url, Settings.load(tmp_path), autoplay=2)
    try:
        window = workstation.window
        assert window.ptz is not None and window.ptz_menu.preset_patrols is not None
        assert window.findChild(QAction, "ptzLog") is not None
        qtbot.waitUntil(lambda: window.tree.view.model().rowCount() > 0, timeout=10_000)
        qtbot.waitUntil(lambda: sum(bool(t.camera) for t in window.wall.tiles) == 2)
    finally:
        workstation.close()
    assert not window.isVisible() and all(tile.camera is None for tile in window.wall.tiles)
    assert (tmp_path / "patrol.db").exists()
