"""The one task runner of the GUI (STYLE habit 4, after Anki's ``taskman.py``).

Blocking work (HTTP through the platform clients, database writes, files) runs in a thread
pool; its result or exception comes back to the GUI thread through one queued signal, where
the caller's callbacks run. Task code never touches widgets.

One way to handle a failed task (issue 12 point 3): the caller names the errors it expects
(the environment's: platform unreachable, database locked, disk full) and handles those in
``on_error``; any other exception is a bug and takes the one crash path, re-raised on the GUI
thread to ``sys.excepthook`` (STYLE habit 9). No view re-raises by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal, Slot

E = TypeVar("E", bound=Exception)


def _reraise(error: Exception) -> None:
    # A bug: raised on the GUI thread, it reaches sys.excepthook, which logs it and tells the
    # operator (STYLE habit 9). Nothing of the caller (a widget) is in this frame, so that
    # the traceback's reference cycle holds no Qt object but the runner.
    raise error


def _call(fn: Callable[..., Any], args: tuple[Any, ...]) -> tuple[bool, Any]:
    """``(True, fn(*args))``, or ``(False, the exception)``."""
    try:
        return True, fn(*args)
    except Exception as error:  # handed to the GUI thread, never lost
        # The traceback keeps this frame: it lets go of the callable (often a widget's
        # method), which must never be released last on a pool thread.
        del fn, args
        return False, error


def _unless_deleted(
    owner: QObject | None, always: Callable[[], None] | None, callback: Callable[[], None]
) -> None:
    if owner is None or shiboken6.isValid(owner):
        if always is not None:
            always()
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
        on_error: Callable[[E], None] | None = None,
        expected: tuple[type[E], ...] | None = None,
        always: Callable[[], None] | None = None,
        owner: QObject | None = None,
    ) -> None:
        """Call ``fn(*args)`` in the pool; then, on the GUI thread, ``always()`` whatever the
        outcome (the caller's bookkeeping: a busy flag) followed by ``on_done(result)``, or by
        ``on_error(exception)`` when the exception is one of ``expected``. Any other exception
        is a bug: it is re-raised on the GUI thread, to the excepthook. ``owner``: the widget
        the callbacks update; they are dropped once it is deleted (a dialog the operator
        closed while its task ran); a bug is raised all the same."""
        if (on_error is None) != (expected is None):
            raise TypeError("on_error and expected go together: the errors it handles")
        handled: tuple[type[Exception], ...] = expected or ()
        done = on_done or _ignore
        failed: Callable[[Any], None] = on_error or _ignore

        def task() -> None:
            finished, value = _call(fn, args)
            if finished:
                callback = partial(done, value)
            elif isinstance(value, handled):
                callback = partial(failed, value)
            else:
                if always is not None:
                    self._finished.emit(partial(_unless_deleted, owner, always, _nothing))
                self._finished.emit(partial(_reraise, value))
                return
            self._finished.emit(partial(_unless_deleted, owner, always, callback))

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


def _ignore(_result: object) -> None:
    pass


def _nothing() -> None:
    pass


class OneAtATime:
    """A load that runs one at a time (a snapshot, a board): asked for while one runs, it
    runs once more after it, however often it was asked. ``start`` begins the load in the
    runner; the caller calls ``ended`` when it has ended, whatever its outcome (``always``)."""

    def __init__(self, start: Callable[[], None]) -> None:
        self._start = start
        self._running = False
        self._again = False

    @property
    def running(self) -> bool:
        return self._running

    def request(self) -> None:
        if self._running:
            self._again = True
            return
        self._running = True
        self._again = False
        self._start()

    def ended(self) -> None:
        """The load ended; one asked for meanwhile starts now (its answer comes after this
        one's, through the runner's queue)."""
        self._running = False
        if self._again:
            self.request()
