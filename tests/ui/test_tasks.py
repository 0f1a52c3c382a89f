"""The task runner: blocking work off the GUI thread, callbacks on it (STYLE habit 4)."""

from __future__ import annotations

import threading

import pytest
import shiboken6
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from patrol_app.ui.tasks import TaskRunner


def test_result_comes_back_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    """W-4: the wall fetches play addresses this way; the GUI thread only gets the answer."""
    threads: dict[str, threading.Thread] = {}
    results = []

    def work(a: int, b: int) -> int:
        threads["task"] = threading.current_thread()
        return a + b

    def done(result: int) -> None:
        threads["callback"] = threading.current_thread()
        results.append(result)

    runner.run(work, 2, 3, on_done=done)
    qtbot.waitUntil(lambda: results == [5])
    assert threads["task"] is not threading.main_thread()
    assert threads["callback"] is threading.main_thread()


def test_error_comes_back_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    errors = []

    def fail() -> None:
        raise ValueError("坏了")

    runner.run(
        fail,
        on_done=lambda _result: pytest.fail("on_done after an error"),
        on_error=lambda error: errors.append((error, threading.current_thread())),
    )
    qtbot.waitUntil(lambda: bool(errors))
    (error, thread), *_ = errors
    assert isinstance(error, ValueError) and str(error) == "坏了"
    assert thread is threading.main_thread()


def test_unhandled_error_is_raised_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    """Without on_error a failure is a bug: it reaches the excepthook (STYLE habit 9)."""

    def fail() -> None:
        raise KeyError("cameraNum")

    with qtbot.captureExceptions() as exceptions:
        runner.run(fail)
        qtbot.waitUntil(lambda: bool(exceptions))
    assert exceptions[0][0] is KeyError


def test_callbacks_of_a_deleted_owner_are_dropped(qtbot: QtBot, runner: TaskRunner) -> None:
    """A dialog closed (and deleted) while its task ran gets no callback; a live one does."""
    gone, alive = QWidget(), QWidget()
    qtbot.addWidget(alive)
    release = threading.Event()
    results: list[str] = []
    runner.run(release.wait, on_done=lambda _r: results.append("gone"), owner=gone)
    runner.run(release.wait, on_done=lambda _r: results.append("alive"), owner=alive)
    gone.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(gone))
    release.set()
    qtbot.waitUntil(lambda: results == ["alive"])
    runner.wait(5000)
    assert results == ["alive"]
