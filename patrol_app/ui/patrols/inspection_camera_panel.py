"""The cameras' tab of the equipment inspection (P-8, R-2): the lines' table with its filter,
the current camera's basic info and picture, and what can be done with it: show it on the
wall, keep a snapshot of the wall's picture or a picture file, register its problem as a
fault (F-1) in one step."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.faults import FaultKind
from patrol_app.domain.inspections import CameraInspectionRow, suggested_fault_kind
from patrol_app.domain.patrols import BEIJING
from patrol_app.patrols.inspection import PICTURE_SUFFIXES, keep_picture
from patrol_app.ui.patrols.inspection_cameras import (
    CameraLinesModel,
    CameraLinesProxy,
    CameraLinesView,
)
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.video.snapshot_files import save_jpeg

THUMBNAIL = (240, 135)
# The picture of a camera on the wall, or None when no tile shows it.
Grab = Callable[[str], QImage | None]


class CameraPanel(QWidget):
    """The cameras' lines. ``show_requested(camera_num)``: the operator wants it on the wall;
    ``fault_requested(seq, kind)``: register the line's problem as a fault; ``edited`` after
    each change; ``message(text)`` for the dialog's status line."""

    show_requested = Signal(str)
    fault_requested = Signal(int, FaultKind)
    edited = Signal()
    message = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        *,
        now: Callable[[], datetime],
        grab: Grab | None = None,
        folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``grab``: the wall's picture of a camera; ``folder``: where pictures are kept
        (None: pictures cannot be kept)."""
        super().__init__(parent)
        self._runner = runner
        self._now = now
        self._grab = grab
        self._folder = folder
        self._saving: set[int] = set()  # lines whose picture is being written
        self._faults: dict[int, int | None] = {}  # line -> its fault (None: being registered)
        self.model = CameraLinesModel(self)
        self.proxy = CameraLinesProxy(self.model, self)
        self.table = CameraLinesView(self.proxy)
        self._filter = QLineEdit(objectName="inspectionFilter", clearButtonEnabled=True)
        self._filter.setPlaceholderText(self.tr("Filter by pile, name or facility (Ctrl+F)"))
        self._only = QCheckBox(self.tr("Only cameras with a problem"), objectName="onlyProblems")
        self._count = QLabel(objectName="inspectionCount")
        self._info = QLabel(objectName="inspectionCamera", wordWrap=True)
        self._info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._picture = QLabel(
            objectName="inspectionPicture", alignment=Qt.AlignmentFlag.AlignCenter
        )
        self._picture.setFixedSize(*THUMBNAIL)
        self._picture.setStyleSheet("border: 1px solid #999;")
        self._show = QPushButton(self.tr("Show on wall"), objectName="showCamera")
        self._snapshot = QPushButton(self.tr("Snapshot from wall"), objectName="wallSnapshot")
        self._file = QPushButton(self.tr("Picture file…"), objectName="pictureFile")
        self._remove = QPushButton(self.tr("Remove picture"), objectName="removePicture")
        self._fault = QToolButton(objectName="registerFault")
        self._fault.setText(self.tr("Register fault"))
        self._fault.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self._fault_menu = QMenu(self._fault)
        for kind in FaultKind:
            self._fault_menu.addAction(kind.label, partial(self._ask_fault, kind))
        self._fault.setMenu(self._fault_menu)
        self._fault.clicked.connect(lambda: self._ask_fault(None))
        hint = QLabel(
            self.tr(
                "Every check is passed until marked. Space or 1-9 marks a check failed (or "
                "passed again); F2 writes the note or the section's handling."
            ),
            wordWrap=True,
        )
        top = QHBoxLayout()
        top.addWidget(self._filter, 2)
        top.addWidget(self._only)
        top.addWidget(self._count, 1)
        actions = QVBoxLayout()
        for button in (self._show, self._snapshot, self._file, self._remove, self._fault):
            actions.addWidget(button)
        actions.addStretch(1)
        detail = QHBoxLayout()
        detail.addWidget(self._info, 1)
        detail.addWidget(self._picture)
        detail.addLayout(actions)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(detail)

        self._filter.textChanged.connect(self.proxy.set_words)
        self._filter.textChanged.connect(lambda: self._counted())
        self._only.toggled.connect(self.proxy.set_only_problems)
        self._only.toggled.connect(lambda: self._counted())
        self.model.edited.connect(self._changed)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._current_changed())
        self._show.clicked.connect(self._show_current)
        self._snapshot.clicked.connect(self.take_snapshot)
        self._file.clicked.connect(self._choose_file)
        self._remove.clicked.connect(self.remove_picture)
        self._counted()
        self._current_changed()

    def focus_filter(self) -> None:
        self._filter.setFocus()
        self._filter.selectAll()

    def set_rows(self, rows: Sequence[CameraInspectionRow]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.table.setCurrentIndex(self.proxy.index(0, 4))
        self._counted()
        self._current_changed()

    def rows(self) -> list[CameraInspectionRow]:
        return self.model.rows()

    def current(self) -> CameraInspectionRow | None:
        """The line of the cell under the cursor."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row(self.proxy.mapToSource(index).row())

    def select_camera(self, camera_num: str) -> None:
        """Put the cursor on ``camera_num``'s line (clearing a filter that hides it)."""
        for row, line in enumerate(self.model.rows()):
            if line.camera.camera_num == camera_num:
                index = self.proxy.mapFromSource(self.model.index(row, 4))
                if not index.isValid():
                    self._filter.clear()
                    self._only.setChecked(False)
                    index = self.proxy.mapFromSource(self.model.index(row, 4))
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
                return

    def set_handling(self, seq: int, text: str) -> None:
        """Line ``seq``'s handling, e.g. the fault registered for it."""
        row = self._row_of(seq)
        if row is not None:
            self.model.replace_row(row, handling=text)

    def line(self, seq: int) -> CameraInspectionRow | None:
        row = self._row_of(seq)
        return None if row is None else self.model.row(row)

    def set_fault(self, seq: int, fault_id: int | None) -> None:
        """Line ``seq``'s fault is being registered (None) or is ``fault_id``; forgotten
        (registration failed) with ``fault_id`` -1."""
        if fault_id == -1:
            self._faults.pop(seq, None)
        else:
            self._faults[seq] = fault_id
        self._current_changed()

    # Pictures.

    def take_snapshot(self) -> None:
        """Keep the wall's picture of the current camera as its line's picture."""
        line = self.current()
        if line is None or self._folder is None:
            return
        image = self._grab(line.camera.camera_num) if self._grab is not None else None
        if image is None or image.isNull():
            self.message.emit(
                self.tr("No tile shows {name}: show it on the wall first.").format(
                    name=line.camera.name
                )
            )
            return
        self._keep(line, save_jpeg, image.copy(), self._folder, self._stem(line))

    def attach_file(self, path: Path) -> None:
        """Keep a copy of the picture file ``path`` as the current line's picture."""
        line = self.current()
        if line is None or self._folder is None:
            return
        self._keep(line, keep_picture, path, self._folder, self._stem(line))

    def remove_picture(self) -> None:
        line = self.current()
        row = None if line is None else self._row_of(line.seq)
        if row is not None:
            self.model.replace_row(row, picture="")

    def _choose_file(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in PICTURE_SUFFIXES)
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Picture of the problem"),
            "",
            self.tr("Pictures ({patterns})").format(patterns=patterns),
        )
        if path:
            self.attach_file(Path(path))

    def _keep(self, line: CameraInspectionRow, write: Callable[..., Path], *args: object) -> None:
        seq = line.seq
        self._saving.add(seq)
        self._current_changed()
        self._runner.run(
            write,
            *args,
            on_done=lambda path: self._kept(seq, path),
            on_error=lambda error: self._not_kept(seq, error),
            expected=(OSError, ValueError),
            always=lambda: self._saving.discard(seq),
            owner=self,
        )

    def _kept(self, seq: int, path: Path) -> None:
        row = self._row_of(seq)
        if row is not None:
            self.model.replace_row(row, picture=str(path))
        self._current_changed()

    def _not_kept(self, seq: int, error: Exception) -> None:
        self._current_changed()
        self.message.emit(self.tr("The picture was not kept: {error}").format(error=error))

    def _stem(self, line: CameraInspectionRow) -> str:
        at = self._now().astimezone(BEIJING).strftime("%Y%m%d-%H%M%S")
        pile = line.camera.pile.replace("+", "_") or line.camera.camera_num
        return f"inspection-{pile}-{at}"

    # The current line.

    def _row_of(self, seq: int) -> int | None:
        rows = self.model.rows()
        if 0 < seq <= len(rows) and rows[seq - 1].seq == seq:
            return seq - 1
        return next((n for n, line in enumerate(rows) if line.seq == seq), None)

    def _changed(self) -> None:
        self._counted()
        self._current_changed()
        self.edited.emit()

    def _counted(self) -> None:
        self._count.setText(
            self.tr("{shown} of {total} cameras shown, {failed} with a problem").format(
                shown=self.proxy.rowCount(),
                total=self.model.rowCount(),
                failed=self.model.failed_count,
            )
        )

    def _current_changed(self) -> None:
        line = self.current()
        for button in (self._show, self._snapshot, self._file):
            button.setEnabled(line is not None)
        self._snapshot.setEnabled(
            line is not None and self._grab is not None and bool(self._folder)
        )
        self._file.setEnabled(line is not None and self._folder is not None)
        self._remove.setEnabled(line is not None and bool(line.picture))
        self._fault.setEnabled(
            line is not None and bool(line.failed) and line.seq not in self._faults
        )
        fault = None if line is None else self._faults.get(line.seq, -1)
        self._fault.setText(
            self.tr("Register fault")
            if fault == -1
            else self.tr("Registering…")
            if fault is None
            else self.tr("Fault {id} registered").format(id=fault)
        )
        if line is None:
            self._info.setText(self.tr("No camera chosen."))
            self._picture.clear()
            return
        camera = line.camera
        self._info.setText(
            self.tr(
                "<b>{name}</b> {suffix}<br>Device number {number} · section {section} · "
                "facility {facility} · pile {pile} · direction {direction}<br>Maintained by "
                "{maintainer} · manufacturer {manufacturer} · {status}"
            ).format(
                name=camera.name,
                suffix=camera.name_suffix,
                number=camera.camera_num,
                section=camera.section,
                facility=camera.facility or "—",
                pile=camera.pile,
                direction=camera.direction,
                maintainer=camera.maintainer or "—",
                manufacturer=camera.manufacturer or self.tr("unknown"),
                status=camera.status,
            )
        )
        if line.seq in self._saving:
            self._picture.setText(self.tr("Saving…"))
        elif line.picture:
            pixmap = QPixmap(line.picture)
            if pixmap.isNull():
                self._picture.setText(self.tr("Picture not readable"))
            else:
                self._picture.setPixmap(
                    pixmap.scaled(*THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio)
                )
        else:
            self._picture.setText(self.tr("No picture"))

    def _show_current(self) -> None:
        line = self.current()
        if line is not None:
            self.show_requested.emit(line.camera.camera_num)

    def _ask_fault(self, kind: FaultKind | None) -> None:
        line = self.current()
        if line is None or not line.failed or line.seq in self._faults:
            return
        chosen = kind or suggested_fault_kind(line.failed)
        if chosen is None:
            self._fault.showMenu()
            return
        self.fault_requested.emit(line.seq, chosen)
