"""A workstation killed (SIGKILL) in the middle of a round loses nothing confirmed, and the
round is resumed where it stopped (issue 5; P-6: records are kept)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from patrol_app.domain.events import CheckOutcome
from patrol_app.store.patrols import PatrolStore
from patrol_app.ui.patrols.round_panel import PatrolRoundPanel
from tests.ui.patrol_helpers import OPERATOR, THREE, WAIT_MS, loaded

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_workstation_resumes_its_round(
    qtbot: QtBot, database_url: str, patrol_store: PatrolStore, new_patrol_model, tmp_path: Path
) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.patrol_child", database_url, str(tmp_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = [child.stdout.readline().strip() for _ in range(2)]
        assert lines == ["confirmed 1", "confirmed 2"], child.stderr.read()
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL

    interrupted = patrol_store.rounds.open_round(OPERATOR)
    assert interrupted is not None and interrupted.closed_at is None
    first, second, third = interrupted.planned
    assert [(c.camera_num, c.outcome) for c in interrupted.checks] == [
        (first, CheckOutcome.NORMAL),
        (second, CheckOutcome.NORMAL),
    ]
    assert interrupted.remaining == (third,)

    model = loaded(qtbot, new_patrol_model(), THREE)  # the workstation starts again
    panel = PatrolRoundPanel(model, snapshot_dir=tmp_path, grab=lambda _number: None)
    qtbot.addWidget(panel)
    panel.resume()
    qtbot.waitUntil(lambda: panel.current_camera == third, timeout=WAIT_MS)
    assert panel.round_id == interrupted.id
    panel.mark_normal()
    qtbot.waitUntil(lambda: panel.current_camera is None, timeout=WAIT_MS)
    resumed = patrol_store.rounds.round_state(interrupted.id)
    assert [c.camera_num for c in resumed.checks] == [first, second, third]
