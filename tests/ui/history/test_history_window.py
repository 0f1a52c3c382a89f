"""The history window (P-6) as the operator uses it, at 1600x900 on three days of a section's
records (over 1,700 rows): opened from the Records menu, a page at a time as the table is
scrolled, filtered by pile range, camera, operator and kind, a correction shown as a later
row beside the check it corrects, the selected record whole in the details pane."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from patrol_app.domain.events import CheckOutcome
from patrol_app.domain.history import PAGE_SIZE, HistoryKind
from patrol_app.domain.inspections import CameraCheck
from patrol_app.domain.records import CheckInput
from patrol_app.store.patrols import PatrolStore
from patrol_app.ui.history.window import HistoryWindow
from patrol_app.ui.main_window import MainWindow
from tests.history.records import fill_a_shift
from tests.store.patrol_helpers import NOW
from tests.ui.helpers import CAMERAS, FakeClient

DAY = (NOW - timedelta(hours=1), NOW + timedelta(hours=23))
SECTION_CAMERAS = 24
DAYS = 3


def tr(text: str, **values: object) -> str:
    return QCoreApplication.translate("HistoryWindow", text).format(**values)


def fill_days(store: PatrolStore) -> int:
    """The section's plain checks of the three days before NOW: every camera every 2 h."""
    written = 0
    for hour in range(0, DAYS * 24, 2):
        at = NOW - timedelta(days=DAYS) + timedelta(hours=hour)
        for index in range(SECTION_CAMERAS):
            store.rounds.record_check(
                CheckInput(
                    round_id=None,
                    camera_num=f"s{index:02d}",
                    camera_name=f"京港澳高速 K{1800 + index}+500",
                    pile=f"K{1800 + index}+500",
                    outcome=CheckOutcome.NORMAL,
                    operator="值班员丙",
                    checked_at=at + timedelta(minutes=index),
                    checklist_version=1,
                )
            )
            written += 1
    return written


@pytest.fixture
def history(
    qtbot: QtBot, new_window: Callable[..., MainWindow], patrol_store: PatrolStore
) -> tuple[HistoryWindow, dict[str, int]]:
    """The main window at 1600x900; the history opened from its Records menu."""
    ids = fill_a_shift(patrol_store)
    fill_days(patrol_store)
    window = new_window(FakeClient(CAMERAS))
    window.resize(1600, 900)
    window.show()
    action = window.findChild(QAction, "history")
    assert action is not None and action.text() == QCoreApplication.translate(
        "HistoryMenu", "History of the records…"
    )
    action.trigger()
    found = window.findChild(HistoryWindow)
    assert found is not None and found.isVisible()
    found.resize(1600, 860)
    qtbot.waitUntil(lambda: not found.loading)
    return found, ids


def search(qtbot: QtBot, window: HistoryWindow, **filters: object) -> list[list[str]]:
    """Search as the operator does; the table's rows as shown (every column)."""
    start, end = filters.pop("period", DAY)
    window.set_filters(start=start, end=end, **filters)  # type: ignore[arg-type]
    window.search()
    qtbot.waitUntil(lambda: not window.loading)
    return shown(window)


def shown(window: HistoryWindow) -> list[list[str]]:
    model = window.table.model()
    return [
        [str(model.index(row, column).data()) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_a_long_period_comes_a_page_at_a_time(
    qtbot: QtBot, history: tuple[HistoryWindow, dict[str, int]]
) -> None:
    window, _ = history
    rows = search(qtbot, window, period=(NOW - timedelta(days=DAYS + 1), NOW + timedelta(days=1)))
    assert len(rows) == PAGE_SIZE and window.more
    assert window.status == tr(
        "{count} records shown; more follow (scroll down or Load more).", count=PAGE_SIZE
    )
    # Scrolling to the end of the table asks for the next page.
    window.table.scrollToBottom()
    qtbot.waitUntil(lambda: len(window.rows) == 2 * PAGE_SIZE and not window.loading)
    times = [row.position for row in window.rows]
    assert times == sorted(times) and len(set(times)) == len(times)


def test_a_pile_range_shows_a_correction_as_a_later_row(
    qtbot: QtBot, history: tuple[HistoryWindow, dict[str, int]]
) -> None:
    window, ids = history
    rows = search(qtbot, window, piles=("K1846+120", "K1850+000"))
    assert window.status == tr("{count} records, oldest first.", count=6)
    record = [(kind, pile, correction) for _, kind, _, pile, _, correction, _ in rows]
    check, fault = HistoryKind.CHECK.label, HistoryKind.FAULT.label
    assert record == [
        (check, "K1846+120", tr("Corrected by #{id}", id=ids["correction"])),
        (check, "K1850+000", ""),
        (fault, "K1850+000", ""),
        (check, "K1846+120", tr("Corrects #{id}", id=ids["normal"])),
        (HistoryKind.EVENT.label, "K1846+120", ""),
        (HistoryKind.CAMERA_INSPECTION.label, "K1850+000", ""),
    ]
    assert rows[0][6] == "正常" and rows[3][6] == "异常；复看发现路面抛洒物；抛洒物（障碍物）"
    # The correction stands out (bold); its details say what it corrects.
    model = window.table.model()
    assert model.index(3, 0).data(Qt.ItemDataRole.FontRole).bold()
    window.select_row(3)
    qtbot.waitUntil(lambda: "#" + str(ids["normal"]) in window.details.toPlainText())
    assert "复看发现路面抛洒物" in window.details.toPlainText()


def test_details_of_an_event_show_its_steps(
    qtbot: QtBot, history: tuple[HistoryWindow, dict[str, int]]
) -> None:
    window, _ = history
    rows = search(qtbot, window, camera="大岭隧道进口", kinds=frozenset({HistoryKind.EVENT}))
    assert [row[1] for row in rows] == [HistoryKind.EVENT.label]
    window.select_row(0)
    qtbot.waitUntil(lambda: "事件结束" in window.details.toPlainText())
    text = window.details.toPlainText()
    assert "已处置" in text and "K1844+650" in text


def test_operator_and_kind_filters_and_a_bad_pile(
    qtbot: QtBot, history: tuple[HistoryWindow, dict[str, int]]
) -> None:
    window, _ = history
    rows = search(qtbot, window, operator="值班员乙")
    inspection, line = HistoryKind.INSPECTION.label, HistoryKind.CAMERA_INSPECTION.label
    assert [row[1] for row in rows] == [inspection, line, line, HistoryKind.HANDOVER.label]
    window.select_row(0)  # the inspection: its areas, and the camera that failed a check
    qtbot.waitUntil(lambda: "树枝遮挡" in window.details.toPlainText())
    text = window.details.toPlainText()
    assert "接口超时" in text and "K1850+000" in text and CameraCheck.OCCLUDED.label in text
    window.select_row(2)  # that camera's line: every check of the table answered
    qtbot.waitUntil(lambda: CameraCheck.CLOCK_SYNC.label in window.details.toPlainText())
    assert "树枝遮挡" in window.details.toPlainText()
    window.select_row(3)
    qtbot.waitUntil(lambda: "值班员甲" in window.details.toPlainText())
    shown_before = shown(window)
    search(qtbot, window, piles=("K18x", ""))
    assert "桩号格式应为" in window.status
    assert shown(window) == shown_before  # nothing searched, the rows stay
