"""The patrol lists (P-1, P-2) and the weather warnings (P-3), for the section's supervisor
or operator on duty.

The first tab is the directory's cameras with their place in the lists: site type, on the
daily list, on the key list, since when. Edits stay in the table until Save, which writes one
list change per changed camera (who, when, why); the History tab shows those changes. The
Weather warnings tab lists the warnings in force and records new ones and their end.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from functools import partial

from PySide6.QtCore import QAbstractItemModel, QDate, QDateTime, QModelIndex, Qt, QTime, QTimeZone
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
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
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.patrols import (
    BEIJING,
    KEY_SITES,
    ListEntry,
    SectionKey,
    SiteType,
    WarningLevel,
    WeatherKind,
    WeatherWarning,
)
from patrol_app.domain.pile import PileNumber, PileNumberError
from patrol_app.store.patrols import ListChange, StoredWarning
from patrol_app.ui.patrols.model import PatrolModel, PatrolSnapshot, section_of
from patrol_app.ui.widgets.record_table import record_table

CAMERA_NUM_ROLE = Qt.ItemDataRole.UserRole + 1
SITE_ROLE = Qt.ItemDataRole.UserRole + 2  # the SiteType code of the site cell
WARNING_ID_ROLE = Qt.ItemDataRole.UserRole + 3

NAME, PILE, SECTION, SITE, DAILY, KEY, SINCE = range(7)
DEFAULT_WARNING_HOURS = 6  # the end proposed for a warning given with an end
BEIJING_ZONE = QTimeZone(8 * 3600)  # the fixed UTC+08:00 offset, whatever the host's zone


def beijing_text(at: datetime | None) -> str:
    return "" if at is None else at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


def to_qdatetime(at: datetime) -> QDateTime:
    local = at.astimezone(BEIJING)
    return QDateTime(
        QDate(local.year, local.month, local.day),
        QTime(local.hour, local.minute, local.second),
        BEIJING_ZONE,
    )


def from_qdatetime(value: QDateTime) -> datetime:
    """The Beijing wall time shown by a QDateTimeEdit in ``BEIJING_ZONE``, as an aware
    datetime."""
    day, clock = value.date(), value.time()
    return datetime(
        day.year(), day.month(), day.day(), clock.hour(), clock.minute(), tzinfo=BEIJING
    )


def beijing_edit(object_name: str) -> QDateTimeEdit:
    edit = QDateTimeEdit(objectName=object_name)
    edit.setTimeZone(BEIJING_ZONE)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setCalendarPopup(True)
    return edit


def _pile_metres(camera: CameraEntry) -> int:
    try:
        return PileNumber.parse(camera.pile).metres
    except PileNumberError:
        return -1


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
        site = SiteType(editor.currentData())
        model.setData(index, site.value, SITE_ROLE)
        model.setData(index, site.label, Qt.ItemDataRole.DisplayRole)


class PatrolListsDialog(QDialog):
    """The patrol lists, their history and the weather warnings, over ``model``."""

    def __init__(self, model: PatrolModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._cameras: dict[str, CameraEntry] = {}
        self._entries: dict[str, ListEntry] = {}  # as recorded (the snapshot's)
        self._edits: dict[str, ListEntry] = {}  # changed in the table, not yet saved
        self._rows: dict[str, int] = {}
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
        self._filter.textChanged.connect(self._apply_filter)
        self._table = QTableWidget(0, 7, objectName="listTable")
        self._table.setHorizontalHeaderLabels(
            [
                self.tr("Camera"),
                self.tr("Pile"),
                self.tr("Section"),
                self.tr("Site type"),
                self.tr("Daily patrol"),
                self.tr("Key patrol"),
                self.tr("On the lists since"),
            ]
        )
        self._table.setItemDelegateForColumn(SITE, SiteDelegate(self._table))
        self._table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.verticalHeader().hide()
        header = self._table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self._table.itemChanged.connect(self._item_changed)
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
        self._history = record_table(
            "listHistory",
            [
                self.tr("Changed at"),
                self.tr("Camera"),
                self.tr("Site type"),
                self.tr("Daily patrol"),
                self.tr("Key patrol"),
                self.tr("Changed by"),
                self.tr("Note"),
            ],
        )
        self._history.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        reload = QPushButton(self.tr("Reload"), objectName="reloadHistory")
        reload.clicked.connect(self.load_history)
        layout = QVBoxLayout(page)
        layout.addWidget(self._history, 1)
        layout.addWidget(reload, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _build_warnings(self) -> QWidget:
        page = QWidget()
        self._warnings = record_table(
            "warningTable",
            [
                self.tr("Section"),
                self.tr("Level"),
                self.tr("Hazard"),
                self.tr("Starts"),
                self.tr("Ends"),
                self.tr("Recorded by"),
            ],
        )
        self._warnings.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._warnings.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._warnings.itemSelectionChanged.connect(self._update_buttons)
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
        if dict(snapshot.entries) == self._entries and dict(snapshot.cameras) == self._cameras:
            return  # nothing new: leave the table (and an open editor) alone
        self._cameras = dict(snapshot.cameras)
        self._entries = dict(snapshot.entries)
        # An edit that the records now hold is no longer an edit.
        self._edits = {
            number: entry
            for number, entry in self._edits.items()
            if number in self._cameras and self._entries.get(number) != entry
        }
        self._fill_table()

    def _fill_table(self) -> None:
        cameras = sorted(
            self._cameras.values(),
            key=lambda camera: (camera.road, camera.road_sec, _pile_metres(camera), camera.name),
        )
        self._table.blockSignals(True)
        try:
            self._table.setRowCount(len(cameras))
            self._rows = {}
            for row, camera in enumerate(cameras):
                self._rows[camera.camera_num] = row
                recorded = self._entries.get(camera.camera_num)
                self._fill_row(row, camera, self._edits.get(camera.camera_num, recorded))
        finally:
            self._table.blockSignals(False)
        self._table.resizeColumnsToContents()
        self._table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self._apply_filter()
        self._update_buttons()

    def _fill_row(self, row: int, camera: CameraEntry, entry: ListEntry | None) -> None:
        fixed = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        cells = {
            NAME: camera.name,
            PILE: camera.pile,
            SECTION: str(section_of(camera)),
            SINCE: beijing_text(entry.since) if entry else self.tr("not yet on the lists"),
        }
        for column, text in cells.items():
            item = QTableWidgetItem(text)
            item.setFlags(fixed)
            item.setData(CAMERA_NUM_ROLE, camera.camera_num)
            self._table.setItem(row, column, item)
        site = entry.site if entry else SiteType.MAINLINE
        item = QTableWidgetItem(site.label)
        item.setData(SITE_ROLE, site.value)
        item.setFlags(fixed | Qt.ItemFlag.ItemIsEditable)
        self._table.setItem(row, SITE, item)
        for column, ticked in (
            (DAILY, entry.daily if entry else True),
            (KEY, entry.key if entry else site in KEY_SITES),
        ):
            item = QTableWidgetItem()
            item.setFlags(fixed | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self._table.setItem(row, column, item)
        self._mark(row, camera.camera_num in self._edits)

    def _mark(self, row: int, changed: bool) -> None:
        font = QFont(self._table.font())
        font.setBold(changed)
        for column in range(self._table.columnCount()):
            item = self._table.item(row, column)
            if item is not None:
                item.setFont(font)

    def _row_entry(self, row: int, number: str) -> ListEntry:
        site = SiteType(self._table.item(row, SITE).data(SITE_ROLE))
        recorded = self._entries.get(number)
        return ListEntry(
            site=site,
            daily=self._table.item(row, DAILY).checkState() == Qt.CheckState.Checked,
            key=self._table.item(row, KEY).checkState() == Qt.CheckState.Checked,
            since=recorded.since if recorded else self._model.now(),
        )

    def _item_changed(self, item: QTableWidgetItem) -> None:
        row = item.row()
        number = self._table.item(row, NAME).data(CAMERA_NUM_ROLE)
        before = self._edits.get(number) or self._entries.get(number)
        site = SiteType(item.data(SITE_ROLE)) if item.column() == SITE else None
        if site is not None and (before is None or before.site != site):
            # A key site belongs on the key list, other sites are not key by default (P-2);
            # the operator can still untick or tick the key list afterwards.
            key = self._table.item(row, KEY)
            self._table.blockSignals(True)
            key.setCheckState(
                Qt.CheckState.Checked if site in KEY_SITES else Qt.CheckState.Unchecked
            )
            self._table.blockSignals(False)
        entry = self._row_entry(row, number)
        recorded = self._entries.get(number)
        if recorded is not None and entry == recorded:
            self._edits.pop(number, None)
        else:
            self._edits[number] = entry
        self._table.blockSignals(True)
        self._mark(row, number in self._edits)
        self._table.blockSignals(False)
        self._update_buttons()

    def _apply_filter(self) -> None:
        words = self._filter.text().strip().lower().split()
        for row in range(self._table.rowCount()):
            text = " ".join(
                (self._table.item(row, column).text() if self._table.item(row, column) else "")
                for column in (NAME, PILE, SECTION, SITE)
            ).lower()
            self._table.setRowHidden(row, not all(word in text for word in words))

    def _update_buttons(self) -> None:
        count = len(self._edits)
        self._save.setEnabled(bool(count) and not self._saving)
        self._revert.setEnabled(bool(count) and not self._saving)
        if self._saving:
            self._list_status.setText(self.tr("Saving…"))
        elif count:
            self._list_status.setText(
                self.tr("{count} camera(s) changed, not saved").format(count=count)
            )
        self._end_warning.setEnabled(bool(self._warnings.selectedItems()))

    def _undo(self) -> None:
        self._edits = {}
        self._list_status.clear()
        self._fill_table()

    # Writing the lists.
    def changed_entries(self) -> Mapping[str, ListEntry]:
        """The edits not saved yet, by camera number."""
        return dict(self._edits)

    def save(self) -> None:
        """One list change per changed camera, by the operator, with the note."""
        if not self._edits or self._saving:
            return
        change = partial(
            self._model.store.change_list,
            changed_by=self._model.operator,
            now=self._model.now(),
            note=self._note.text().strip(),
        )
        edits = sorted(self._edits.items())
        self._saving = len(edits)
        for number, entry in edits:
            self._model.run(change, number, entry, on_done=partial(self._saved, number, entry))
        self._update_buttons()

    def _saved(self, number: str, entry: ListEntry, _result: object) -> None:
        self._saving -= 1
        self._entries[number] = entry
        if self._edits.get(number) == entry:
            del self._edits[number]
        row = self._rows.get(number)
        if row is not None:
            self._mark(row, number in self._edits)
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
        changes = sorted(changes, key=lambda change: (change.changed_at, change.id), reverse=True)
        self._history.setRowCount(len(changes))
        yes, no = self.tr("yes"), self.tr("no")
        for row, change in enumerate(changes):
            camera = self._cameras.get(change.camera_num)
            cells = (
                beijing_text(change.changed_at),
                camera.name if camera else change.camera_num,
                change.site.label,
                yes if change.daily else no,
                yes if change.key else no,
                change.changed_by,
                change.note,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(CAMERA_NUM_ROLE, change.camera_num)
                self._history.setItem(row, column, item)
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
        ordered = sorted(warnings, key=lambda stored: (stored.warning.starts_at, stored.id))
        self._warnings.setRowCount(len(ordered))
        for row, stored in enumerate(ordered):
            warning = stored.warning
            cells = (
                str(warning.section),
                warning.level.label,
                warning.kind.label,
                beijing_text(warning.starts_at),
                beijing_text(warning.ends_at) or self.tr("until ended"),
                stored.recorded_by,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(WARNING_ID_ROLE, stored.id)
                if warning.level.severe:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self._warnings.setItem(row, column, item)
            if stored.id == selected:
                self._warnings.selectRow(row)
        if not ordered:
            self._warnings.clearSelection()
        self._warnings.resizeColumnsToContents()
        self._warnings.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._update_buttons()

    def _selected_warning(self) -> int | None:
        items = self._warnings.selectedItems()
        return items[0].data(WARNING_ID_ROLE) if items else None

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
