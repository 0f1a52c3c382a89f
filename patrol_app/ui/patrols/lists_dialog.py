"""The patrol lists (P-1, P-2) and the weather warnings (P-3), for the section's supervisor
or operator on duty.

The first tab is the directory's cameras with their place in the lists: site type, on the
daily list, on the key list, since when. Edits stay in the table until Save, which writes one
list change per changed camera (who, when, why); the History tab shows those changes. The
Weather warnings tab lists the warnings in force and records new ones and their end.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
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
    SiteType,
    WeatherWarning,
)
from patrol_app.domain.records import ListChange
from patrol_app.patrols.snapshot import PatrolSnapshot
from patrol_app.ui.patrols.list_entries import NAME, SITE, SITE_ROLE, ListEntriesModel
from patrol_app.ui.patrols.model import PatrolModel
from patrol_app.ui.patrols.warnings_tab import WeatherWarningsTab
from patrol_app.ui.widgets.beijing_time import beijing_datetime
from patrol_app.ui.widgets.record_model import (
    Column,
    Index,
    RecordModel,
    RecordProxy,
    sorted_view,
)


class SiteDelegate(QStyledItemDelegate):
    """Edits the site cell with a combo box of the site types."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent, objectName="siteEditor")
        for site in SiteType:
            combo.addItem(site.label, site.value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(SITE_ROLE))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        site = SiteType(editor.currentData())
        model.setData(index, site.value, SITE_ROLE)


class PatrolListsDialog(QDialog):
    """The patrol lists, their history and the weather warnings, over ``model``."""

    def __init__(self, model: PatrolModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._saving = 0  # list changes sent and not yet written
        self.setWindowTitle(self.tr("Patrol lists and weather warnings"))
        self.resize(1000, 600)

        self._tabs = QTabWidget(objectName="patrolListTabs")
        self._tabs.addTab(self._build_lists(), self.tr("Patrol lists"))
        self._tabs.addTab(self._build_history(), self.tr("History"))
        self._weather = WeatherWarningsTab(model)
        self._tabs.addTab(self._weather, self.tr("Weather warnings"))
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
        shown = RecordProxy(self._entries, self)
        self._filter.textChanged.connect(shown.set_words)
        self._table = QTableView(objectName="listTable")
        self._table.setModel(shown)
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
                Column(self.tr("Changed at"), lambda row: beijing_datetime(row[0].changed_at)),
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
        self._history = sorted_view("listHistory", self._changes, newest_first=True)
        reload = QPushButton(self.tr("Reload"), objectName="reloadHistory")
        reload.clicked.connect(self.load_history)
        layout = QVBoxLayout(page)
        layout.addWidget(self._history, 1)
        layout.addWidget(reload, 0, Qt.AlignmentFlag.AlignRight)
        return page

    # The snapshot.
    def _show(self, snapshot: PatrolSnapshot) -> None:
        self._error.hide()
        self._weather.show_snapshot(snapshot)
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

    def _undo(self) -> None:
        self._entries.undo()
        self._list_status.clear()

    def warning_from_form(self) -> WeatherWarning | None:
        """The warning the weather tab's form describes (None when it is not valid)."""
        return self._weather.warning_from_form()

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
            self._model.store.lists.change_list,
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
        self._model.run(self._model.store.lists.list_history, on_done=self._show_history)

    def _show_history(self, changes: list[ListChange]) -> None:
        names = self._entries.camera_name
        self._changes.set_records([(change, names(change.camera_num)) for change in changes])
        self._history.resizeColumnsToContents()
        self._history.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)

    # Errors.
    def _failed(self, message: str) -> None:
        self._saving = 0
        self._error.setText(self.tr("Patrol records: {error}").format(error=message))
        self._error.show()
        self._update_buttons()
        self._weather.failed()
