"""The embedded service as a child process of the workstation (``patrol-app demo``) or a test.

A separate process keeps the GUI's interpreter free of the service's work, and a GUI crash
does not cut the service off in the middle of a write: it notices that its parent is gone
(its stdin, a pipe from us, closes) and shuts down cleanly. The workstation talks to it over
HTTP as it would to a provincial platform. Start waits for E-G5 to answer; stop is
terminate, wait, kill.

No ffmpeg outlives the service (issue 11 point 2): the service runs in a process group (and
session) of its own, which stop kills once the service has ended, and each ffmpeg it starts
is killed by the kernel when the service dies, SIGKILL included (gateway/children.py).

``ServiceSupervisor`` keeps it running: a service that dies unexpectedly is started again on
the same port and data directory, after a capped exponential backoff.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from patrol_app.platform.gateway import GatewayClient
from patrol_app.platform.http import PlatformError

log = logging.getLogger(__name__)


class ServiceStartError(RuntimeError):
    """The service process exited or did not answer in time; the message has its output."""


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


class ServiceProcess:
    def __init__(
        self,
        data_dir: Path,
        *,
        host: str = "127.0.0.1",
        port: int | None = None,
        db_url: str = "",
        log_file: Path | None = None,
    ) -> None:
        self.host = host
        self.port = port or free_port(host)
        self._command = [
            sys.executable,
            "-m",
            "patrol_app",
            "serve",
            "--host",
            host,
            "--port",
            str(self.port),
            "--data-dir",
            str(data_dir),
            "--parent-pipe",  # it stops when we are gone, however we go
        ]
        if db_url:
            self._command += ["--db", db_url]
        self._log_file = log_file or Path(data_dir) / "service.log"
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()  # stop may be called from another thread than start

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def pid(self) -> int | None:
        """The process id of the service started last, until ``stop``."""
        process = self._process
        return None if process is None else process.pid

    def start(self, timeout: float = 30.0, sleep: Callable[[float], None] = time.sleep) -> None:
        """Start the process and return once E-G5 answers; raise ServiceStartError if not."""
        self._log_file.parent.mkdir(parents=True, exist_ok=True)
        with self._log_file.open("ab") as output:
            process = subprocess.Popen(
                self._command,
                stdin=subprocess.PIPE,
                stdout=output,
                stderr=output,
                start_new_session=True,  # its own process group: stop kills what is left of it
            )
        with self._lock:
            self._process = process
        client = GatewayClient(self.base_url, timeout=1.0)
        deadline = time.monotonic() + timeout
        try:
            while True:
                if process.poll() is not None:
                    self.stop()  # reap it, and what is left of its group
                    raise ServiceStartError(self._failure("exited"))
                try:
                    client.check_gateway()
                    return
                except PlatformError:
                    if time.monotonic() > deadline:
                        self.stop()
                        raise ServiceStartError(self._failure("did not answer")) from None
                    sleep(0.1)  # polling a child process: there is no event to wait on
        finally:
            client.close()

    def _failure(self, what: str) -> str:
        tail = self._log_file.read_text(encoding="utf-8", errors="replace")[-2000:]
        return f"嵌入式服务启动失败（{what}）：{' '.join(self._command)}\n{tail}"

    def wait(self) -> int | None:
        """Block until the service started last ends; its return code (negative: the
        signal that ended it), or None when none runs. Another thread may ``stop`` it."""
        process = self._process
        return None if process is None else process.wait()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the service (or, if it has ended, reap it) and kill its process group."""
        with self._lock:
            process, self._process = self._process, None
        if process is None:
            return
        assert process.stdin is not None
        with suppress(OSError):  # a pipe to a process that died: already broken
            process.stdin.close()
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                log.warning("service did not stop in %.0f s; killing it", timeout)
                process.kill()
                process.wait()
        _kill_group(process.pid)


def _kill_group(leader: int) -> None:
    """SIGKILL whatever is left of the process group that ``leader`` (ended) started: a child
    that escaped its own parent-death signal. The group's id stays taken while any member
    lives; with none left, killpg finds nothing (short of the pid being reused, as a group
    leader, in the moment since the leader was reaped)."""
    if sys.platform != "win32":
        try:
            os.killpg(leader, signal.SIGKILL)
        except ProcessLookupError:
            return  # the usual case: nothing was left
        log.warning("killed what was left of the service's process group %d", leader)


SERVICE_RUNNING, SERVICE_RESTARTING, SERVICE_FAILED = "running", "restarting", "failed"


class ServiceSupervisor:
    """Keeps a ServiceProcess running (issue 11 point 2; STYLE habit 5), for a workstation.

    ``start`` starts the service as ServiceProcess.start does (raising ServiceStartError);
    from then on a thread waits on the process, and when it ends without ``stop`` it is
    started again on the same port and data directory after ``retry_min`` seconds, doubling
    up to ``retry_max`` while attempts fail or the service keeps dying within ``retry_max``
    of its start. ``stop`` ends the supervision and the service, also during a backoff or an
    attempt.

    ``on_state(state, attempt, detail)`` is called on the supervisor's thread (a Qt receiver
    emits a signal from it; it must not call ``stop``), the first one on the thread of
    ``start``:

    - SERVICE_RUNNING: the service answers E-G5 (attempt 0 after ``start``, else the attempt
      that brought it back);
    - SERVICE_RESTARTING: it is down, and attempt ``attempt`` follows the backoff (detail:
      how it ended, or why the last attempt failed);
    - SERVICE_FAILED: that attempt failed (detail: the service's output); RESTARTING follows.

    ``detail`` is for the log, in the words of the process, not for the operator.
    """

    def __init__(
        self,
        service: ServiceProcess,
        on_state: Callable[[str, int, str], None],
        *,
        retry_min: float = 1.0,
        retry_max: float = 15.0,
        start_timeout: float = 30.0,
    ) -> None:
        self.service = service
        self._on_state = on_state
        self._retry_min, self._retry_max = retry_min, retry_max
        self._start_timeout = start_timeout
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return self.service.base_url

    def start(self) -> None:
        self.service.start(self._start_timeout)
        self._report(SERVICE_RUNNING, 0, "")
        self._thread = threading.Thread(target=self._watch, name="service supervisor", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop supervising and stop the service; returns once the supervisor's thread has
        ended (it stops a service it was starting meanwhile)."""
        self._stopping.set()
        self.service.stop(timeout)  # wakes the thread waiting on it
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _watch(self) -> None:
        attempt, delay = 0, self._retry_min
        while True:
            started = time.monotonic()
            code = self.service.wait()
            if self._stopping.is_set():
                return
            if time.monotonic() - started >= self._retry_max:  # it ran well: a new outage
                attempt, delay = 0, self._retry_min
            self.service.stop()  # reap it, kill what is left of its group
            detail = f"service exited with code {code}"
            log.warning("the embedded service ended unexpectedly (%s); restarting it", detail)
            while True:
                attempt += 1
                self._report(SERVICE_RESTARTING, attempt, detail)
                if self._stopping.wait(delay):  # the backoff, cut short by stop
                    return
                delay = min(2 * delay, self._retry_max)
                try:
                    self.service.start(self._start_timeout, sleep=self._pause)
                    break
                except ServiceStartError as error:
                    detail = str(error)
                except _Stopping:
                    pass
                self.service.stop()  # what the attempt left
                if self._stopping.is_set():
                    return
                self._report(SERVICE_FAILED, attempt, detail)
            if self._stopping.is_set():  # stop came after the start had begun
                self.service.stop()
                return
            log.info("the embedded service is back (attempt %d)", attempt)
            self._report(SERVICE_RUNNING, attempt, "")

    def _pause(self, seconds: float) -> None:
        """ServiceProcess.start's sleep between its E-G5 polls: ``stop`` cuts it short."""
        if self._stopping.wait(seconds):
            raise _Stopping

    def _report(self, state: str, attempt: int, detail: str) -> None:
        try:
            self._on_state(state, attempt, detail)
        except Exception:  # the receiver's bug must not end the supervision
            log.exception("service state callback failed")


class _Stopping(Exception):
    """ServiceSupervisor.stop was called while a restart waited for the service."""
