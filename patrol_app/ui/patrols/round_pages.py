"""The round panel's pages: no round (start one), the check of one camera (what it is, its
checklist, the note and the four confirmations), and the closing form of a round."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.camera import Orientation
from patrol_app.domain.checklists import ChecklistItem
from patrol_app.domain.events import CheckOutcome
from patrol_app.domain.faults import FaultKind
from patrol_app.patrols.rounds import Marks, RoundSummary
from patrol_app.patrols.snapshot import PatrolSnapshot
from patrol_app.ui.widgets.elided_label import ElidedLabel

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
        layout = None if widget is None else widget.layout()
        spacing = 0 if layout is None else layout.spacing()
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


class IdlePage(QWidget):
    """No round runs: how many cameras are due, and the button that starts a round."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._due_count = QLabel(objectName="dueCount", wordWrap=True)
        self.start_button = QPushButton(self.tr("Start patrol"), objectName="startRound")
        column = QVBoxLayout(self)
        column.addWidget(self._due_count)
        column.addWidget(self.start_button)
        column.addStretch(1)

    def show_due(self, count: int) -> None:
        self._due_count.setText(self.tr("Cameras due for patrol: {count}").format(count=count))


class CheckPage(QWidget):
    """One camera of the round: its name, place and site, a notice when it cannot be played,
    its preset patrol (``presets``), its checklist, the note, and the confirmations (the
    panel connects the buttons and the fault menu's ``fault_chosen``)."""

    changed = Signal()  # an item was ticked or unticked, or the note edited
    fault_chosen = Signal(object)  # the FaultKind picked in the video fault's menu

    def __init__(self, presets: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._progress = QLabel(objectName="roundProgress")
        self._progress.setStyleSheet("font-weight: bold;")
        # One line whatever the name's length (the whole name in its tooltip), so that the
        # buttons below never move under the operator's pointer.
        self._camera_name = ElidedLabel(objectName="cameraName", mode=Qt.TextElideMode.ElideMiddle)
        self._camera_name.setStyleSheet("font-size: 15px; font-weight: bold;")
        self._pile = QLabel(objectName="cameraPile")
        self._direction = QLabel(objectName="cameraDirection")
        self._site = QLabel(objectName="cameraSite")
        place = QHBoxLayout()
        for label in (self._pile, self._direction, self._site):
            place.addWidget(label)
        place.addStretch(1)
        self._notice = QLabel(objectName="unplayableNotice", wordWrap=True)
        self._notice.setStyleSheet("color: #c0392b; font-weight: bold;")
        self._notice.hide()

        self._checklist = ChecklistBox()
        self._checklist.toggled.connect(self.changed)
        self._note = QLineEdit(objectName="checkNote")
        self._note.setPlaceholderText(self.tr("Note (what, where, lanes…)"))
        self._note.textChanged.connect(self.changed)
        self._watch = QCheckBox(
            self.tr("Keep watching the camera after an anomaly"), objectName="keepWatching"
        )
        self._watch.setChecked(True)

        self.normal = QPushButton(self.tr("Normal && next (Enter)"), objectName="markNormal")
        self.anomaly = QPushButton(self.tr("Anomaly (Ctrl+Enter)"), objectName="markAnomaly")
        self.fault = QPushButton(self.tr("Video fault (Ctrl+F)"), objectName="markFault")
        menu = QMenu(self.fault)
        for number, kind in enumerate(FaultKind, 1):
            action = menu.addAction(f"&{number} {kind.label}")
            action.setObjectName(f"fault:{kind.value}")
            action.triggered.connect(lambda _checked=False, k=kind: self.fault_chosen.emit(k))
        self.fault.setMenu(menu)
        self.cannot_play = QPushButton(
            self.tr("Cannot be played (Ctrl+D)"), objectName="markUnplayable"
        )
        buttons = QGridLayout()  # two by two: the panel is narrow beside the wall
        for index, button in enumerate((self.normal, self.anomaly, self.fault, self.cannot_play)):
            button.setAutoDefault(False)
            buttons.addWidget(button, index // 2, index % 2)

        column = QVBoxLayout(self)
        column.addWidget(self._progress)
        column.addWidget(self._camera_name)
        column.addLayout(place)
        column.addWidget(self._notice)
        column.addWidget(presets)
        column.addWidget(self._checklist)  # all its items when there is room, else it scrolls
        # The note and the buttons at the foot of the page: what is above them (a notice, a
        # preset patrol, a longer or shorter checklist) never moves them.
        column.addStretch(1)
        column.addWidget(self._note)
        column.addWidget(self._watch)
        column.addLayout(buttons)

    @property
    def keep_watching(self) -> bool:
        """An anomaly pins the camera to a tile of its own (the event's first step)."""
        return self._watch.isChecked()

    def marks(self, presets: tuple[int, ...]) -> Marks:
        return Marks(self._checklist.ticked(), self._note.text().strip(), presets)

    def show_camera(
        self, snapshot: PatrolSnapshot, camera_num: str, position: tuple[int, int]
    ) -> None:
        """``camera_num``, the ``position``-th of the round (number, planned), afresh."""
        camera = snapshot.cameras.get(camera_num)
        entry = snapshot.entries.get(camera_num)
        self._progress.setText("{}/{}".format(*position))
        self._camera_name.setText(snapshot.name_of(camera_num))
        self._pile.setText(camera.pile if camera is not None else "")
        self._direction.setText(_direction(camera.orientation) if camera is not None else "")
        self._site.setText(entry.site.label if entry is not None else "")
        self._checklist.show_items(snapshot.checklist_for(camera_num) if camera is not None else ())
        self._note.clear()

    def show_notice(self, outage: str, unplayable: str | None) -> None:
        """Why the camera cannot be checked now: the platform's ``outage`` (the round waits),
        else the reason the wall could not play it (None: it plays)."""
        if outage:
            text = self.tr("{outage}\nThe round is paused until the platform is back.").format(
                outage=outage
            )
        elif unplayable is not None:
            text = self.tr(
                "The picture cannot be played: {reason}. Enter records it as such."
            ).format(reason=unplayable)
        else:
            text = ""
        self._notice.setText(text)
        self._notice.setVisible(bool(text))

    def toggle_item(self, index: int) -> None:
        self._checklist.toggle(index)

    def pick_fault(self) -> None:
        if self.fault.isEnabled():
            self.fault.showMenu()

    def enable(self, can: bool, marks: Marks, *, unplayable: bool) -> None:
        """The confirmations ``can`` be made now as ``marks`` allow; "cannot be played" is
        the default when the wall reported the camera ``unplayable``."""
        self.normal.setEnabled(can and marks.allow(CheckOutcome.NORMAL))
        self.anomaly.setEnabled(can and marks.allow(CheckOutcome.ANOMALY))
        self.fault.setEnabled(can)
        self.cannot_play.setEnabled(can)
        self.cannot_play.setDefault(unplayable)


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


def _direction(orientation: int) -> str:
    try:
        return Orientation(orientation).label
    except ValueError:
        return ""
