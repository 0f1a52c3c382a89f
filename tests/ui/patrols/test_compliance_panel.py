"""The patrol panel (P-1..P-3, P-8): counts and rates per list, the shift, the equipment
inspection, warnings, late cameras; against a real store and an injected clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from patrol_app.domain.patrols import (
    PatrolList,
    WarningLevel,
    WeatherKind,
    WeatherWarning,
)
from patrol_app.store.patrols import PatrolStore
from patrol_app.ui.patrols.compliance_panel import DUE_COLOUR, OVERDUE_COLOUR, CompliancePanel
from patrol_app.ui.patrols.model import PatrolModel
from tests.ui.helpers import text_of
from tests.ui.patrol_helpers import (
    G4,
    MAINLINE,
    OPERATOR,
    T0,
    THREE,
    TOLL,
    TUNNEL,
    Clock,
    PatrolModelFactory,
    check,
    load,
    refreshed,
)


def tr(text: str, **values: Any) -> str:
    """``text`` as the panel shows it (translated when the translation has it)."""
    return QCoreApplication.translate("CompliancePanel", text).format(**values)


@pytest.fixture
def panel(qtbot: QtBot, patrol_model: PatrolModel) -> CompliancePanel:
    panel = CompliancePanel(patrol_model)
    qtbot.addWidget(panel)
    return panel


def style(panel: CompliancePanel, name: str) -> str:
    label = panel.findChild(QLabel, name)
    assert label is not None
    return label.styleSheet()


def test_counts_rates_late_cameras_and_warnings(
    qtbot: QtBot,
    panel: CompliancePanel,
    patrol_model: PatrolModel,
    patrol_store: PatrolStore,
    patrol_clock: Clock,
) -> None:
    assert text_of(panel, "shiftPeriod") == tr("Loading patrol status…")
    load(qtbot, patrol_model, THREE)  # they join at 09:00 Beijing time
    patrol_store.weather.add_warning(
        WeatherWarning(G4, WarningLevel.ORANGE, WeatherKind.RAINSTORM, T0 + timedelta(hours=1)),
        recorded_by=OPERATOR,
        now=T0 + timedelta(hours=1),
    )
    check(patrol_store, TUNNEL, T0 + timedelta(minutes=110))  # 10:50
    check(patrol_store, MAINLINE, T0 + timedelta(minutes=140))  # 11:20
    patrol_clock.advance(hours=2, minutes=45)  # 11:45
    refreshed(qtbot, patrol_model)

    assert text_of(panel, "shiftPeriod") == tr("Shift {start}–{end}", start="08:00", end="20:00")
    # t1 is due by 11:50 (key list, and weather); p1 has been overdue since 11:00 (daily and
    # weather deadlines); m1 was patrolled at 11:20.
    cells = {
        patrol_list: [
            text_of(panel, f"{part}_{patrol_list.value}")
            for part in ("due", "overdue", "done", "rate")
        ]
        for patrol_list in PatrolList
    }
    # Required since they joined at 09:00. Daily: p1 45 min and m1 20 min overdue of
    # 3 x 2 h 45; key: t1 was 50 min late (10:00-10:50) of 2 h 45.
    assert cells[PatrolList.DAILY] == ["1", "1", "2", "86.9%"]
    assert cells[PatrolList.KEY] == ["1", "0", "1", "69.7%"]
    assert cells[PatrolList.WEATHER][:3] == ["1", "1", "2"]
    assert OVERDUE_COLOUR in style(panel, "overdue_daily")
    assert DUE_COLOUR in style(panel, "due_key")
    assert style(panel, "overdue_key") == ""

    late = panel.late_cameras
    rows = [
        [late.topLevelItem(row).text(column) for column in range(3)]
        for row in range(late.topLevelItemCount())
    ]
    assert rows == [
        [TOLL.name, TOLL.pile, tr("{duration} late", duration=tr("{minutes} min", minutes=45))],
        [TUNNEL.name, TUNNEL.pile, tr("due by {time}", time="11:50")],
    ]
    assert late.topLevelItem(0).foreground(0).color().name() == OVERDUE_COLOUR
    assert late.topLevelItem(1).foreground(0).color().name() == DUE_COLOUR

    warnings = text_of(panel, "severeWarnings")
    assert "G4 京珠北段" in warnings and "橙色" in warnings and "10:00" in warnings
    assert text_of(panel, "inspection") == tr(
        "Equipment inspection today: {done}/{required}", done=0, required=1
    ) + tr("; due today")
    assert not panel.findChild(QLabel, "calendarWarning").isVisible()

    # Two hours later p1 is 2 h 45 min late.
    patrol_clock.advance(hours=2)
    refreshed(qtbot, patrol_model)
    assert late.topLevelItem(0).text(2) == tr(
        "{duration} late", duration=tr("{hours} h {minutes} min", hours=2, minutes=45)
    )


def test_no_rate_while_nothing_of_the_shift_is_due_or_done(
    qtbot: QtBot,
    panel: CompliancePanel,
    patrol_model: PatrolModel,
    patrol_store: PatrolStore,
    patrol_clock: Clock,
) -> None:
    """Issue 11 point 8: twenty minutes after the cameras joined, no deadline has come and
    no patrol was made: 达标率 says nothing yet ("–", not "100.0%"); the first patrol of a
    list gives it its rate. The inspection line reads as a sentence."""
    load(qtbot, patrol_model, THREE)
    patrol_clock.advance(minutes=20)
    snapshot = refreshed(qtbot, patrol_model)
    assert snapshot.compliance[PatrolList.DAILY].required_seconds > 0  # the rules are on
    assert [text_of(panel, f"rate_{each.value}") for each in PatrolList] == ["–"] * 3
    check(patrol_store, MAINLINE, T0 + timedelta(minutes=10))
    refreshed(qtbot, patrol_model)
    assert text_of(panel, "rate_daily") == "100.0%"
    assert text_of(panel, "rate_key") == "–"  # the tunnel: neither patrolled nor late yet
    assert panel.findChild(QLabel, "rate_key").toolTip() == "本班尚无到期或已完成的巡查"
    assert text_of(panel, "inspection") == "今日设备巡查应完成 1 次，已完成 0 次，请于今日内完成"


def test_double_click_activates_and_start_patrol(
    qtbot: QtBot, panel: CompliancePanel, patrol_model: PatrolModel
) -> None:
    load(qtbot, patrol_model, [TOLL])
    panel.resize(500, 500)
    panel.show()
    qtbot.waitExposed(panel)
    late = panel.late_cameras
    centre = late.visualItemRect(late.topLevelItem(0)).center()
    # A real double-click is press, release, double-click; mouseDClick sends only the last.
    qtbot.mouseClick(late.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    with qtbot.waitSignal(panel.camera_activated) as activated:
        qtbot.mouseDClick(late.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert activated.args == ["p1"]


def test_holiday_inspection_and_calendar_warning(
    qtbot: QtBot, new_patrol_model: PatrolModelFactory
) -> None:
    """P-8: three inspections on a major holiday; the panel says when the holiday calendar
    does not know the year."""
    holiday = Clock(datetime(2025, 10, 1, 2, 0, tzinfo=UTC))  # 10:00, National Day
    model = new_patrol_model(clock=holiday)
    panel = CompliancePanel(model)
    qtbot.addWidget(panel)
    load(qtbot, model, THREE)
    assert text_of(panel, "inspection") == (
        tr("Equipment inspection today: {done}/{required}", done=0, required=3)
        + tr(" (holiday: {name})", name="国庆节")
        + tr("; due by {time}", time="16:00")
        + tr("; {count} missed", count=1)  # 00:00-08:00 had none
    )
    assert OVERDUE_COLOUR in style(panel, "inspection")

    unknown = Clock(datetime(2031, 3, 3, 2, 0, tzinfo=UTC))
    later = new_patrol_model(clock=unknown)
    other = CompliancePanel(later)
    qtbot.addWidget(other)
    other.show()
    load(qtbot, later, THREE)
    warning = other.findChild(QLabel, "calendarWarning")
    assert warning.isVisible() and "2031" in warning.text()


def test_failures_are_shown_until_the_next_snapshot(
    qtbot: QtBot, panel: CompliancePanel, patrol_model: PatrolModel
) -> None:
    panel.show()
    patrol_model.failed.emit("无法读取巡查记录：磁盘已满")
    error = panel.findChild(QLabel, "patrolError")
    assert error.isVisible() and "磁盘已满" in error.text()
    load(qtbot, patrol_model, THREE)
    assert not error.isVisible()
