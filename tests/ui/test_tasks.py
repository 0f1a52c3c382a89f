"""The task runner: blocking work off the GUI thread, callbacks on it (STYLE habit 4)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
import shiboken6
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from patrol_app.ui.tasks import OneAtATime, TaskRunner


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
        expected=(ValueError,),
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


def test_an_unexpected_error_takes_the_crash_path(qtbot: QtBot, runner: TaskRunner) -> None:
    """Issue 12 point 3: on_error gets only the errors the caller expects (the environment's);
    any other is a bug, raised on the GUI thread to the excepthook, never handled as one."""
    handled: list[Exception] = []

    def fail() -> None:
        raise KeyError("cameraNum")

    with qtbot.captureExceptions() as exceptions:
        runner.run(fail, on_error=handled.append, expected=(OSError,))
        qtbot.waitUntil(lambda: bool(exceptions))
    assert exceptions[0][0] is KeyError
    assert threading.current_thread() is threading.main_thread()
    assert handled == []


def test_an_expected_subclass_is_handled(qtbot: QtBot, runner: TaskRunner) -> None:
    handled: list[Exception] = []

    def fail() -> None:
        raise FileNotFoundError("snapshots")

    runner.run(fail, on_error=handled.append, expected=(KeyError, OSError))
    qtbot.waitUntil(lambda: bool(handled))
    assert isinstance(handled[0], FileNotFoundError)


def test_always_runs_first_whatever_the_outcome(qtbot: QtBot, runner: TaskRunner) -> None:
    """The caller's bookkeeping (a busy flag) settles before the outcome is handled: after a
    result, an expected error and a bug alike."""
    calls: list[tuple[str, str]] = []

    def bug() -> None:
        raise KeyError("bug")

    def environment() -> None:
        raise OSError("disk full")

    def always(task: str) -> Callable[[], None]:
        return lambda: calls.append((task, "always"))

    runner.run(int, "1", on_done=lambda _r: calls.append(("ok", "done")), always=always("ok"))
    runner.run(
        environment,
        on_error=lambda _e: calls.append(("environment", "error")),
        expected=(OSError,),
        always=always("environment"),
    )
    with qtbot.captureExceptions() as exceptions:
        runner.run(bug, always=always("bug"))
        qtbot.waitUntil(lambda: bool(exceptions))
    runner.wait(5000)
    assert [step for task, step in calls if task == "ok"] == ["always", "done"]
    assert [step for task, step in calls if task == "environment"] == ["always", "error"]
    assert [step for task, step in calls if task == "bug"] == ["always"]
    assert exceptions[0][0] is KeyError


def test_a_bug_is_raised_though_its_owner_is_gone(qtbot: QtBot, runner: TaskRunner) -> None:
    """A closed dialog's callbacks are dropped, but its task's bug still reaches the log."""
    gone = QWidget()
    release = threading.Event()

    def fail() -> None:
        release.wait()
        raise KeyError("cameraNum")

    with qtbot.captureExceptions() as exceptions:
        runner.run(
            fail, on_error=lambda _e: pytest.fail("handled"), expected=(OSError,), owner=gone
        )
        gone.deleteLater()
        qtbot.waitUntil(lambda: not shiboken6.isValid(gone))
        release.set()
        qtbot.waitUntil(lambda: bool(exceptions))
    assert exceptions[0][0] is KeyError


def test_handler_and_expected_errors_go_together(runner: TaskRunner) -> None:
    """Issue 12 point 3: a handler names the errors it handles, never a catch-all."""
    with pytest.raises(TypeError):
        runner.run(int, expected=(OSError,))
    with pytest.raises(TypeError):
        runner.run(int, on_error=print)


def test_one_load_at_a_time_and_one_more_after_it() -> None:
    """Asked three times while one load runs, it runs once more after it, not three times."""
    started: list[int] = []
    load = OneAtATime(lambda: started.append(len(started)))
    load.request()
    load.request()
    load.request()
    assert started == [0] and load.running
    load.ended()
    assert started == [0, 1] and load.running
    load.ended()
    assert started == [0, 1] and not load.running
