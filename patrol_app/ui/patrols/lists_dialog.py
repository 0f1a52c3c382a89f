"""The patrol lists (P-1, P-2) and the weather warnings (P-3), for the section's supervisor
or operator on duty.

The first tab is the directory's cameras with their place in the lists: site type, on the
daily list, on the key list, since when. Edits stay in the table until Save, which writes one
list change per changed camera (who, when, why); the History tab shows those changes. The
Weather warnings tab lists the warnings in force and records new ones and their end.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from functools import partial

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.patrols import (
    ListEntry,
    SectionKey,
    SiteType,
    WarningLevel,
    WeatherKind,
    WeatherWarning,
)
from patrol_app.platform.sharing import CameraEntry
from patrol_app.store.patrols import ListChange, StoredWarning
from patrol_app.ui.patrols.list_entries import NAME, SITE, SITE_ROLE, ListEntriesModel
from patrol_app.ui.patrols.model import PatrolModel, PatrolSnapshot, section_of
from patrol_app.ui.widgets.beijing_time import (
    beijing_date_time,
    beijing_edit,
    from_qdatetime,
    to_qdatetime,
)
from patrol_app.ui.widgets.record_table import Column, RecordModel, RecordProxy, record_view

DEFAULT_WARNING_HOURS = 6  # the end proposed for a warning given with an end


class SiteDelegate(QStyledItemDelegate):
    """Edits the site cell with a combo box of the site types."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        combo = QComboBox(parent, objectName="siteEditor")
        for site in SiteType:
            combo.addItem(site.label, site.value)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(SITE_ROLE))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, SiteType(editor.currentData()).value, SITE_ROLE)


class PatrolListsDialog(QDialog):
    """The patrol lists, their history and the weather warnings, over ``model``."""

    def __init__(self, model: PatrolModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._saving = 0  # list changes sent and not yet written
        self._sections: list[SectionKey] = []
        self.setWindowTitle(self.tr("Patrol lists and weather warnings"))
        self.resize(1000, 600)

        self._tabs = QTabWidget(objectName="patrolListTabs")
        self._tabs.addTab(self._build_lists(), self.tr("Patrol lists"))
        self._tabs.addTab(self._build_history(), self.tr("History"))
        self._tabs.addTab(self._build_warnings(), self.tr("Weather warnings"))
        self._tabs.currentChanged.connect(self._tab_changed)
        self._error = QLabel(objectName="patrolListsError", wordWrap=True)
        self._error.setStyleSheet("color: #c0392b;")
        self._error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self._tabs)
        layout.addWidget(self._error)
        layout.addWidget(buttons)

        self._update_buttons()
        self._update_warning_form()
        model.follow(self._show, self._failed)

    # Building.
    def _build_lists(self) -> QWidget:
        page = QWidget()
        self._filter = QLineEdit(objectName="listFilter", clearButtonEnabled=True)
        self._filter.setPlaceholderText(self.tr("Filter by name, pile, section or site"))
        self._entries = ListEntriesModel(
            [
                self.tr("Camera"),
                self.tr("Pile"),
                self.tr("Section"),
                self.tr("Site type"),
                self.tr("Daily patrol"),
                self.tr("Key patrol"),
                self.tr("On the lists since"),
            ],
            self.tr("not yet on the lists"),
            self._model.now,
            self,
        )
        self._entries.edits_changed.connect(self._update_buttons)
        self._shown_entries = RecordProxy(self._entries, self)
        self._filter.textChanged.connect(self._shown_entries.set_words)
        self._table = QTableView(objectName="listTable")
        self._table.setModel(self._shown_entries)
        self._table.setItemDelegateForColumn(SITE, SiteDelegate(self._table))
        self._table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.verticalHeader().hide()
        self._table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self._note = QLineEdit(objectName="changeNote", maxLength=200)
        self._note.setPlaceholderText(self.tr("Reason for the change (kept with it)"))
        self._save = QPushButton(self.tr("Save changes"), objectName="saveLists")
        self._save.clicked.connect(self.save)
        self._revert = QPushButton(self.tr("Undo changes"), objectName="revertLists")
        self._revert.clicked.connect(self._undo)
        self._list_status = QLabel(objectName="listStatus")
        hint = QLabel(
            self.tr(
                "Every camera is on the daily list (every 2 h) unless excluded; tunnels, "
                "viaducts, ramps and construction sections belong on the key list (hourly). "
                "Double-click a site type to change it."
            ),
            wordWrap=True,
        )
        bottom = QHBoxLayout()
        bottom.addWidget(self._note, 1)
        bottom.addWidget(self._revert)
        bottom.addWidget(self._save)
        layout = QVBoxLayout(page)
        layout.addWidget(hint)
        layout.addWidget(self._filter)
        layout.addWidget(self._table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self._list_status)
        return page

    def _build_history(self) -> QWidget:
        page = QWidget()
        yes, no = self.tr("yes"), self.tr("no")
        self._changes = RecordModel(
            [
                Column(self.tr("Changed at"), lambda row: beijing_date_time(row[0].changed_at)),
                Column(self.tr("Camera"), lambda row: row[1]),
                Column(self.tr("Site type"), lambda row: row[0].site.label),
                Column(self.tr("Daily patrol"), lambda row: yes if row[0].daily else no),
                Column(self.tr("Key patrol"), lambda row: yes if row[0].key else no),
                Column(self.tr("Changed by"), lambda row: row[0].changed_by),
                Column(self.tr("Note"), lambda row: row[0].note),
            ],
            key=lambda row: (row[0].changed_at, row[0].id),
            parent=self,
        )
        self._history = record_view("listHistory", self._changes, newest_first=True)
        reload = QPushButton(self.tr("Reload"), objectName="reloadHistory")
        reload.clicked.connect(self.load_history)
        layout = QVBoxLayout(page)
        layout.addWidget(self._history, 1)
        layout.addWidget(reload, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _build_warnings(self) -> QWidget:
        page = QWidget()
        self._warning_records = RecordModel(
            [
                Column(self.tr("Section"), lambda stored: str(stored.warning.section)),
                Column(self.tr("Level"), lambda stored: stored.warning.level.label),
                Column(self.tr("Hazard"), lambda stored: stored.warning.kind.label),
                Column(
                    self.tr("Starts"), lambda stored: beijing_date_time(stored.warning.starts_at)
                ),
                Column(
                    self.tr("Ends"),
                    lambda stored: (
                        beijing_date_time(stored.warning.ends_at) or self.tr("until ended")
                    ),
                ),
                Column(self.tr("Recorded by"), lambda stored: stored.recorded_by),
            ],
            key=lambda stored: (stored.warning.starts_at, stored.id),
            bold=lambda stored: stored.warning.level.severe,
            parent=self,
        )
        self._warnings = record_view("warningTable", self._warning_records)
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
        layout = QVBoxLayout(page)
        layout.addWidget(hint)
        layout.addWidget(self._warnings, 1)
        layout.addWidget(self._end_warning, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(form)
        layout.addWidget(self._warning_status)
        return page

    # The snapshot.
    def _show(self, snapshot: PatrolSnapshot) -> None:
        self._error.hide()
        self._show_sections(snapshot.cameras)
        self._show_warnings(snapshot.warnings)
        if self._entries.show(snapshot.cameras, snapshot.entries):
            self._table.resizeColumnsToContents()
            header = self._table.horizontalHeader()
            header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)

    def _update_buttons(self) -> None:
        count = len(self._entries.edits)
        self._save.setEnabled(bool(count) and not self._saving)
        self._revert.setEnabled(bool(count) and not self._saving)
        if self._saving:
            self._list_status.setText(self.tr("Saving…"))
        elif count:
            self._list_status.setText(
                self.tr("{count} camera(s) changed, not saved").format(count=count)
            )
        self._end_warning.setEnabled(self._selected_warning() is not None)

    def _undo(self) -> None:
        self._entries.undo()
        self._list_status.clear()

    # Writing the lists.
    def changed_entries(self) -> Mapping[str, ListEntry]:
        """The edits not saved yet, by camera number."""
        return self._entries.edits

    def save(self) -> None:
        """One list change per changed camera, by the operator, with the note."""
        edits = sorted(self._entries.edits.items())
        if not edits or self._saving:
            return
        change = partial(
            self._model.store.change_list,
            changed_by=self._model.operator,
            now=self._model.now(),
            note=self._note.text().strip(),
        )
        self._saving = len(edits)
        for number, entry in edits:
            self._model.run(change, number, entry, on_done=partial(self._saved, number, entry))
        self._update_buttons()

    def _saved(self, number: str, entry: ListEntry, _result: object) -> None:
        self._saving -= 1
        self._entries.saved(number, entry)
        if not self._saving:
            self._note.clear()
            self._list_status.setText(self.tr("Changes saved"))
            self.load_history()
        self._update_buttons()

    # History.
    def _tab_changed(self, index: int) -> None:
        if self._tabs.widget(index) is self._history.parentWidget():
            self.load_history()

    def load_history(self) -> None:
        self._model.run(self._model.store.list_history, on_done=self._show_history)

    def _show_history(self, changes: list[ListChange]) -> None:
        names = self._entries.camera_name
        self._changes.set_records([(change, names(change.camera_num)) for change in changes])
        self._history.resizeColumnsToContents()
        self._history.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)

    # Weather warnings.
    def _show_sections(self, cameras: Mapping[str, CameraEntry]) -> None:
        sections = sorted({section_of(camera) for camera in cameras.values()}, key=str)
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

    def _show_warnings(self, warnings: tuple[StoredWarning, ...]) -> None:
        selected = self._selected_warning()
        self._warning_records.set_records(warnings)
        shown = self._warnings.model()
        assert isinstance(shown, RecordProxy)
        for row, stored in enumerate(self._warning_records.records):
            if stored.id == selected:
                self._warnings.selectRow(shown.row_of(row))
        self._warnings.resizeColumnsToContents()
        self._warnings.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._update_buttons()

    def _selected_warning(self) -> int | None:
        shown = self._warnings.model()
        assert isinstance(shown, RecordProxy)
        rows = self._warnings.selectionModel().selectedRows()
        if not rows:
            return None
        stored: StoredWarning = self._warning_records.record(shown.source_row(rows[0].row()))
        return stored.id

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
            self._model.store.add_warning, recorded_by=self._model.operator, now=self._model.now()
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
        end = partial(self._model.store.end_warning, recorded_by=self._model.operator, now=now)
        self._model.run(end, warning_id, now, on_done=self._warning_ended)

    def _warning_ended(self, _result: object) -> None:
        self._warning_status.setText(self.tr("Warning ended"))

    # Errors.
    def _failed(self, message: str) -> None:
        self._saving = 0
        self._error.setText(self.tr("Patrol records: {error}").format(error=message))
        self._error.show()
        self._update_buttons()
        self._update_warning_form()
