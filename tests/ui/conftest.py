"""GUI tests: Qt runs offscreen, with the application's CJK font and Chinese translation."""

from __future__ import annotations

import os

# Before any QApplication exists: no display needed, and the same platform everywhere.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import dataclasses
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from patrol_app.patrols.events import load_handling
from patrol_app.store.database import open_database
from patrol_app.store.patrols import PatrolStore
from patrol_app.store.preferences import PreferenceStore
from patrol_app.ui.app import install_cjk_font, install_translators
from patrol_app.ui.main_window import MainWindow, WorkstationOptions, WorkstationServices
from patrol_app.ui.patrols.model import PatrolModel
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.video.player import QtMultimediaPlayer
from patrol_app.ui.video.stream import DEFAULT_TIMINGS
from tests.ui.helpers import PATIENT, FakePlayer
from tests.ui.patrol_helpers import (
    TIMER_OFF_MS,
    Clock,
    PatrolModelFactory,
    dispose_patrol_model,
    make_patrol_model,
    open_patrol_store,
)

# Qt warnings fail a GUI test (STYLE habit 10), except these expected ones.
QT_WARNINGS_EXPECTED = (
    "This plugin does not support propagateSizeHints",  # the offscreen platform
    "This plugin does not support raise()",  # the offscreen platform
    "No RHI backend. Using CPU conversion",  # no GPU: frames are converted on the CPU
    "Could not open media. FFmpeg error description: Immediate exit requested",  # stop()
    # No audio server (CI, containers): Qt Multimedia says so once, when the patrol
    # reminders' sound player first looks for an output device; it then plays nothing.
    "PulseAudioService: pa_context_connect() failed",
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


# The patrol feature: a real store, the test's clock and the real model over them (the
# helpers and the standard cameras are in patrol_helpers.py). A test file whose store must
# count or fail (patrol_helpers.FlakyStore) overrides ``patrol_store``; the models follow.


@pytest.fixture
def patrol_store(database_url: str) -> Iterator[PatrolStore]:
    """The patrol records in the test's migrated SQLite file."""
    with open_patrol_store(database_url, PatrolStore) as store:
        yield store


@pytest.fixture
def patrol_clock() -> Clock:
    """The patrol model's clock: T0 (a working Tuesday, 09:00 in Beijing) until moved."""
    return Clock()


@pytest.fixture
def new_patrol_model(
    runner: TaskRunner, patrol_store: PatrolStore, patrol_clock: Clock
) -> Iterator[PatrolModelFactory]:
    """Makes models as ``patrol_model`` is made, on ``patrol_store`` and ``patrol_clock``
    unless given others (``store=``, ``clock=``, PatrolModel's keywords); each one is torn
    down on the GUI thread at the end of the test."""
    made: list[PatrolModel] = []

    def new(
        store: PatrolStore | None = None, clock: Clock | None = None, **options: object
    ) -> PatrolModel:
        options.setdefault("refresh_ms", TIMER_OFF_MS)
        model = make_patrol_model(
            patrol_store if store is None else store,
            runner,
            patrol_clock if clock is None else clock,
            **options,
        )
        made.append(model)
        return model

    yield new
    for model in reversed(made):
        dispose_patrol_model(runner, model)


@pytest.fixture
def patrol_model(new_patrol_model: PatrolModelFactory) -> PatrolModel:
    """The patrol model on ``patrol_store`` and ``patrol_clock``: operator 值班员甲, shifts
    from 08:00 and 20:00, the bundled holiday calendar, no cameras yet (``loaded`` gives it
    some) and its refresh timer effectively off; deleted on the GUI thread at the end."""
    return new_patrol_model()


@pytest.fixture
def new_window(
    qtbot: QtBot,
    runner: TaskRunner,
    preferences: PreferenceStore,
    patrol_model: PatrolModel,
    tmp_path: Path,
) -> Iterator[Callable[..., MainWindow]]:
    """Makes main windows on ``client`` with the test's runner, preferences and patrol model,
    the handling and snapshots under tmp_path, test doubles for the players and patient stream
    timings unless ``options`` say otherwise (any field of WorkstationServices or
    WorkstationOptions); not shown yet; closed without a question at the end of the test
    (every stream stops, in both walls)."""
    windows: list[MainWindow] = []
    service_fields = {field.name for field in dataclasses.fields(WorkstationServices)}

    def new(client: object, base_url: str = "http://sim", **options: object) -> MainWindow:
        services: dict[str, object] = {
            "client": client,
            "runner": runner,
            "preferences": preferences,
            "patrols": patrol_model,
        }
        chosen: dict[str, object] = {
            "base_url": base_url,
            "handling": load_handling(tmp_path),
            "snapshot_dir": tmp_path / "snapshots",
            "player_factory": FakePlayer,
            "timings": PATIENT,
        }
        for name, value in options.items():
            (services if name in service_fields else chosen)[name] = value
        window = MainWindow(
            WorkstationServices(**services),  # type: ignore[arg-type]
            WorkstationOptions(**chosen),  # type: ignore[arg-type]
        )
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield new
    for window in windows:
        window.close_without_asking()


@pytest.fixture
def make_live_window(
    qtbot: QtBot,
    new_window: Callable[..., MainWindow],
    demo_site,
) -> Callable[..., MainWindow]:
    """Makes main windows on the demo site (its service process, real video and players),
    shown at 1280x800 with the camera list loaded; closed at the end of the test."""

    def make(**options: object) -> MainWindow:
        window = new_window(
            demo_site.client,
            demo_site.base_url,
            player_factory=QtMultimediaPlayer,
            timings=DEFAULT_TIMINGS,
            **options,
        )
        window.resize(1280, 800)
        window.show()
        qtbot.waitUntil(lambda: window.tree.view.model().rowCount() > 0, timeout=10_000)
        return window

    return make
