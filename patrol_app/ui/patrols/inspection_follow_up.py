"""The section's handling of what an inspection found (路段处理情况, R-2 note 3): after the
inspection the section repairs or plans the repair of each problem and writes it in the
table before submitting it. A recorded inspection's lines are shown read-only but for the
handling, which is kept as new rows (the record itself never changes)."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.inspections import InspectionSheet
from patrol_app.domain.patrols import BEIJING
from patrol_app.domain.records import InspectionView
from patrol_app.patrols.inspection import inspection_sheet, recent_inspections, record_handling
from patrol_app.ui.patrols.inspection_cameras import (
    HANDLING,
    CameraLinesModel,
    CameraLinesProxy,
    CameraLinesView,
)
from patrol_app.ui.patrols.model import ENVIRONMENT_ERRORS, PatrolModel


class InspectionFollowUpDialog(QDialog):
    """The handling of the lines of the last month's inspections."""

    def __init__(self, model: PatrolModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._sheet: InspectionSheet | None = None
        self._busy = False
        self.setWindowTitle(self.tr("Handling of inspection findings"))
        self.resize(1400, 800)
        self._choice = QComboBox(objectName="inspectionChoice")
        self._choice.currentIndexChanged.connect(self._chosen)
        self.lines = CameraLinesModel(self, follow_up=True)
        self.proxy = CameraLinesProxy(self.lines, self)
        self.proxy.set_only_problems(True)
        self.table = CameraLinesView(self.proxy)
        self.table.setObjectName("followUpLines")
        self._filter = QLineEdit(objectName="followUpFilter", clearButtonEnabled=True)
        self._filter.setPlaceholderText(self.tr("Filter by pile, name or facility"))
        self._filter.textChanged.connect(self.proxy.set_words)
        self._only = QCheckBox(self.tr("Only cameras with a problem"), objectName="followUpOnly")
        self._only.setChecked(True)
        self._only.toggled.connect(self.proxy.set_only_problems)
        self.lines.edited.connect(self._update)
        self._status = QLabel(objectName="followUpStatus", wordWrap=True)
        self._save = QPushButton(self.tr("Save handling"), objectName="saveHandling")
        self._save.clicked.connect(self.save)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self._save, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Inspection")))
        top.addWidget(self._choice, 2)
        top.addWidget(self._filter, 2)
        top.addWidget(self._only)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Write in the last column what the section repaired or plans to repair; "
                    "F2 or Enter edits it. Each save is kept beside the inspection."
                ),
                wordWrap=True,
            )
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(self._status)
        layout.addWidget(buttons)
        self._update()
        self._load()

    def changed_handling(self) -> dict[int, str]:
        """The handling texts edited since the sheet was read, by line number."""
        if self._sheet is None:
            return {}
        before = {row.seq: row.handling for row in self._sheet.rows}
        return {
            row.seq: row.handling for row in self.lines.rows() if before[row.seq] != row.handling
        }

    def choose(self, inspection_id: int) -> None:
        index = self._choice.findData(inspection_id)
        if index >= 0:
            self._choice.setCurrentIndex(index)

    def save(self) -> None:
        texts = self.changed_handling()
        if not texts or self._sheet is None or self._busy:
            return
        self._set_busy(True, self.tr("Saving…"))
        write = partial(
            record_handling,
            self._model.store,
            self._sheet.inspection_id,
            texts,
            operator=self._model.operator,
            now=self._model.now(),
        )
        self._model.runner.run(
            write,
            on_done=lambda sheet: self._show_sheet(sheet, self.tr("Handling saved")),
            on_error=self._failed,
            expected=ENVIRONMENT_ERRORS,
            always=lambda: self._set_busy(False),
            owner=self,
        )

    def _load(self) -> None:
        self._set_busy(True, self.tr("Loading…"))
        self._model.runner.run(
            recent_inspections,
            self._model.store,
            self._model.now(),
            on_done=self._listed,
            on_error=self._failed,
            expected=ENVIRONMENT_ERRORS,
            always=lambda: self._set_busy(False),
            owner=self,
        )

    def _listed(self, inspections: list[InspectionView]) -> None:
        self._choice.blockSignals(True)
        self._choice.clear()
        for view in inspections:
            self._choice.addItem(
                self.tr("{at} by {operator}: {cameras} cameras, {failed} with a problem").format(
                    at=view.at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M"),
                    operator=view.operator,
                    cameras=view.cameras,
                    failed=view.failed_cameras,
                ),
                view.id,
            )
        self._choice.blockSignals(False)
        if not inspections:
            self._status.setText(self.tr("No inspection in the last month."))
            return
        self._chosen()

    def _chosen(self) -> None:
        inspection_id = self._choice.currentData()
        if inspection_id is None:
            return
        self._set_busy(True, self.tr("Loading…"))
        self._model.runner.run(
            inspection_sheet,
            self._model.store,
            inspection_id,
            on_done=lambda sheet: self._show_sheet(sheet, ""),
            on_error=self._failed,
            expected=ENVIRONMENT_ERRORS,
            always=lambda: self._set_busy(False),
            owner=self,
        )

    def _show_sheet(self, sheet: InspectionSheet, message: str) -> None:
        self._sheet = sheet
        self.lines.set_rows(sheet.rows)
        if self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, HANDLING))
        self._status.setText(message)
        self._update()

    def _failed(self, error: Exception) -> None:
        self._status.setText(self.tr("Patrol records: {error}").format(error=error))

    def _set_busy(self, busy: bool, message: str = "") -> None:
        self._busy = busy
        if message:
            self._status.setText(message)
        self._update()

    def _update(self) -> None:
        self._save.setEnabled(bool(self.changed_handling()) and not self._busy)
