"""Whether the video platform answers, as the workstation tells the operator (issue 11, W-6).

The watch asks the platform's E-G5 (``status.CheckGateway``) every few seconds through the
task runner. A platform that does not answer, or answers with an error, is *down*: the
window says so in plain Chinese, the directory's online states become unknown and the patrol
round pauses (a platform outage is one outage, not every camera "cannot be played"). A
workstation that started the embedded service also hears from its supervisor (another
thread) that the service died and is being restarted, and says that too.

    UP --probe fails / service died--> DOWN --probe answers--> UP
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal

from patrol_app.platform.http import PlatformError, PlatformUnreachable
from patrol_app.store.database import DatabaseError
from patrol_app.store.outages import OutageStore
from patrol_app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

PROBE_INTERVAL_MS = 2_000  # an outage is told within this and the probe's timeout
_NO_ANSWER = "-"  # the problem of a platform that did not answer at all


class PlatformWatch(QObject):
    """Probes the platform; ``changed`` when it goes down, comes back or its restart moves."""

    changed = Signal()
    _service = Signal(str, int)  # the supervisor's state and attempt, from its thread

    def __init__(
        self,
        probe: Callable[[], object],
        runner: TaskRunner,
        *,
        clock: Callable[[], datetime],
        interval_ms: int = PROBE_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        """``probe``: a blocking call that raises PlatformError when the platform is not
        usable (E-G5 of a GatewayClient with a short timeout)."""
        super().__init__(parent)
        self._probe = probe
        self._runner = runner
        self._clock = clock
        self._probing = False
        self._problem = ""  # why the platform is down; empty while it is up
        self._since: datetime | None = None  # when it went down
        self._restart_attempt = 0  # the embedded service's restart under way, 0: none
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.probe_now)
        self._service.connect(self._service_changed)

    @property
    def up(self) -> bool:
        return not self._problem

    @property
    def down_since(self) -> datetime | None:
        return self._since

    @property
    def text(self) -> str:
        """What the operator reads while the platform is down (empty while it is up)."""
        if not self._problem:
            return ""
        if self._restart_attempt:
            return self.tr(
                "The video platform cannot be reached: its service stopped and is being "
                "restarted (attempt {attempt})…"
            ).format(attempt=self._restart_attempt)
        if self._problem == _NO_ANSWER:
            return self.tr("The video platform cannot be reached; retrying…")
        return self.tr("The video platform reports a failure: {problem}; retrying…").format(
            problem=self._problem
        )

    def start(self) -> None:
        self._timer.start()
        self.probe_now()

    def stop(self) -> None:
        self._timer.stop()

    def probe_now(self) -> None:
        if self._probing:
            return
        self._probing = True
        self._runner.run(
            self._probe,
            on_done=self._answered,
            on_error=self._failed,
            expected=(PlatformError,),
            always=self._probed,
            owner=self,
        )

    def service_state(self, state: str, attempt: int) -> None:
        """The embedded service's supervisor: ``state`` "running", "restarting" or
        "failed" at restart ``attempt``. Any thread may call it."""
        self._service.emit(state, attempt)

    def _probed(self) -> None:
        self._probing = False

    def _answered(self, _status: object) -> None:
        self._set(problem="", restart_attempt=0)

    def _failed(self, error: PlatformError) -> None:
        # The platform's own message when it answered with an error; none is needed when it
        # did not answer at all (the transport's errno is for the log, not the operator).
        problem = _NO_ANSWER if isinstance(error, PlatformUnreachable) else str(error)
        self._set(problem=problem, restart_attempt=self._restart_attempt)

    def _service_changed(self, state: str, attempt: int) -> None:
        if state == "running":
            self._restart_attempt = 0
            self.probe_now()  # up again: say so as soon as it answers
            return
        self._set(problem=self._problem or _NO_ANSWER, restart_attempt=attempt)

    def _set(self, *, problem: str, restart_attempt: int) -> None:
        if (problem, restart_attempt) == (self._problem, self._restart_attempt):
            return
        if problem and not self._problem:
            self._since = self._clock()
        elif not problem:
            self._since = None
        self._problem, self._restart_attempt = problem, restart_attempt
        self.changed.emit()


class OutageRecorder(QObject):
    """Writes each outage the watch sees into the workstation's records: its start when the
    platform stops answering, its end when it answers again (one record per outage)."""

    def __init__(
        self,
        watch: PlatformWatch,
        store: OutageStore,
        runner: TaskRunner,
        *,
        operator: str,
        platform: str,
        clock: Callable[[], datetime],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._watch = watch
        self._store = store
        self._runner = runner
        self._operator = operator
        self._platform = platform
        self._clock = clock
        self._outage: int | None = None  # the id of the outage being recorded
        self._writing = False  # a begin is on its way: an end waits for its id
        self._ended_at: datetime | None = None  # the end, waiting for that id
        watch.changed.connect(self._changed)

    def _changed(self) -> None:
        since = self._watch.down_since
        if since is not None and self._outage is None and not self._writing:
            self._writing, self._ended_at = True, None
            self._runner.run(
                partial(
                    self._store.begin,
                    started_at=since,
                    operator=self._operator,
                    platform=self._platform,
                    detail=self._watch.text,
                ),
                on_done=self._begun,
                on_error=self._failed,
                expected=(DatabaseError,),
                always=self._written,
            )
        elif since is None:
            self._ended_at = self._clock()
            if self._outage is not None:
                self._end()

    def _written(self) -> None:
        self._writing = False

    def _begun(self, outage_id: int) -> None:
        self._outage = outage_id
        if self._ended_at is not None:
            self._end()
            if self._watch.down_since is not None:  # down again meanwhile: a new outage
                self._changed()

    def _end(self) -> None:
        outage, ended_at = self._outage, self._ended_at
        assert outage is not None and ended_at is not None
        self._outage, self._ended_at = None, None
        self._runner.run(
            self._store.end,
            outage,
            ended_at,
            on_error=self._failed,
            expected=(DatabaseError,),
        )

    def _failed(self, error: DatabaseError) -> None:
        log.error("%s", error)
