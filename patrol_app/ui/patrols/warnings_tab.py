"""The weather warnings tab of the patrol lists (P-3): the warnings in force, and the form that
records a new one (its section, level, hazard, start and end) or ends the one selected."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.patrols import SectionKey, WarningLevel, WeatherKind, WeatherWarning
from patrol_app.domain.records import StoredWarning
from patrol_app.patrols.snapshot import PatrolSnapshot
from patrol_app.ui.patrols.model import PatrolModel
from patrol_app.ui.widgets.beijing_time import (
    beijing_datetime,
    beijing_edit,
    from_qdatetime,
    to_qdatetime,
)
from patrol_app.ui.widgets.record_model import Column, RecordModel, RecordProxy, sorted_view

DEFAULT_WARNING_HOURS = 6  # the end proposed for a warning given with an end


class WeatherWarningsTab(QWidget):
    """The warnings of ``model``'s snapshots; adds and ends them through its runner."""

    def __init__(self, model: PatrolModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._sections: list[SectionKey] = []
        self._records = RecordModel(
            [
                Column(self.tr("Section"), lambda stored: str(stored.warning.section)),
                Column(self.tr("Level"), lambda stored: stored.warning.level.label),
                Column(self.tr("Hazard"), lambda stored: stored.warning.kind.label),
                Column(
                    self.tr("Starts"), lambda stored: beijing_datetime(stored.warning.starts_at)
                ),
                Column(self.tr("Ends"), self._ends),
                Column(self.tr("Recorded by"), lambda stored: stored.recorded_by),
            ],
            key=lambda stored: (stored.warning.starts_at, stored.id),
            bold=lambda stored: stored.warning.level.severe,
            parent=self,
        )
        self._warnings = sorted_view("warningTable", self._records)
        self._warnings.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._warnings.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._warnings.selectionModel().selectionChanged.connect(self._update_buttons)
        self._end_warning = QPushButton(self.tr("End now"), objectName="endWarning")
        self._end_warning.clicked.connect(self.end_selected_warning)

        self._section = QComboBox(objectName="warningSection")
        self._level = QComboBox(objectName="warningLevel")
        for level in WarningLevel:
            self._level.addItem(level.label, int(level))
        self._level.setCurrentIndex(self._level.findData(int(WarningLevel.ORANGE)))
        self._kind = QComboBox(objectName="warningKind")
        for kind in WeatherKind:
            self._kind.addItem(kind.label, kind.value)
        self._start = beijing_edit("warningStart")
        self._has_end = QCheckBox(self.tr("Ends at"), objectName="warningHasEnd")
        self._end = beijing_edit("warningEnd")
        self._end.setEnabled(False)
        self._has_end.toggled.connect(self._end.setEnabled)
        self._add_warning = QPushButton(self.tr("Add warning"), objectName="addWarning")
        self._add_warning.clicked.connect(self.add_warning)
        self._warning_status = QLabel(objectName="warningStatus", wordWrap=True)
        self._reset_warning_times()

        end_row = QHBoxLayout()
        end_row.addWidget(self._has_end)
        end_row.addWidget(self._end, 1)
        form = QFormLayout()
        form.addRow(self.tr("Section"), self._section)
        form.addRow(self.tr("Level"), self._level)
        form.addRow(self.tr("Hazard"), self._kind)
        form.addRow(self.tr("Starts (Beijing time)"), self._start)
        form.addRow(end_row)
        form.addRow(self._add_warning)
        hint = QLabel(
            self.tr(
                "Orange and red warnings put the section's cameras on hourly patrol for as "
                "long as they last, with the weather checklist of their hazard."
            ),
            wordWrap=True,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self._warnings, 1)
        layout.addWidget(self._end_warning, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(form)
        layout.addWidget(self._warning_status)
        self._update_buttons()
        self._update_warning_form()

    def show_snapshot(self, snapshot: PatrolSnapshot) -> None:
        self._show_sections(snapshot.sections())
        self._show_warnings(snapshot.warnings)

    def failed(self) -> None:
        """A write failed (the dialog says why): the form may be used again."""
        self._update_buttons()
        self._update_warning_form()

    def _update_buttons(self) -> None:
        self._end_warning.setEnabled(self._selected_warning() is not None)

    def _show_sections(self, sections: list[SectionKey]) -> None:
        if sections == self._sections:
            return
        current = self._section.currentIndex()
        chosen = self._sections[current] if 0 <= current < len(self._sections) else None
        self._sections = sections
        self._section.clear()
        for section in sections:
            self._section.addItem(str(section))
        if chosen in sections:
            self._section.setCurrentIndex(sections.index(chosen))
        self._update_warning_form()

    def _ends(self, stored: StoredWarning) -> str:
        return beijing_datetime(stored.warning.ends_at) or self.tr("until ended")

    def _show_warnings(self, warnings: tuple[StoredWarning, ...]) -> None:
        selected = self._selected_warning()
        self._records.set_records(warnings)
        shown = self._shown()
        for row, stored in enumerate(self._records.records):
            if stored.id == selected:
                self._warnings.selectRow(shown.row_of(row))
        self._warnings.resizeColumnsToContents()
        self._warnings.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._update_buttons()

    def _selected_warning(self) -> int | None:
        rows = self._warnings.selectionModel().selectedRows()
        if not rows:
            return None
        stored: StoredWarning = self._records.record(self._shown().source_row(rows[0].row()))
        return stored.id

    def _shown(self) -> RecordProxy:
        shown = self._warnings.model()
        assert isinstance(shown, RecordProxy)
        return shown

    def _update_warning_form(self) -> None:
        self._add_warning.setEnabled(bool(self._sections))

    def _reset_warning_times(self) -> None:
        now = self._model.now()
        self._start.setDateTime(to_qdatetime(now))
        self._end.setDateTime(to_qdatetime(now + timedelta(hours=DEFAULT_WARNING_HOURS)))
        self._has_end.setChecked(False)

    def warning_from_form(self) -> WeatherWarning | None:
        """The warning the form describes; None (and the reason shown) when it is not valid."""
        index = self._section.currentIndex()
        if not 0 <= index < len(self._sections):
            self._warning_status.setText(self.tr("Choose a section"))
            return None
        starts_at = from_qdatetime(self._start.dateTime())
        ends_at = from_qdatetime(self._end.dateTime()) if self._has_end.isChecked() else None
        if ends_at is not None and ends_at <= starts_at:
            self._warning_status.setText(self.tr("The end must be after the start"))
            return None
        return WeatherWarning(
            section=self._sections[index],
            level=WarningLevel(self._level.currentData()),
            kind=WeatherKind(self._kind.currentData()),
            starts_at=starts_at,
            ends_at=ends_at,
        )

    def add_warning(self) -> None:
        warning = self.warning_from_form()
        if warning is None:
            return
        self._add_warning.setEnabled(False)
        add = partial(
            self._model.store.weather.add_warning,
            recorded_by=self._model.operator,
            now=self._model.now(),
        )
        self._model.run(add, warning, on_done=self._warning_added)

    def _warning_added(self, _warning_id: int) -> None:
        self._warning_status.setText(self.tr("Warning recorded"))
        self._reset_warning_times()
        self._update_warning_form()

    def end_selected_warning(self) -> None:
        warning_id = self._selected_warning()
        if warning_id is None:
            return
        now = self._model.now()
        self._end_warning.setEnabled(False)
        end = partial(
            self._model.store.weather.end_warning, recorded_by=self._model.operator, now=now
        )
        self._model.run(end, warning_id, now, on_done=self._warning_ended)

    def _warning_ended(self, _result: object) -> None:
        self._warning_status.setText(self.tr("Warning ended"))
