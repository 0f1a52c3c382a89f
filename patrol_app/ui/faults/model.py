"""The model of the fault window (F-1..F-3): the board of faults and work orders, loaded in the
task runner every ``refresh_ms`` (30 s, so that the time left moves on) and after each write,
handed to the views through ``changed``.

Writes go through ``run``: the use case in the runner, then the caller's callback, a fresh
board and ``written`` (the patrol views read the open faults too)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from patrol_app.faults.board import FaultBoard, load_board
from patrol_app.store.database import DatabaseError
from patrol_app.store.patrol_base import PatrolStoreError
from patrol_app.store.patrols import PatrolStore
from patrol_app.ui.tasks import OneAtATime, TaskRunner

log = logging.getLogger(__name__)

T = TypeVar("T")

REFRESH_MS = 30_000
# The environment (the database) or the records' rules refused: told to the operator.
EXPECTED = (DatabaseError, PatrolStoreError)


class FaultModel(QObject):
    """Shared by the fault list, the work orders and the reminders."""

    changed = Signal(object)  # a new FaultBoard
    failed = Signal(str)  # for the operator
    written = Signal()  # a fault or a work order changed

    def __init__(
        self,
        store: PatrolStore,
        runner: TaskRunner,
        *,
        operator: str,
        clock: Callable[[], datetime],
        parent: QObject | None = None,
        refresh_ms: int = REFRESH_MS,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._operator = operator
        self._clock = clock
        self._board: FaultBoard | None = None
        self._refresh = OneAtATime(self._load)
        self._timer = QTimer(self)
        self._timer.setInterval(refresh_ms)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    @property
    def store(self) -> PatrolStore:
        return self._store

    @property
    def operator(self) -> str:
        return self._operator

    @property
    def board(self) -> FaultBoard | None:
        return self._board

    @property
    def timer(self) -> QTimer:
        return self._timer

    def now(self) -> datetime:
        return self._clock().astimezone(UTC)

    def refresh(self) -> None:
        """Load the board in the runner, then ``changed``; asked again while loading, once
        more after it."""
        self._refresh.request()

    def _load(self) -> None:
        self._runner.run(
            load_board,
            self._store,
            self.now(),
            on_done=self._loaded,
            on_error=self._told,
            expected=EXPECTED,
            always=self._refresh.ended,
            owner=self,
        )

    def run(
        self,
        change: Callable[..., T],
        *args: Any,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        owner: QObject | None = None,
        **kwargs: Any,
    ) -> None:
        """``change(store, *args, **kwargs)`` in the runner; then ``on_done(result)``, a
        refresh and ``written``. Refusals go to ``on_error`` when given (a dialog shows
        them), else to ``failed``; anything else is a bug, for the crash path. ``owner``: the
        dialog whose callbacks these are (dropped once it is deleted)."""

        def call() -> T:
            return change(self._store, *args, **kwargs)

        def done(result: T) -> None:
            if on_done is not None:
                on_done(result)
            if shiboken6.isValid(self):  # not deleted with its window meanwhile
                self.refresh()
                self.written.emit()

        def refused(error: Exception) -> None:
            log.warning("fault records: %s", error)
            (on_error or self._told)(error)

        self._runner.run(call, on_done=done, on_error=refused, expected=EXPECTED, owner=owner)

    def read(
        self,
        fetch: Callable[..., T],
        *args: Any,
        on_done: Callable[[T], None],
        owner: QObject | None = None,
        **kwargs: Any,
    ) -> None:
        """``fetch(store, *args, **kwargs)`` in the runner (a read: nothing refreshes), then
        ``on_done(result)``; refusals go to ``failed``."""

        def call() -> T:
            return fetch(self._store, *args, **kwargs)

        self._runner.run(call, on_done=on_done, on_error=self._told, expected=EXPECTED, owner=owner)

    def _loaded(self, board: FaultBoard) -> None:
        self._board = board
        self.changed.emit(board)

    def _told(self, error: Exception) -> None:
        log.error("fault records: %s", error)
        self.failed.emit(str(error))
