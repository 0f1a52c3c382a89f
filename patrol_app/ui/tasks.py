"""The one task runner of the GUI (STYLE habit 4, after Anki's ``taskman.py``).

Blocking work (HTTP through the platform clients, later database writes and reports) runs in
a thread pool; its result or exception comes back to the GUI thread through one queued
signal, where the caller's callbacks run. Task code never touches widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal, Slot


def _reraise(error: BaseException) -> None:
    # Without an on_error callback a failure is a bug: raised on the GUI thread, it reaches
    # sys.excepthook, which logs it and tells the operator (STYLE habit 9).
    raise error


def _unless_deleted(owner: QObject | None, callback: Callable[[], None]) -> None:
    if owner is None or shiboken6.isValid(owner):
        callback()


class TaskRunner(QObject):
    """Runs callables off the GUI thread and calls back on the GUI thread."""

    # Carries a zero-argument closure; emitted from a pool thread, delivered queued.
    _finished = Signal(object)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._finished.connect(self._deliver)

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        owner: QObject | None = None,
    ) -> None:
        """Call ``fn(*args)`` in the pool; then ``on_done(result)`` or ``on_error(exception)``
        on the GUI thread. Without ``on_error`` an exception is re-raised there. ``owner``:
        the widget the callbacks update; they are dropped once it is deleted (a dialog the
        operator closed while its task ran)."""
        done = on_done or (lambda _result: None)
        failed = on_error or _reraise

        def deliver(callback: Callable[[], None]) -> None:
            self._finished.emit(partial(_unless_deleted, owner, callback))

        def task() -> None:
            try:
                result = fn(*args)
            except Exception as error:  # handed to the GUI thread, never lost
                deliver(partial(failed, error))
            else:
                deliver(partial(done, result))

        self._pool.start(task)

    def wait(self, msecs: int = -1) -> bool:
        """Wait for the tasks (at shutdown, in tests) and run the callbacks they left queued;
        True when all have finished."""
        finished = self._pool.waitForDone(msecs)
        QCoreApplication.sendPostedEvents(self)
        return finished

    @Slot(object)  # a real slot of this object: sendPostedEvents(self) then reaches it
    def _deliver(self, callback: Callable[[], None]) -> None:
        callback()
