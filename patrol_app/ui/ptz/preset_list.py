"""The PTZ panel's presets (Z-5): the camera's stored presets by number, recalled with Enter
or a double click (or the panel's number keys), renamed in place (F2), and the field that
stores the current view under the first free number. The widget only shows and asks: the
panel sends what it asks to the service."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.ptz import MAX_PRESET, MAX_PRESET_NAME, MIN_PRESET
from patrol_app.domain.ptz_records import PresetView

NUMBER_COLUMN, NAME_COLUMN = range(2)


class PresetList(QGroupBox):
    """``recall(number)``: the operator chose a preset (Enter, double click, "Go to");
    ``rename(number, name)``: a new name typed in place; ``store(number, name)``: store the
    view under the number and name typed; ``unchosen``: "Go to" with nothing chosen."""

    recall = Signal(int)
    rename = Signal(int, str)
    store = Signal(int, str)
    unchosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Presets"))
        self.setObjectName("ptzPresetBox")
        self._presets: list[PresetView] = []
        self._filling = False
        self._list = QTreeWidget(objectName="ptzPresets")
        self._list.setColumnCount(2)
        self._list.setHeaderLabels([self.tr("No."), self.tr("Name")])
        self._list.setRootIsDecorated(False)
        self._list.setItemDelegateForColumn(NAME_COLUMN, _NameDelegate(self._list))
        self._list.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self._list.setToolTip(self.tr("Enter or double-click: go to the preset; F2: rename"))
        self._list.itemActivated.connect(self._activated)
        self._list.itemChanged.connect(self._renamed)
        recall = QPushButton(self.tr("Go to"), objectName="ptzRecall")
        recall.clicked.connect(self._recall_selected)

        self._number = QSpinBox(objectName="ptzPresetNumber")
        self._number.setRange(MIN_PRESET, MAX_PRESET)
        self._name = QLineEdit(objectName="ptzPresetName")
        self._name.setMaxLength(MAX_PRESET_NAME)
        self._name.returnPressed.connect(self._store_clicked)
        self._store_button = QPushButton(self.tr("Store view"), objectName="ptzStorePreset")
        self._store_button.clicked.connect(self._store_clicked)
        add = QHBoxLayout()
        add.addWidget(self._number)
        add.addWidget(self._name, 1)
        add.addWidget(self._store_button)

        column = QVBoxLayout(self)
        column.addWidget(self._list, 1)
        column.addWidget(recall)
        column.addLayout(add)

    @property
    def presets(self) -> list[PresetView]:
        return list(self._presets)

    def numbers(self) -> set[int]:
        return {preset.number for preset in self._presets}

    def show_presets(self, presets: list[PresetView]) -> None:
        """List ``presets``; the number field offers the first free number, and storing is
        off while every number is used (rename a preset instead)."""
        self._presets = presets
        self._filling = True
        self._list.clear()
        for preset in presets:
            item = QTreeWidgetItem([str(preset.number), preset.name])
            item.setData(NUMBER_COLUMN, Qt.ItemDataRole.UserRole, preset.number)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self._list.addTopLevelItem(item)
        self._list.resizeColumnToContents(NUMBER_COLUMN)
        used = self.numbers()
        free = next((n for n in range(MIN_PRESET, MAX_PRESET + 1) if n not in used), None)
        if free is not None:
            self._number.setValue(free)
        for part in (self._number, self._name, self._store_button):
            part.setEnabled(free is not None)
        self._name.setPlaceholderText(
            self.tr("Name of the view")
            if free is not None
            else self.tr("All {count} presets are stored").format(count=MAX_PRESET)
        )
        self._store_button.setToolTip(
            self.tr("Store what the camera shows now under this number")
            if free is not None
            else self.tr("All {count} presets are stored: rename one instead").format(
                count=MAX_PRESET
            )
        )
        self._filling = False

    def name_problem(self, name: str) -> str:
        """Why ``name`` (stripped) cannot name a preset; "" when it can."""
        if not name:
            return self.tr("Give the preset a name.")
        if len(name) > MAX_PRESET_NAME:
            return self.tr("A preset's name has at most {count} characters.").format(
                count=MAX_PRESET_NAME
            )
        return ""

    def redraw(self) -> None:
        """Show the presets again (a refused rename is put back)."""
        self.show_presets(self._presets)

    def clear_name(self) -> None:
        self._name.clear()

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.recall.emit(int(item.data(NUMBER_COLUMN, Qt.ItemDataRole.UserRole)))

    def _recall_selected(self) -> None:
        item = self._list.currentItem()
        if item is None:
            self.unchosen.emit()
        else:
            self._activated(item, NUMBER_COLUMN)

    def _renamed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != NAME_COLUMN:
            return
        number = int(item.data(NUMBER_COLUMN, Qt.ItemDataRole.UserRole))
        self.rename.emit(number, item.text(NAME_COLUMN))

    def _store_clicked(self) -> None:
        self.store.emit(self._number.value(), self._name.text())


class _NameDelegate(QStyledItemDelegate):
    """The preset list's in-place editor takes at most MAX_PRESET_NAME characters."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.setMaxLength(MAX_PRESET_NAME)
        return editor
