"""A workstation process in the middle of a patrol round, for the SIGKILL test.

    python -m tests.ui.patrol_child SQLITE_URL SNAPSHOT_DIR

Runs the production patrol panel, model and store (offscreen) on the three standard patrol
cameras, confirms the first two as normal, prints "confirmed N" after the store confirmed
each, then starts on the third (ticks an item, writes a note) and waits to be killed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit

from patrol_app.domain.holidays import HolidayCalendar
from patrol_app.store.database import open_database
from patrol_app.store.patrols import PatrolStore
from patrol_app.ui.patrols.model import PatrolModel
from patrol_app.ui.patrols.round_panel import PatrolRoundPanel
from patrol_app.ui.tasks import TaskRunner
from tests.ui.patrol_helpers import OPERATOR, SHIFT_STARTS, T0, THREE

CONFIRMED_BEFORE_KILL = 2


def main(url: str, snapshot_dir: Path) -> None:
    app = QApplication([sys.argv[0], "-platform", "offscreen"])
    runner = TaskRunner(app)
    model = PatrolModel(
        PatrolStore(open_database(url)),
        runner,
        operator=OPERATOR,
        shift_starts=SHIFT_STARTS,
        calendar=HolidayCalendar(),
        clock=lambda: T0,
        parent=app,
    )
    panel = PatrolRoundPanel(model, snapshot_dir=snapshot_dir, grab=lambda _number: None)
    shown: list[str] = []

    def showing(camera_num: str) -> None:
        """The panel shows the next camera only once the store confirmed the previous."""
        shown.append(camera_num)
        if len(shown) > 1:
            print(f"confirmed {len(shown) - 1}", flush=True)
        if len(shown) <= CONFIRMED_BEFORE_KILL:
            panel.mark_normal()
        else:  # the operator is busy with the third camera when the machine dies
            panel.findChildren(QCheckBox)[0].setChecked(True)
            panel.findChild(QLineEdit, "checkNote").setText("未确认的备注")

    panel.play_requested.connect(showing)
    model.changed.connect(lambda _snapshot: panel.running or panel.start())
    model.set_cameras(THREE)
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
