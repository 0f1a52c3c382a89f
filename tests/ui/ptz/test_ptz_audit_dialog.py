"""The PTZ log (Z-3): a search made after the dialog opened sees the operations made since."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox
from pytestqt.qtbot import QtBot

from patrol_app.store.database import open_database
from patrol_app.store.ptz import PtzAuditStore
from patrol_app.ui.ptz.audit_dialog import CAMERA, CAMERA_WIDTH, PtzAuditDialog
from patrol_app.ui.tasks import TaskRunner
from tests.ui.ptz.service_doubles import StoreAudit
from tests.ui.ptz.test_ptz_window import PTZ_CAMERAS, _entry


def test_up_to_now_follows_the_clock_and_long_names_keep_their_width(
    qtbot: QtBot, runner: TaskRunner, database_url: str
) -> None:
    sessions = open_database(database_url)
    try:
        audit = PtzAuditStore(sessions)
        now = [datetime(2026, 11, 26, 3, 0, tzinfo=UTC)]
        audit.record(_entry(now[0] - timedelta(minutes=5)))
        dialog = PtzAuditDialog(StoreAudit(audit), runner, PTZ_CAMERAS, clock=lambda: now[0])  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: len(dialog.rows) == 1 and not dialog.busy)
        assert dialog.findChild(QCheckBox, "auditUntilNow").isChecked()

        now[0] += timedelta(minutes=10)  # the operator keeps the log open; cameras move
        audit.record(_entry(now[0] - timedelta(seconds=5), kind="stop", step=None))
        dialog.search()
        qtbot.waitUntil(lambda: len(dialog.rows) == 2 and not dialog.busy)
        assert dialog.table.columnWidth(CAMERA) == CAMERA_WIDTH
        cell = dialog.table.model().index(0, CAMERA)
        assert cell.data(Qt.ItemDataRole.ToolTipRole) == cell.data()

        dialog.set_filters(end=now[0] - timedelta(minutes=1))  # a chosen end: kept as chosen
        dialog.search()
        qtbot.waitUntil(lambda: len(dialog.rows) == 1 and not dialog.busy)
        dialog.close()
    finally:
        sessions.kw["bind"].dispose()
