"""The service as the workstation's child process (gateway/process.py): it stops when the
workstation is gone, however it went, instead of running on as an orphan."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from patrol_app.platform.gateway import GatewayClient
from patrol_app.platform.http import PlatformError

PARENT = """
import os, sys
from pathlib import Path
from patrol_app.gateway.process import ServiceProcess
service = ServiceProcess(Path(sys.argv[1]))
service.start()
print(service.base_url, flush=True)
os._exit(0)  # gone without stopping it: a crash, a lost X display, a kill -9
"""


def answers(base_url: str) -> bool:
    with GatewayClient(base_url, timeout=1.0) as client:
        try:
            client.check_gateway()
        except PlatformError:
            return False
        return True


def test_the_service_stops_when_the_workstation_that_started_it_is_gone(tmp_path: Path) -> None:
    parent = subprocess.run(
        [sys.executable, "-c", PARENT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    base_url = parent.stdout.strip()
    log_file = tmp_path / "service.log"

    def shut_down() -> bool:
        return "Application shutdown complete" in log_file.read_text(errors="replace")

    deadline = time.monotonic() + 20
    while not shut_down():  # another process's log: there is no event to wait on
        assert time.monotonic() < deadline, log_file.read_text(errors="replace")[-2000:]
        time.sleep(0.2)
    assert "the workstation that started the service is gone: stopping" in log_file.read_text()
    assert not answers(base_url)
