"""The checklists (P-4, spec 12.2): every site's list and the two weather lists, as a tree.

Everyone can read them; a supervisor can add, remove and rename items and save the book as
a new version (the records keep every version, and each check names the version it used).
An item code means the same in every list, so renaming an item renames it in every list that
has it. The book is validated on every change and the fault is shown under the tree.

The dialog shows and takes the items' Chinese names only: an item added under a name some
list has already is that item (its code, hence the emergency plans it starts); a new name
gets a new code, ``custom_<n>``.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.checklists import (
    MAX_LABEL_CHARS,
    WEATHER_KINDS,
    ChecklistBook,
    ChecklistError,
    ChecklistItem,
    PatrolKind,
    SiteChecklist,
)
from patrol_app.domain.patrols import SiteType
from patrol_app.patrols.checklists import item_code
from patrol_app.patrols.snapshot import PatrolSnapshot
from patrol_app.ui.patrols.model import PatrolModel

LIST_ROLE = Qt.ItemDataRole.UserRole + 1  # on a list node: "site:<SiteType>" or "weather:<kind>"
LABEL, CODE = 0, 1  # CODE: hidden, the item's code behind its name


class ChecklistEditor(QDialog):
    """The checklist book of ``model``'s snapshot; editable when ``supervisor``."""

    def __init__(
        self, model: PatrolModel, parent: QWidget | None = None, *, supervisor: bool
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._supervisor = supervisor
        self._book: ChecklistBook | None = None  # the version shown (as recorded)
        self._version = 0
        self._dirty = False
        self._valid = True
        self._saving = False
        self.setWindowTitle(self.tr("Patrol checklists"))
        self.resize(640, 700)

        self._version_label = QLabel(self.tr("Loading…"), objectName="checklistVersion")
        self._read_only = QLabel(
            self.tr("Only supervisors can edit the checklists."), objectName="checklistReadOnly"
        )
        self._read_only.setVisible(not supervisor)
        self._tree = QTreeWidget(objectName="checklistTree")
        self._tree.setColumnCount(2)
        self._tree.setHeaderLabels([self.tr("Checklist item"), self.tr("Code")])
        self._tree.header().setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Stretch)
        self._tree.setColumnHidden(CODE, True)
        self._tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            if supervisor
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        self._tree.itemChanged.connect(self._item_changed)
        self._tree.currentItemChanged.connect(lambda *_: self._update_buttons())

        self._label = QLineEdit(objectName="newItemLabel", maxLength=MAX_LABEL_CHARS)
        self._label.setPlaceholderText(
            self.tr("Name of the item, e.g. fallen rocks (a name in use is that same item)")
        )
        self._names = QStringListModel(self)  # the names in use, offered as one types
        completer = QCompleter(self._names, self._label)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._label.setCompleter(completer)
        self._add = QPushButton(self.tr("Add to the selected list"), objectName="addItem")
        self._add.clicked.connect(self.add_item)
        self._remove = QPushButton(self.tr("Remove item"), objectName="removeItem")
        self._remove.clicked.connect(self.remove_item)
        self._save = QPushButton(self.tr("Save as new version"), objectName="saveChecklist")
        self._save.clicked.connect(self.save)
        self._discard = QPushButton(self.tr("Discard edits"), objectName="discardChecklist")
        self._discard.clicked.connect(self._reload)
        self._problem = QLabel(objectName="checklistProblem", wordWrap=True)
        self._problem.setStyleSheet("color: #c0392b;")
        self._status = QLabel(objectName="checklistStatus", wordWrap=True)
        editing = QWidget(objectName="checklistEditing")
        add_row = QHBoxLayout()
        add_row.addWidget(self._label, 1)
        add_row.addWidget(self._add)
        save_row = QHBoxLayout()
        save_row.addWidget(self._remove)
        save_row.addStretch(1)
        save_row.addWidget(self._discard)
        save_row.addWidget(self._save)
        edit_layout = QVBoxLayout(editing)
        edit_layout.setContentsMargins(0, 0, 0, 0)
        edit_layout.addWidget(
            QLabel(
                self.tr(
                    "Double-click an item to rename it (in every list that has it). "
                    "Saving makes a new version; checks already made keep theirs."
                ),
                wordWrap=True,
            )
        )
        edit_layout.addLayout(add_row)
        edit_layout.addLayout(save_row)
        editing.setVisible(supervisor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self._version_label)
        layout.addWidget(self._read_only)
        layout.addWidget(self._tree, 1)
        layout.addWidget(self._problem)
        layout.addWidget(editing)
        layout.addWidget(self._status)
        layout.addWidget(buttons)

        model.follow(self._show, self._failed)
        self._update_buttons()

    @property
    def version(self) -> int:
        """The version shown (0 until the first snapshot)."""
        return self._version

    @property
    def dirty(self) -> bool:
        return self._dirty

    # The snapshot.
    def _show(self, snapshot: PatrolSnapshot) -> None:
        if self._dirty:
            if snapshot.checklist_version != self._version:
                self._status.setText(
                    self.tr(
                        "Version {version} was saved meanwhile; saving makes a newer version "
                        "from your edits."
                    ).format(version=snapshot.checklist_version)
                )
            return
        if snapshot.checklist_version == self._version and self._book == snapshot.checklist:
            return
        self._book = snapshot.checklist
        self._version = snapshot.checklist_version
        self._reload()

    def _reload(self) -> None:
        """Show the recorded version, dropping any edit."""
        self._dirty, self._valid = False, True
        self._problem.clear()
        self._tree.blockSignals(True)
        try:
            self._tree.clear()
            if self._book is not None:
                self._fill(self._book)
        finally:
            self._tree.blockSignals(False)
        self._show_version()
        self._update_buttons()
        self._offer_names()

    def _fill(self, book: ChecklistBook) -> None:
        for checklist in book.sites:
            node = self._list_node(
                f"site:{checklist.site.value}",
                self.tr("{site} ({kind})").format(
                    site=checklist.site.label, kind=checklist.kind.label
                ),
                checklist.note,
            )
            self._add_children(node, checklist.items)
        notes = {
            PatrolKind.RAIN_FOG_TYPHOON: book.rain_fog_typhoon_note,
            PatrolKind.FREEZING: book.freezing_note,
        }
        for kind in WEATHER_KINDS:
            node = self._list_node(f"weather:{kind.value}", kind.label, notes[kind])
            self._add_children(node, book.weather_items(kind))
        self._tree.expandAll()

    def _list_node(self, key: str, text: str, note: str) -> QTreeWidgetItem:
        node = QTreeWidgetItem(self._tree, [text, ""])
        node.setData(LABEL, LIST_ROLE, key)
        node.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        font = node.font(LABEL)
        font.setBold(True)
        node.setFont(LABEL, font)
        if note:
            node.setToolTip(LABEL, note)
        return node

    def _add_children(self, node: QTreeWidgetItem, items: tuple[ChecklistItem, ...]) -> None:
        for item in items:
            self._child(node, item.code, item.label)

    def _child(self, node: QTreeWidgetItem, code: str, label: str) -> QTreeWidgetItem:
        child = QTreeWidgetItem(node, [label, code])
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._supervisor:
            flags |= Qt.ItemFlag.ItemIsEditable
        child.setFlags(flags)
        return child

    def _show_version(self) -> None:
        if self._book is None:
            self._version_label.setText(self.tr("Loading…"))
        elif self._dirty:
            self._version_label.setText(
                self.tr("Version {version}, edited (not saved)").format(version=self._version)
            )
        else:
            self._version_label.setText(self.tr("Version {version}").format(version=self._version))

    # Editing.
    def book(self) -> ChecklistBook:
        """The book as the tree shows it; ChecklistError when it is not a valid book."""
        if self._book is None:
            raise ChecklistError(self.tr("The checklists are not loaded yet"))
        sites: list[SiteChecklist] = []
        weather: dict[PatrolKind, tuple[ChecklistItem, ...]] = {}
        for node in self._lists():
            group, _, value = node.data(LABEL, LIST_ROLE).partition(":")
            items = tuple(
                ChecklistItem(child.text(CODE), child.text(LABEL).strip())
                for child in _items_of(node)
            )
            if group == "site":
                recorded = self._book.site_list(SiteType(value))
                sites.append(SiteChecklist(recorded.site, recorded.kind, items, recorded.note))
            else:
                weather[PatrolKind(value)] = items
        return ChecklistBook(
            sites=tuple(sites),
            rain_fog_typhoon=weather[PatrolKind.RAIN_FOG_TYPHOON],
            freezing=weather[PatrolKind.FREEZING],
            note=self._book.note,
            rain_fog_typhoon_note=self._book.rain_fog_typhoon_note,
            freezing_note=self._book.freezing_note,
        )

    def _selected_list(self) -> QTreeWidgetItem | None:
        current = self._tree.currentItem()
        if current is None:
            return None
        return current if current.parent() is None else current.parent()

    def add_item(self) -> None:
        """Add the item named to the list selected (or the list of the item selected): the
        item of that name when a list has one, else a new item."""
        if not self._supervisor or self._saving:
            return
        node = self._selected_list()
        label = self._label.text().strip()
        if node is None:
            self._status.setText(self.tr("Select the list to add the item to"))
            return
        if not label:
            self._status.setText(self.tr("Type the item's name"))
            return
        listed = ((child.text(CODE), child.text(LABEL)) for child in self._children())
        code = item_code(label, listed, self._book.codes() if self._book is not None else ())
        if any(child.text(CODE) == code for child in _items_of(node)):
            self._status.setText(self.tr("“{name}” is in this list already").format(name=label))
            return
        self._tree.blockSignals(True)
        self._tree.setCurrentItem(self._child(node, code, label))
        self._tree.blockSignals(False)
        self._label.clear()
        self._edited()

    def remove_item(self) -> None:
        current = self._tree.currentItem()
        node = None if current is None else current.parent()
        if not self._supervisor or self._saving or current is None or node is None:
            return
        node.removeChild(current)
        self._edited()

    def _lists(self) -> list[QTreeWidgetItem]:
        tree = self._tree
        return [node for i in range(tree.topLevelItemCount()) if (node := tree.topLevelItem(i))]

    def _children(self) -> list[QTreeWidgetItem]:
        return [child for node in self._lists() for child in _items_of(node)]

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if item.parent() is None or column != LABEL:
            return
        # An item code means the same everywhere: a new name applies to every list.
        label = item.text(LABEL).strip()
        self._tree.blockSignals(True)
        try:
            for child in self._children():
                if child.text(CODE) == item.text(CODE):
                    child.setText(LABEL, label)
        finally:
            self._tree.blockSignals(False)
        self._edited()

    def _offer_names(self) -> None:
        """The names of the tree's items, for the name field's completion."""
        self._names.setStringList(sorted({child.text(LABEL) for child in self._children()}))

    def _edited(self) -> None:
        self._status.clear()
        self._offer_names()
        try:
            book = self.book()
        except ChecklistError as error:
            self._problem.setText(str(error))
            self._dirty, self._valid = True, False
        else:
            self._problem.clear()
            self._dirty, self._valid = book != self._book, True
        self._show_version()
        self._update_buttons()

    def _update_buttons(self) -> None:
        editable = self._supervisor and self._book is not None and not self._saving
        self._add.setEnabled(editable)
        current = self._tree.currentItem()
        self._remove.setEnabled(editable and current is not None and current.parent() is not None)
        self._discard.setEnabled(editable and self._dirty)
        self._save.setEnabled(editable and self._dirty and self._valid)

    # Saving.
    def save(self) -> None:
        """Save the edited book as a new version, by the operator (a supervisor)."""
        if not self._supervisor or self._saving:
            return
        try:
            book = self.book()
        except ChecklistError as error:
            self._problem.setText(str(error))
            self._valid = False
            self._update_buttons()
            return
        self._saving = True
        self._update_buttons()
        save = partial(
            self._model.store.checklists.save_checklist,
            created_by=self._model.operator,
            now=self._model.now(),
        )
        self._model.run(save, book, on_done=partial(self._saved, book))

    def _saved(self, book: ChecklistBook, version: int) -> None:
        self._saving = False
        self._book = book
        self._version = version
        self._reload()
        self._status.setText(self.tr("Saved as version {version}").format(version=version))

    def _failed(self, message: str) -> None:
        self._saving = False
        self._status.setText(self.tr("Patrol records: {error}").format(error=message))
        self._update_buttons()


def _items_of(node: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    """The items of a list's node, in their order."""
    return [child for row in range(node.childCount()) if (child := node.child(row))]
