"""The embedded service as a child process of the workstation (``patrol-app demo``) or a test.

A separate process keeps the GUI's interpreter free of the service's work, and a GUI crash
does not cut the service off in the middle of a write: it notices that its parent is gone
(its stdin, a pipe from us, closes) and shuts down cleanly. The workstation talks to it over
HTTP as it would to a provincial platform. Start waits for E-G5 to answer; stop is
terminate, wait, kill.
"""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
import time
from collections.abc import Callable
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

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 30.0, sleep: Callable[[float], None] = time.sleep) -> None:
        """Start the process and return once E-G5 answers; raise ServiceStartError if not."""
        self._log_file.parent.mkdir(parents=True, exist_ok=True)
        with self._log_file.open("ab") as output:
            self._process = subprocess.Popen(
                self._command, stdin=subprocess.PIPE, stdout=output, stderr=output
            )
        client = GatewayClient(self.base_url, timeout=1.0)
        deadline = time.monotonic() + timeout
        try:
            while True:
                if self._process.poll() is not None:
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

    def stop(self, timeout: float = 10.0) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        assert process.stdin is not None
        process.stdin.close()
        if process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            log.warning("service did not stop in %.0f s; killing it", timeout)
            process.kill()
            process.wait()
