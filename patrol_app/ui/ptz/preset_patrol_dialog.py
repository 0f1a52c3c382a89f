"""The dialog that edits a camera's preset patrols (Z-5, 12.3.3b): each has a name and the
camera's stored presets in the order they are visited, each with its dwell time. Reading and
saving go to the service (platform/presets.py) in the task runner; the dialog stays usable
meanwhile, and says what the service refused."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.ptz_records import MAX_PATROL_NAME, PresetPatrolView, PresetView
from patrol_app.platform.http import PlatformError
from patrol_app.platform.presets import PresetClient
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.widgets.message_line import MessageLine

DEFAULT_DWELL_SECONDS = 10.0
MAX_DWELL_SECONDS = 3600.0
STEP_NUMBER_PADDING = 16  # px either side of the step numbers, together


def _read(store: PresetClient, camera_num: str) -> tuple[list[PresetView], list[PresetPatrolView]]:
    return store.presets(camera_num), store.patrols(camera_num)


class PresetPatrolDialog(QDialog):
    """Edits the preset patrols of ``camera_num`` (shown as ``title``); ``changed`` after
    each save or removal the service confirmed."""

    changed = Signal()

    def __init__(
        self,
        store: PresetClient,
        runner: TaskRunner,
        camera_num: str,
        *,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._camera_num = camera_num
        self._presets: list[PresetView] = []
        self._patrols: list[PresetPatrolView] = []
        self._steps: list[tuple[int, float]] = []
        self._busy = False
        self.setWindowTitle(self.tr("Preset patrols: {camera}").format(camera=title))
        self.resize(720, 440)

        self._list = QListWidget(objectName="presetPatrols")
        self._list.currentRowChanged.connect(self._pick)
        new = QPushButton(self.tr("New"), objectName="newPresetPatrol")
        new.clicked.connect(self.new_patrol)
        left = QVBoxLayout()
        left.addWidget(self._list, 1)
        left.addWidget(new)

        self._name = QLineEdit(objectName="presetPatrolName", maxLength=MAX_PATROL_NAME)
        self._name.setPlaceholderText(self.tr("e.g. toll plaza round"))
        self._name.textChanged.connect(self._update_buttons)
        self._table = QTableWidget(0, 2, objectName="presetPatrolSteps")
        self._table.setHorizontalHeaderLabels([self.tr("Preset"), self.tr("Dwell")])
        self._table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        steps = self._table.verticalHeader()  # the step numbers: room for two digits
        steps.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        steps.setMinimumWidth(steps.fontMetrics().horizontalAdvance("00") + STEP_NUMBER_PADDING)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._total = QLabel(objectName="presetPatrolTotal")
        self._add = QPushButton(self.tr("Add preset"), objectName="addPresetStep")
        self._add.clicked.connect(lambda: self.add_step())
        self._remove_step = QPushButton(self.tr("Remove"), objectName="removePresetStep")
        self._remove_step.clicked.connect(lambda: self._edit_rows(self._removed))
        self._up = QPushButton(self.tr("Up"), objectName="presetStepUp")
        self._up.clicked.connect(lambda: self._edit_rows(partial(self._moved, -1)))
        self._down = QPushButton(self.tr("Down"), objectName="presetStepDown")
        self._down.clicked.connect(lambda: self._edit_rows(partial(self._moved, 1)))
        step_buttons = QHBoxLayout()
        for button in (self._add, self._remove_step, self._up, self._down):
            step_buttons.addWidget(button)
        step_buttons.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self._name)
        form.addRow(self.tr("Presets in order"), self._table)
        form.addRow(step_buttons)
        form.addRow(self._total)

        self._message = MessageLine(objectName="presetPatrolMessage")
        self._save = QPushButton(self.tr("Save"), objectName="savePresetPatrol")
        self._save.clicked.connect(self.save)
        self._delete = QPushButton(self.tr("Delete"), objectName="deletePresetPatrol")
        self._delete.clicked.connect(self.delete)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self._save, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self._delete, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        row.addLayout(left, 1)
        row.addLayout(form, 2)
        column = QVBoxLayout(self)
        column.addLayout(row, 1)
        column.addWidget(self._message)
        column.addWidget(buttons)
        self._show_steps()
        self.reload()

    @property
    def busy(self) -> bool:
        """A read or a write is under way in the task runner."""
        return self._busy

    def reload(self, keep: str = "") -> None:
        """Read the camera's presets and patrols again; ``keep``: the patrol to show after."""
        self._set_busy(True)
        self._runner.run(
            _read,
            self._store,
            self._camera_num,
            on_done=lambda read: self._loaded(read, keep),
            on_error=self._failed,
            expected=(PlatformError,),
            owner=self,
        )

    def new_patrol(self) -> None:
        self._list.setCurrentRow(-1)
        self._name.clear()
        self._steps = []
        self._show_steps()
        self._name.setFocus()

    def add_step(self, preset: int | None = None, dwell: float = DEFAULT_DWELL_SECONDS) -> None:
        """A preset at the end of the patrol: ``preset``, else the first stored preset not in
        it yet (the first one when all are)."""
        if not self._presets:
            return
        if preset is None:
            used = {number for number, _dwell in self._steps}
            unused = [view.number for view in self._presets if view.number not in used]
            preset = (unused or [self._presets[0].number])[0]
        self._steps.append((preset, dwell))
        self._show_steps()
        self._table.selectRow(len(self._steps) - 1)

    def steps(self) -> list[tuple[int, float]]:
        """(preset, dwell seconds) as the dialog shows them."""
        return list(self._steps)

    def save(self) -> None:
        """Save the patrol under its name (replacing one of that name)."""
        if not self._save.isEnabled():
            return
        name = self._name.text().strip()
        self._set_busy(True)
        self._runner.run(
            partial(self._store.save_patrol, self._camera_num, name, self.steps()),
            on_done=lambda _result: self._written(name),
            on_error=self._failed,
            expected=(PlatformError,),
            owner=self,
        )

    def delete(self) -> None:
        """Remove the patrol shown (its stored name)."""
        row = self._list.currentRow()
        if not self._delete.isEnabled() or not 0 <= row < len(self._patrols):
            return
        self._set_busy(True)
        self._runner.run(
            self._store.remove_patrol,
            self._camera_num,
            self._patrols[row].name,
            on_done=lambda _result: self._written(""),
            on_error=self._failed,
            expected=(PlatformError,),
            owner=self,
        )

    # Answers from the task runner (GUI thread).
    def _loaded(self, read: tuple[list[PresetView], list[PresetPatrolView]], keep: str) -> None:
        self._set_busy(False)
        self._presets, self._patrols = read
        names = [patrol.name for patrol in self._patrols]
        self._list.blockSignals(True)
        self._list.clear()
        self._list.addItems(names)
        self._list.blockSignals(False)
        if not self._presets:
            self._message.say(
                self.tr(
                    "The camera has no stored presets yet: store them from the PTZ panel, "
                    "then make a patrol of them."
                )
            )
        if keep in names:
            self._list.setCurrentRow(names.index(keep))
        elif names:
            self._list.setCurrentRow(0)
        else:
            self.new_patrol()
        self._update_buttons()

    def _written(self, keep: str) -> None:
        self._message.say("")
        self.changed.emit()
        self.reload(keep)

    def _failed(self, error: PlatformError) -> None:
        self._set_busy(False)
        self._message.say(str(error))

    # Editing.
    def _pick(self, row: int) -> None:
        if not 0 <= row < len(self._patrols):
            return
        patrol = self._patrols[row]
        self._name.setText(patrol.name)
        self._steps = list(patrol.steps)
        self._show_steps()

    def _edit_rows(self, change: Callable[[int], int]) -> None:
        row = self._table.currentRow()
        if 0 <= row < len(self._steps):
            row = change(row)
            self._show_steps()
            if 0 <= row < len(self._steps):
                self._table.selectRow(row)

    def _removed(self, row: int) -> int:
        del self._steps[row]
        return min(row, len(self._steps) - 1)

    def _moved(self, offset: int, row: int) -> int:
        other = row + offset
        if not 0 <= other < len(self._steps):
            return row
        self._steps[row], self._steps[other] = self._steps[other], self._steps[row]
        return other

    def _show_steps(self) -> None:
        self._table.setRowCount(0)
        self._table.setRowCount(len(self._steps))
        for row, (preset, dwell) in enumerate(self._steps):
            chooser = QComboBox(objectName=f"presetStep:{row}")
            numbers = [view.number for view in self._presets]
            for view in self._presets:
                chooser.addItem(f"{view.number} {view.name}", view.number)
            if preset not in numbers:  # a preset removed since the patrol was saved
                chooser.addItem(self.tr("{number} (not stored)").format(number=preset), preset)
            chooser.setCurrentIndex(chooser.findData(preset))
            chooser.currentIndexChanged.connect(
                lambda _index, r=row, c=chooser: self._set_step(r, preset=c.currentData())
            )
            seconds = QDoubleSpinBox(objectName=f"presetDwell:{row}", decimals=0)
            seconds.setRange(1, MAX_DWELL_SECONDS)
            seconds.setSuffix(self.tr(" s"))
            seconds.setValue(dwell)
            seconds.valueChanged.connect(lambda value, r=row: self._set_step(r, dwell=value))
            self._table.setCellWidget(row, 0, chooser)
            self._table.setCellWidget(row, 1, seconds)
        self._show_total()

    def _set_step(self, row: int, *, preset: int | None = None, dwell: float | None = None) -> None:
        old_preset, old_dwell = self._steps[row]
        self._steps[row] = (
            old_preset if preset is None else int(preset),
            old_dwell if dwell is None else float(dwell),
        )
        self._show_total()

    def _show_total(self) -> None:
        total = sum(dwell for _preset, dwell in self._steps)
        self._total.setText(
            self.tr("{count} presets, one round {seconds:g} s").format(
                count=len(self._steps), seconds=total
            )
        )
        self._update_buttons()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = not self._busy
        self._save.setEnabled(idle and bool(self._name.text().strip()) and bool(self._steps))
        self._delete.setEnabled(idle and 0 <= self._list.currentRow() < len(self._patrols))
        self._add.setEnabled(idle and bool(self._presets))
