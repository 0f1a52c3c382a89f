"""The equipment inspection (设备巡查, P-8, spec 11.3.3-11.3.8): the five areas of the
section's video-cloud equipment, each found in order or with a problem (described), and an
overall note. Due once a day, three times on a major holiday; the dialog says how many are
done today."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.inspections import InspectionArea
from patrol_app.domain.patrols import BEIJING, DueState
from patrol_app.patrols.snapshot import PatrolSnapshot
from patrol_app.ui.patrols.model import PatrolModel

MAX_NOTE_CHARS = 500


class InspectionDialog(QDialog):
    """Records one equipment inspection by ``model.operator``; ``recorded(id)`` then closes."""

    recorded = Signal(int)

    def __init__(self, model: PatrolModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._saving = False
        self.setWindowTitle(self.tr("Equipment inspection"))
        self.resize(900, 520)
        hints = {
            InspectionArea.SOFTWARE: self.tr(
                "Key service programs running, interfaces enabled, operating pages working"
            ),
            InspectionArea.HARDWARE: self.tr(
                "Alarms, CPU and memory peaks, disk space use, port peak traffic, application "
                "vulnerabilities"
            ),
            InspectionArea.IMAGE_QUALITY: self.tr(
                "Per camera: image quality, occlusion, lens cleanliness, presets, on-screen "
                "text, clock sync, scene coverage, device data; fill in the Appendix C table"
            ),
            InspectionArea.SECURITY: self.tr(
                "Security devices: alarms, security policy configuration, security event notices"
            ),
            InspectionArea.NETWORK: self.tr(
                "Links in the section and to the provincial centre: packet loss, latency, bandwidth"
            ),
        }
        self._today = QLabel(self.tr("Loading…"), objectName="inspectionToday", wordWrap=True)
        grid = QGridLayout()
        for column, title in enumerate(
            (self.tr("Area"), self.tr("What to check"), "", "", self.tr("Problem found"))
        ):
            if title:
                grid.addWidget(QLabel(f"<b>{title}</b>"), 0, column)
        self._ok: dict[InspectionArea, QRadioButton] = {}
        self._problem: dict[InspectionArea, QRadioButton] = {}
        self._notes: dict[InspectionArea, QLineEdit] = {}
        self._groups: list[QButtonGroup] = []
        for row, area in enumerate(InspectionArea, 1):
            ok = QRadioButton(self.tr("OK"), objectName=f"ok_{area.value}")
            problem = QRadioButton(self.tr("Problem"), objectName=f"problem_{area.value}")
            group = QButtonGroup(self)
            group.addButton(ok)
            group.addButton(problem)
            self._groups.append(group)
            note = QLineEdit(objectName=f"note_{area.value}", maxLength=MAX_NOTE_CHARS)
            note.setPlaceholderText(self.tr("What is wrong (required for a problem)"))
            hint = QLabel(hints[area], wordWrap=True)
            hint.setMinimumWidth(320)
            grid.addWidget(QLabel(area.label), row, 0)
            grid.addWidget(hint, row, 1)
            grid.addWidget(ok, row, 2)
            grid.addWidget(problem, row, 3)
            grid.addWidget(note, row, 4)
            grid.setRowStretch(row, 0)
            self._ok[area], self._problem[area], self._notes[area] = ok, problem, note
            group.buttonToggled.connect(lambda *_: self._update())
            note.textChanged.connect(self._update)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(4, 2)
        self._note = QPlainTextEdit(objectName="inspectionNote")
        self._note.setPlaceholderText(
            self.tr("Overall note: what was inspected, pictures kept, repairs requested…")
        )
        self._note.setMaximumHeight(90)
        self._status = QLabel(objectName="inspectionStatus", wordWrap=True)
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self._save = QPushButton(self.tr("Record inspection"), objectName="recordInspection")
        self._buttons.addButton(self._save, QDialogButtonBox.ButtonRole.AcceptRole)
        self._save.clicked.connect(self.save)
        self._buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self._today)
        layout.addLayout(grid)
        layout.addWidget(QLabel(self.tr("Overall note")))
        layout.addWidget(self._note)
        layout.addWidget(self._status)
        layout.addWidget(self._buttons)

        model.follow(self._show, self._failed)
        self._update()

    def results(self) -> dict[InspectionArea, tuple[bool, str]] | None:
        """(ok, note) per area; None while an area is not answered or a problem has no note."""
        results: dict[InspectionArea, tuple[bool, str]] = {}
        for area in InspectionArea:
            note = self._notes[area].text().strip()
            if self._ok[area].isChecked():
                results[area] = (True, note)
            elif self._problem[area].isChecked() and note:
                results[area] = (False, note)
            else:
                return None
        return results

    def _update(self) -> None:
        results = self.results()
        self._save.setEnabled(results is not None and not self._saving)
        if results is None and not self._saving:
            self._status.setText(self.tr("Answer every area; describe each problem found."))
        elif not self._saving:
            self._status.clear()

    def _show(self, snapshot: PatrolSnapshot) -> None:
        status = snapshot.inspection
        text = self.tr("Today {day}: {done} of {required} inspection(s) done").format(
            day=status.day.isoformat(), done=status.done, required=status.required
        )
        if status.holiday:
            text += self.tr(
                " (major holiday {name}: three a day, one in each 8-hour window)"
            ).format(name=status.holiday)
        if status.state is DueState.DUE:
            text += self.tr("; one is due by {time}").format(time=_clock(status.window_end))
        if status.missed:
            text += self.tr("; {count} missed").format(count=status.missed)
        if not snapshot.calendar_covers:
            text += "\n" + self.tr(
                "The holiday calendar does not know this year yet: only the fixed-date "
                "holidays and the site's extra dates count."
            )
        self._today.setText(text)

    def save(self) -> None:
        results = self.results()
        if results is None or self._saving:
            return
        self._saving = True
        self._update()
        self._status.setText(self.tr("Saving…"))
        record = partial(
            self._model.store.record_inspection,
            note=self._note.toPlainText().strip(),
            now=self._model.now(),
        )
        self._model.run(record, self._model.operator, results, on_done=self._recorded)

    def _recorded(self, inspection_id: int) -> None:
        self._saving = False
        self._status.setText(self.tr("Inspection recorded"))
        self.recorded.emit(inspection_id)
        self.accept()

    def _failed(self, message: str) -> None:
        if not self._saving:
            return
        self._saving = False
        self._update()
        self._status.setText(self.tr("Patrol records: {error}").format(error=message))


def _clock(at: datetime) -> str:
    """Beijing wall-clock time; the end of the day is 24:00, not 00:00."""
    text = at.astimezone(BEIJING).strftime("%H:%M")
    return "24:00" if text == "00:00" else text
