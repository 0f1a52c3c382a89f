"""The equipment inspection (设备巡查, P-8, R-2, spec 11.3.3-11.3.8): the five areas of the
section's video-cloud equipment, each found in order or with a problem (described, with a
picture); per camera the nine checks of the Appendix C table (inspection_camera_panel.py);
the table's contact; an overall note. Due once a day, three times on a major holiday; the
dialog says how many are done today."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.faults import FaultKind, FaultRecord
from patrol_app.domain.inspections import AreaResult, InspectionArea
from patrol_app.domain.patrols import BEIJING, DueState
from patrol_app.patrols.inspection import (
    PICTURE_SUFFIXES,
    InspectionDraft,
    draft_problem,
    fault_handling,
    inspection_rows,
    keep_picture,
    record_inspection,
    register_camera_fault,
)
from patrol_app.patrols.snapshot import PatrolSnapshot
from patrol_app.ui.patrols.inspection_camera_panel import CameraPanel, Grab
from patrol_app.ui.patrols.model import ENVIRONMENT_ERRORS, PatrolModel

MAX_NOTE_CHARS = 500


class InspectionDialog(QDialog):
    """Records one equipment inspection by ``model.operator``; ``recorded(id)`` then closes.
    ``camera_activated(camera_num)``: the operator wants a camera on the wall."""

    recorded = Signal(int)
    camera_activated = Signal(str)

    def __init__(
        self,
        model: PatrolModel,
        parent: QWidget | None = None,
        *,
        grab: Grab | None = None,
        folder: Path | None = None,
    ) -> None:
        """``grab``: the wall's picture of a camera; ``folder``: where pictures are kept."""
        super().__init__(parent)
        self._model = model
        self._folder = folder
        self._saving = False
        self._failed_cameras: bool | None = None  # what image quality was last set from
        self.setWindowTitle(self.tr("Equipment inspection"))
        self.resize(1400, 860)
        self._today = QLabel(self.tr("Loading…"), objectName="inspectionToday", wordWrap=True)
        self._contact = QLineEdit(model.operator, objectName="inspectionContact", maxLength=100)
        self._phone = QLineEdit(objectName="inspectionPhone", maxLength=50)
        self._phone.setPlaceholderText(self.tr("Telephone of the contact"))
        header = QFormLayout()
        header.addRow(self.tr("Contact"), self._contact)
        header.addRow(self.tr("Telephone"), self._phone)
        self.cameras = CameraPanel(model.runner, now=model.now, grab=grab, folder=folder)
        self.cameras.show_requested.connect(self.camera_activated)
        self.cameras.edited.connect(self._cameras_edited)
        self.cameras.fault_requested.connect(self.register_fault)
        self._tabs = QTabWidget(objectName="inspectionTabs")
        self._tabs.addTab(self._areas_page(), self.tr("Equipment and links"))
        self._tabs.addTab(self.cameras, self.tr("Cameras (Appendix C table)"))
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._find)
        self._note = QPlainTextEdit(objectName="inspectionNote")
        self._note.setPlaceholderText(
            self.tr("Overall note: what was inspected, pictures kept, repairs requested…")
        )
        self._note.setMaximumHeight(70)
        self._status = QLabel(objectName="inspectionStatus", wordWrap=True)
        self.cameras.message.connect(self._status.setText)
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self._save = QPushButton(self.tr("Record inspection"), objectName="recordInspection")
        self._buttons.addButton(self._save, QDialogButtonBox.ButtonRole.AcceptRole)
        self._save.clicked.connect(self.save)
        self._buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self._today, 1)
        top.addLayout(header)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._tabs, 1)
        layout.addWidget(QLabel(self.tr("Overall note")))
        layout.addWidget(self._note)
        layout.addWidget(self._status)
        layout.addWidget(self._buttons)

        model.follow(self._show, self._failed)
        self._update()

    def _areas_page(self) -> QWidget:
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
        page = QWidget()
        grid = QGridLayout(page)
        titles = (self.tr("Area"), self.tr("What to check"), "", "", self.tr("Problem found"))
        for column, title in enumerate((*titles, self.tr("Picture"))):
            if title:
                grid.addWidget(QLabel(f"<b>{title}</b>"), 0, column)
        self._ok: dict[InspectionArea, QRadioButton] = {}
        self._problem: dict[InspectionArea, QRadioButton] = {}
        self._notes: dict[InspectionArea, QLineEdit] = {}
        self._pictures: dict[InspectionArea, str] = {}
        self._picture_labels: dict[InspectionArea, QLabel] = {}
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
            picture = QPushButton(self.tr("Picture…"), objectName=f"picture_{area.value}")
            picture.clicked.connect(partial(self._choose_area_picture, area))
            picture.setEnabled(self._folder is not None)
            shown = QLabel(objectName=f"pictureName_{area.value}")
            cell = QHBoxLayout()
            cell.addWidget(picture)
            cell.addWidget(shown, 1)
            grid.addWidget(QLabel(area.label), row, 0)
            grid.addWidget(hint, row, 1)
            grid.addWidget(ok, row, 2)
            grid.addWidget(problem, row, 3)
            grid.addWidget(note, row, 4)
            grid.addLayout(cell, row, 5)
            self._ok[area], self._problem[area], self._notes[area] = ok, problem, note
            self._picture_labels[area] = shown
            group.buttonToggled.connect(lambda *_: self._update())
            note.textChanged.connect(self._update)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(4, 2)
        grid.setColumnStretch(5, 1)
        grid.setRowStretch(len(InspectionArea) + 1, 1)
        return page

    # What the operator filled in.

    def results(self) -> dict[InspectionArea, tuple[bool, str]] | None:
        """(ok, note) per area; None while an area is not answered or a problem has no note
        (image quality's problems may be told by the cameras' lines alone)."""
        results: dict[InspectionArea, tuple[bool, str]] = {}
        failed = self.cameras.model.failed_count
        for area in InspectionArea:
            note = self._notes[area].text().strip()
            if area is InspectionArea.IMAGE_QUALITY and not note and failed:
                note = f"{failed} 路摄像机存在问题，见附录C巡查表"
            if self._ok[area].isChecked():
                results[area] = (True, note)
            elif self._problem[area].isChecked() and note:
                results[area] = (False, note)
            else:
                return None
        return results

    def draft(self) -> InspectionDraft | None:
        """The inspection to record; None while an area is not answered."""
        results = self.results()
        if results is None:
            return None
        return InspectionDraft(
            areas={
                area: AreaResult(ok, text, self._pictures.get(area, ""))
                for area, (ok, text) in results.items()
            },
            rows=self.cameras.rows(),
            contact=self._contact.text(),
            phone=self._phone.text(),
            note=self._note.toPlainText(),
        )

    def attach_area_picture(self, area: InspectionArea, path: Path) -> None:
        """Keep a copy of the picture file ``path`` as ``area``'s picture."""
        if self._folder is None:
            return
        stem = f"inspection-{area.value}-{self._model.now().astimezone(BEIJING):%Y%m%d-%H%M%S}"
        self._picture_labels[area].setText(self.tr("Saving…"))
        self._model.runner.run(
            keep_picture,
            path,
            self._folder,
            stem,
            on_done=partial(self._area_picture_kept, area),
            on_error=partial(self._area_picture_failed, area),
            expected=(OSError, ValueError),
            owner=self,
        )

    def _area_picture_kept(self, area: InspectionArea, path: Path) -> None:
        self._pictures[area] = str(path)
        self._picture_labels[area].setText(path.name)

    def _area_picture_failed(self, area: InspectionArea, error: Exception) -> None:
        self._picture_labels[area].setText(self._pictures.get(area, "").rsplit("/", 1)[-1])
        self._status.setText(self.tr("The picture was not kept: {error}").format(error=error))

    def _choose_area_picture(self, area: InspectionArea) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in PICTURE_SUFFIXES)
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Picture of {area}").format(area=area.label),
            "",
            self.tr("Pictures ({patterns})").format(patterns=patterns),
        )
        if path:
            self.attach_area_picture(area, Path(path))

    def register_fault(self, seq: int, kind: FaultKind) -> None:
        """Line ``seq``'s problem becomes a fault of ``kind`` (F-1) at once; its handling
        says so."""
        line = self.cameras.line(seq)
        if line is None:
            return
        self.cameras.set_fault(seq, None)
        register = partial(
            register_camera_fault,
            self._model.store,
            line,
            kind,
            operator=self._model.operator,
            now=self._model.now(),
        )
        self._model.runner.run(
            register,
            on_done=partial(self._fault_registered, seq),
            on_error=partial(self._fault_failed, seq),
            expected=ENVIRONMENT_ERRORS,
            owner=self,
        )

    def _fault_registered(self, seq: int, fault: FaultRecord) -> None:
        self.cameras.set_fault(seq, fault.id)
        line = self.cameras.line(seq)
        if line is not None:
            self.cameras.set_handling(seq, fault_handling(line, fault))
        self._status.setText(
            self.tr("Fault {id} registered for {name}: response due by {time}").format(
                id=fault.id, name=fault.camera_name, time=_clock(fault.response.due_at)
            )
        )
        self._model.refresh()  # the open faults on the desk

    def _fault_failed(self, seq: int, error: Exception) -> None:
        self.cameras.set_fault(seq, -1)
        self._status.setText(self.tr("The fault was not registered: {error}").format(error=error))

    def _find(self) -> None:
        self._tabs.setCurrentWidget(self.cameras)
        self.cameras.focus_filter()

    def _cameras_edited(self) -> None:
        """Image quality follows the cameras: a problem once one fails, in order while none
        does (the operator may still answer otherwise)."""
        failed = self.cameras.model.failed_count > 0
        if self.cameras.model.rowCount() and failed != self._failed_cameras:
            self._failed_cameras = failed
            button = self._problem if failed else self._ok
            button[InspectionArea.IMAGE_QUALITY].setChecked(True)
        self._update()

    def _update(self) -> None:
        draft = self.draft()
        problem = None if draft is None else draft_problem(draft)
        self._save.setEnabled(draft is not None and problem is None and not self._saving)
        if self._saving:
            return
        if draft is None:
            self._status.setText(self.tr("Answer every area; describe each problem found."))
        elif problem is not None:
            self._status.setText(problem)
        else:
            self._status.clear()

    def _show(self, snapshot: PatrolSnapshot) -> None:
        if not self.cameras.model.rowCount() and snapshot.cameras:
            self.cameras.set_rows(inspection_rows(snapshot.cameras.values()))
            self._cameras_edited()
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
        draft = self.draft()
        if draft is None or draft_problem(draft) is not None or self._saving:
            return
        self._saving = True
        self._update()
        self._status.setText(self.tr("Saving…"))
        record = partial(
            record_inspection,
            self._model.store,
            draft,
            operator=self._model.operator,
            now=self._model.now(),
        )
        self._model.run(record, on_done=self._recorded)

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
