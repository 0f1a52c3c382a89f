"""The one model of the patrol views (P-1..P-8): a snapshot of what is due, how the shift is
kept, the open events and faults and the equipment inspection, recomputed in the task runner
and handed to the views through ``changed``.

The snapshot is computed entirely in the runner (store reads and pure domain calls); the GUI
thread only receives it. Writes go through ``run``: the store call in the runner, then the
caller's callback and a fresh snapshot on the GUI thread.
"""

from __future__ import annotations

import itertools
import logging
import weakref
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, time
from functools import partial
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.holidays import HolidayCalendar
from patrol_app.patrols.snapshot import PatrolSnapshot, compute_snapshot, join_lists
from patrol_app.store.database import DatabaseError
from patrol_app.store.patrol_base import PatrolStoreError
from patrol_app.store.patrols import PatrolStore
from patrol_app.ui.tasks import OneAtATime, TaskRunner

log = logging.getLogger(__name__)

T = TypeVar("T")

REFRESH_MS = 30_000

# Failures of the environment (the database) or refusals of the records: told to the operator
# through ``failed``. Anything else is a bug and goes to the excepthook.
ENVIRONMENT_ERRORS = (DatabaseError, PatrolStoreError)


def _deliver(model: weakref.ref[PatrolModel], method: str, *args: Any) -> None:
    """Call ``method`` of the model (on the GUI thread) unless it is gone, from Python or
    from Qt (deleted with its parent window while the task ran)."""
    target = model()
    if target is not None and shiboken6.isValid(target):
        getattr(target, method)(*args)


class PatrolModel(QObject):
    """Shared by the patrol views; refreshes itself every ``refresh_ms`` (30 s)."""

    changed = Signal(object)  # a new PatrolSnapshot
    failed = Signal(str)  # an environment error, for the operator

    def __init__(
        self,
        store: PatrolStore,
        runner: TaskRunner,
        *,
        operator: str,
        shift_starts: Sequence[time],
        calendar: HolidayCalendar,
        clock: Callable[[], datetime],
        parent: QObject | None = None,
        refresh_ms: int = REFRESH_MS,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._operator = operator
        self._shift_starts = tuple(shift_starts)
        self._calendar = calendar
        self._clock = clock
        self._cameras: dict[str, CameraEntry] = {}
        self._snapshot: PatrolSnapshot | None = None
        self._refresh = OneAtATime(self._compute)
        # The callbacks of the writes in flight, by token: the runner's tasks hold only the
        # token and a weak reference, so that this object (and the callers' widgets) is
        # never last let go of, and so destroyed, on a pool thread.
        self._callbacks: dict[int, Callable[[Any], None] | None] = {}
        self._writes: set[int] = set()  # the tokens of the writes whose answer is due
        self._tokens = itertools.count()
        self._timer = QTimer(self)
        self._timer.setInterval(refresh_ms)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    @property
    def store(self) -> PatrolStore:
        return self._store

    @property
    def runner(self) -> TaskRunner:
        """The task runner, for a view's own tasks (pictures written beside a record)."""
        return self._runner

    @property
    def operator(self) -> str:
        return self._operator

    @property
    def shift_starts(self) -> tuple[time, ...]:
        return self._shift_starts

    @property
    def calendar(self) -> HolidayCalendar:
        return self._calendar

    @property
    def snapshot(self) -> PatrolSnapshot | None:
        return self._snapshot

    @property
    def refreshing(self) -> bool:
        return self._refresh.running

    @property
    def timer(self) -> QTimer:
        return self._timer

    def now(self) -> datetime:
        """The injected clock's time, in UTC."""
        return self._clock().astimezone(UTC)

    def set_cameras(self, cameras: Sequence[CameraEntry]) -> None:
        """The camera directory: cameras not yet on the lists join them (their site as the
        platform gives it, else from ``classify``), then the snapshot is recomputed."""
        self._cameras = {camera.camera_num: camera for camera in cameras}
        self.run(join_lists, self._store, list(cameras), self.now())

    def refresh(self) -> None:
        """Recompute the snapshot in the runner, then emit ``changed``. While one is being
        computed, further requests make one more after it."""
        self._refresh.request()

    def _compute(self) -> None:
        model = weakref.ref(self)
        self._runner.run(
            compute_snapshot,
            self._store,
            dict(self._cameras),
            self.now(),
            self._shift_starts,
            self._calendar,
            on_done=partial(_deliver, model, "_computed"),
            on_error=partial(_deliver, model, "_told"),
            expected=ENVIRONMENT_ERRORS,
            always=partial(_deliver, model, "_refreshed"),
        )

    def run(
        self,
        change: Callable[..., T],
        *args: Any,
        on_done: Callable[[T], None] | None = None,
    ) -> None:
        """``change(*args)`` (a store write) in the runner; then ``on_done(result)`` on the GUI
        thread and a refresh. Environment errors go to ``failed``; others are bugs, for the
        runner's crash path."""
        token = next(self._tokens)
        self._callbacks[token] = on_done
        self._writes.add(token)
        model = weakref.ref(self)
        self._runner.run(
            change,
            *args,
            on_done=partial(_deliver, model, "_written", token),
            on_error=partial(_deliver, model, "_write_failed", token),
            expected=ENVIRONMENT_ERRORS,
            always=partial(_deliver, model, "_write_settled", token),
        )

    def follow(
        self, on_snapshot: Callable[[PatrolSnapshot], None], on_failed: Callable[[str], None]
    ) -> None:
        """How a view keeps up: ``on_snapshot`` with every snapshot, the current one at once
        when there is one, ``on_failed`` with errors."""
        self.changed.connect(on_snapshot)
        self.failed.connect(on_failed)
        if self._snapshot is not None:
            on_snapshot(self._snapshot)

    @property
    def writing(self) -> bool:
        """Writes started through ``run`` whose answer has not come back yet."""
        return bool(self._writes)

    def _write_settled(self, token: int) -> None:
        self._writes.discard(token)
        # A write that ended in a bug went to the crash path without its callback: the entry
        # of any such write goes now (the runner calls on_done or on_error right after this).
        for stale in self._callbacks.keys() - self._writes - {token}:
            del self._callbacks[stale]

    def _written(self, token: int, result: Any) -> None:
        on_done = self._callbacks.pop(token)
        try:
            if on_done is not None:
                on_done(result)
        finally:
            self.refresh()

    def _refreshed(self) -> None:
        self._refresh.ended()

    def _computed(self, snapshot: PatrolSnapshot) -> None:
        self._snapshot = snapshot
        self.changed.emit(snapshot)

    def _write_failed(self, token: int, error: Exception) -> None:
        del self._callbacks[token]
        self._told(error)

    def _told(self, error: Exception) -> None:
        """An environment error, for the operator."""
        log.error("patrol records: %s", error)
        self.failed.emit(str(error))
