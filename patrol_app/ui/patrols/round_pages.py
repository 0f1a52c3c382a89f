"""Parts of the round panel's pages: the checklist of the camera being checked, and the
closing form of a round."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.checklists import ChecklistItem
from patrol_app.patrols.rounds import RoundSummary

MAX_ITEM_KEYS = 9  # Alt+1 .. Alt+9
CHECKLIST_MIN_ROWS = 4  # the checklist's least height, in items; more scroll


class _ItemScroll(QScrollArea):
    """The checklist's scroll area: as tall as its items when there is room, at least
    CHECKLIST_MIN_ROWS of them (it scrolls then); as wide as its longest item and its scroll
    bar (never sideways)."""

    _row = 0  # an item's height, measured once

    def _content(self) -> QSize:
        widget = self.widget()
        return widget.sizeHint() if widget is not None else QSize(0, 0)

    def _extra(self) -> QSize:
        frame = 2 * self.frameWidth()
        return QSize(frame + self.verticalScrollBar().sizeHint().width(), frame)

    def sizeHint(self) -> QSize:
        return self._content() + self._extra()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The items' layout changed (items were shown, taken away or added): the size hints
        # follow, up to the panel's layout. New items only count once Qt has shown them,
        # after the panel filled the list: without this the box kept the height of no items.
        if watched is self.widget() and event.type() is QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:
        if not self._row:
            self._row = QCheckBox("0").sizeHint().height()
        content = self._content()
        widget = self.widget()
        spacing = widget.layout().spacing() if widget is not None and widget.layout() else 0
        rows = CHECKLIST_MIN_ROWS * (self._row + spacing) - spacing
        return QSize(content.width(), min(content.height(), rows)) + self._extra()


class ChecklistBox(QGroupBox):
    """The camera's checklist items in a scroll area: however many there are and whatever
    else the page shows (a preset patrol), each stays readable and the panel never asks the
    window for more height than a few items'. The first nine are numbered (Alt+1..9)."""

    toggled = Signal()  # an item was ticked or unticked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Checklist"), parent, objectName="checklist")
        self._items: list[tuple[ChecklistItem, QCheckBox]] = []
        self._content = QWidget(objectName="checklistItems")
        self._layout = QVBoxLayout(self._content)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addStretch(1)  # items go above it: no gaps when there is room
        self._scroll = _ItemScroll(objectName="checklistScroll")
        self._scroll.setWidget(self._content)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter stays the panel's
        column = QVBoxLayout(self)
        column.addWidget(self._scroll)

    def ticked(self) -> tuple[str, ...]:
        """The codes of the items ticked, in the list's order."""
        return tuple(item.code for item, box in self._items if box.isChecked())

    def toggle(self, index: int) -> None:
        if index < len(self._items):
            box = self._items[index][1]
            box.setChecked(not box.isChecked())

    def show_items(self, items: Sequence[ChecklistItem]) -> None:
        for _item, box in self._items:
            self._layout.removeWidget(box)
            box.setParent(None)  # out of the tree at once; dropped with its last reference
        self._items = []
        for number, item in enumerate(items, 1):
            text = f"{number} {item.label}" if number <= MAX_ITEM_KEYS else item.label
            box = QCheckBox(text, self._content, objectName=f"item:{item.code}")
            if number <= MAX_ITEM_KEYS:
                box.setToolTip(f"Alt+{number}")
            box.toggled.connect(self.toggled)
            self._layout.insertWidget(len(self._items), box)
            self._items.append((item, box))
        self.setVisible(bool(items))
        self._scroll.verticalScrollBar().setValue(0)


class ClosingPage(QWidget):
    """Every camera is recorded: the round's record (P-6) with its equipment condition and
    handover pile, pre-filled and editable."""

    changed = Signal()  # a field was edited

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(
            self.tr("Every camera of the round is recorded. Close the round to write its record.")
        )
        title.setWordWrap(True)
        self._summary = QLabel(objectName="roundSummary", wordWrap=True)
        self._equipment = QLineEdit(objectName="closeEquipment")
        self._handover_pile = QLineEdit(objectName="closeHandoverPile")
        self._handover_pile.setPlaceholderText("K1844+650")
        self.close_button = QPushButton(self.tr("Close round"), objectName="closeRound")
        for edit in (self._equipment, self._handover_pile):
            edit.textChanged.connect(self.changed)
        form = QFormLayout(self)
        form.addRow(title)
        form.addRow(self._summary)
        form.addRow(self.tr("Equipment condition"), self._equipment)
        form.addRow(self.tr("Handover pile"), self._handover_pile)
        form.addRow(self.close_button)

    @property
    def equipment_condition(self) -> str:
        return self._equipment.text().strip()

    @property
    def handover_pile(self) -> str:
        return self._handover_pile.text().strip()

    def show_summary(self, summary: RoundSummary) -> None:
        self._equipment.setText(summary.equipment_condition)
        self._handover_pile.setText(summary.handover_pile)
        self._summary.setText(
            self.tr("{count} cameras recorded, {unplayable} of them could not be played.").format(
                count=summary.recorded, unplayable=summary.unplayable
            )
        )
