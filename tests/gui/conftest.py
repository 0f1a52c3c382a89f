"""GUI tests: Qt runs offscreen, with the application's CJK font and Chinese translation."""

from __future__ import annotations

import os

# Before any QApplication exists: no display needed, and the same platform everywhere.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from patrol_app.store.database import open_database
from patrol_app.store.preferences import PreferenceStore
from patrol_app.ui.app import install_cjk_font, install_translators
from patrol_app.ui.tasks import TaskRunner

# Qt warnings fail a GUI test (STYLE habit 10), except these expected ones.
QT_WARNINGS_EXPECTED = (
    "This plugin does not support propagateSizeHints",  # the offscreen platform
    "This plugin does not support raise()",  # the offscreen platform
    "No RHI backend. Using CPU conversion",  # no GPU: frames are converted on the CPU
    "Could not open media. FFmpeg error description: Immediate exit requested",  # stop()
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.gui)
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            # pytest-qt reads the closest qt_log_ignore only: merge a test's own into it.
            own = [regex for mark in item.iter_markers("qt_log_ignore") for regex in mark.args]
            expected = [re.escape(text) for text in QT_WARNINGS_EXPECTED]
            item.add_marker(pytest.mark.qt_log_ignore(*expected, *own), append=False)


@pytest.fixture(scope="session", autouse=True)
def _app_setup(qapp: QApplication) -> None:
    install_cjk_font(qapp)
    install_translators(qapp)


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    assert runner.wait(10_000), "tasks still running at the end of the test"


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{(tmp_path / 'patrol.db').as_posix()}"


@pytest.fixture
def preferences(database_url: str) -> Iterator[PreferenceStore]:
    """The operator's layouts and tours in a real migrated SQLite file."""
    sessions = open_database(database_url)
    yield PreferenceStore(sessions, "值班员甲")
    sessions.kw["bind"].dispose()
