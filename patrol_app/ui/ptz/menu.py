"""The main window's PTZ menu (Z-1, Z-3, Z-5): the PTZ panel (F7), the preset patrols of the
panel's camera and the PTZ log; and the controllable cameras' preset patrols, read again when
the directory or a patrol changes, for the tours and the patrol round."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenuBar, QWidget

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.tours import NamedPresetPatrol, PatrolKey
from patrol_app.platform.presets import PresetClient, PtzAuditClient
from patrol_app.ui.preset_patrols import PresetPatrolSource
from patrol_app.ui.ptz.audit_dialog import PtzAuditDialog
from patrol_app.ui.ptz.preset_patrol_dialog import PresetPatrolDialog
from patrol_app.ui.ptz.wall_wiring import PtzWiring
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.widgets.dialogs import show_dialog


class PtzMenu(QObject):
    """Whichever of the panel, the presets and the log the workstation has."""

    preset_patrols_changed = Signal(dict)  # {PatrolKey: NamedPresetPatrol}
    message = Signal(str)  # for the status bar

    def __init__(
        self,
        wiring: PtzWiring | None,
        presets: PresetClient | None,
        audit: PtzAuditClient | None,
        runner: TaskRunner,
        *,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._wiring = wiring
        self._presets = presets
        self._audit = audit
        self._runner = runner
        self._window = parent
        self._cameras: list[CameraEntry] = []
        self._source = PresetPatrolSource(presets, runner) if presets is not None else None

    @property
    def preset_patrols(self) -> PresetPatrolSource | None:
        """Where the round reads the preset patrols it runs (None: no presets)."""
        return self._source

    def add_to(self, menu_bar: QMenuBar) -> None:
        if self._wiring is None and self._audit is None:
            return
        ptz = menu_bar.addMenu(self.tr("PTZ"))
        if self._wiring is not None:
            dock = self._wiring.dock
            panel = ptz.addAction(self.tr("PTZ panel"), self._wiring.show_panel)
            panel.setObjectName("ptzPanel")
            panel.setShortcut(QKeySequence(Qt.Key.Key_F7))
            hide = ptz.addAction(self.tr("Hide PTZ panel"), dock.hide)
            hide.setObjectName("ptzHide")
        if self._presets is not None:
            patrols = ptz.addAction(
                self.tr("Preset patrols of the PTZ panel's camera…"), self.open_preset_patrols
            )
            patrols.setObjectName("presetPatrols")
        if self._audit is not None:
            ptz.addAction(self.tr("PTZ log…"), self.open_audit).setObjectName("ptzLog")

    def set_cameras(self, cameras: list[CameraEntry]) -> None:
        """The directory: the log names its cameras; their preset patrols are read again."""
        self._cameras = cameras
        self.reload_preset_patrols()

    def reload_preset_patrols(self) -> None:
        """The controllable cameras' preset patrols, for the tours (Z-5)."""
        if self._source is None:
            return
        self._source.load(
            [camera.camera_num for camera in self._cameras if camera.has_control],
            on_done=self._loaded,
            on_error=self.message.emit,
        )

    def open_preset_patrols(self) -> PresetPatrolDialog | None:
        """Edit the preset patrols of the camera the PTZ panel shows (Z-5)."""
        camera = self._wiring.camera if self._wiring is not None else None
        if self._presets is None or camera is None or not camera.has_control:
            self.message.emit(self.tr("Select a tile showing a controllable camera first"))
            return None
        dialog = PresetPatrolDialog(
            self._presets,
            self._runner,
            camera.camera_num,
            title=f"{camera.pile} {camera.name}",
            parent=self._window,
        )
        dialog.changed.connect(self.reload_preset_patrols)
        return show_dialog(dialog)

    def open_audit(self) -> PtzAuditDialog | None:
        """The PTZ log (Z-3): every command of every workstation and platform, filtered."""
        if self._audit is None:
            return None
        return show_dialog(PtzAuditDialog(self._audit, self._runner, self._cameras, self._window))

    def _loaded(self, patrols: dict[PatrolKey, NamedPresetPatrol]) -> None:
        self.preset_patrols_changed.emit(patrols)
