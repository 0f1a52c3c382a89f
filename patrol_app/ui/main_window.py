"""The main window: camera directory on the left, video wall in the middle, the patrols on the
right (what is due, the round being walked) with the PTZ panel under them, and the operator's
layouts, tours, second wall window, snapshots, patrol lists, checklists, inspections,
handovers and the PTZ log in its menus.

The PTZ panel follows the camera of the tile selected last, on either wall; the walls' arrow
and +/- keys drive that camera too (``PtzKeys``), and every tile gets the PTZ control for its
picture (drag, wheel) and its menu, including the tiles a wall adds later."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QChildEvent, QEvent, QObject, QPoint, QRect, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QImage, QKeySequence
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStyle,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.events import HandlingConfig
from patrol_app.domain.layouts import TILE_COUNTS, TileLayout, WallLayout
from patrol_app.domain.snapshots import snapshot_stem
from patrol_app.domain.tours import NamedPresetPatrol, PatrolKey, Tour, TourError
from patrol_app.platform.presets import PresetClient, PtzAuditClient
from patrol_app.platform.ptz import PtzClient
from patrol_app.platform.sharing import PlatformError, SharingClient
from patrol_app.store.database import DatabaseError
from patrol_app.store.preferences import PreferenceStore
from patrol_app.ui.clock import utc_now
from patrol_app.ui.patrols.checklist_editor import ChecklistEditor
from patrol_app.ui.patrols.compliance_panel import CompliancePanel
from patrol_app.ui.patrols.event_dialog import EventDialog
from patrol_app.ui.patrols.handover_dialog import HandoverDialog
from patrol_app.ui.patrols.inspection_dialog import InspectionDialog
from patrol_app.ui.patrols.lists_dialog import PatrolListsDialog
from patrol_app.ui.patrols.model import PatrolModel, PatrolSnapshot
from patrol_app.ui.patrols.reminders import Reminders
from patrol_app.ui.patrols.round_panel import PatrolRoundPanel
from patrol_app.ui.platform_watch import PlatformWatch
from patrol_app.ui.preset_patrols import PresetPatrolSource
from patrol_app.ui.ptz.audit_dialog import PtzAuditDialog
from patrol_app.ui.ptz.control import PtzControl
from patrol_app.ui.ptz.panel import PtzKeys, PtzPanel
from patrol_app.ui.ptz.preset_patrol_dialog import PresetPatrolDialog
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.video.player import QtMultimediaPlayer, VideoPlayer
from patrol_app.ui.video.stream import DEFAULT_TIMINGS, StreamTimings
from patrol_app.ui.wall.camera_tree import CameraTree
from patrol_app.ui.wall.snapshot_files import save_jpeg
from patrol_app.ui.wall.tile import Tile
from patrol_app.ui.wall.tour_dialog import TourDialog
from patrol_app.ui.wall.wall import VideoWall
from patrol_app.ui.wall.wall_window import WallWindow

log = logging.getLogger(__name__)

OpenedDialog = TypeVar("OpenedDialog", bound=QDialog)

STATUS_MS = 10_000
DOCK_MIN_WIDTH = 400  # the late cameras' names and piles stay readable
CAMERA_DOCK_WIDTH = 380  # the camera tree with its pile numbers, and the PTZ panel under it


class _NewTiles(QObject):
    """Installed on a wall: calls ``added(tile)`` for each tile the wall takes in."""

    def __init__(self, added: Callable[[Tile], None], parent: QObject) -> None:
        super().__init__(parent)
        self._added = added

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() is QEvent.Type.ChildAdded and isinstance(event, QChildEvent):
            child = event.child()
            if isinstance(child, Tile):
                self._added(child)
        return super().eventFilter(watched, event)


class MainWindow(QMainWindow):
    """Loads the camera list and the operator's preferences at start, then shows the layout
    used last, or else plays the first ``autoplay`` cameras; an open patrol round of the
    operator (the workstation was closed or killed during it) continues. Closing it (the
    close button, File → Quit, Ctrl+Q) asks first during a round, and on a workstation that
    runs the site's platform service."""

    def __init__(
        self,
        client: SharingClient,
        runner: TaskRunner,
        *,
        base_url: str,
        preferences: PreferenceStore,
        patrols: PatrolModel,
        handling: HandlingConfig,
        snapshot_dir: Path,
        supervisor: bool = False,
        embedded_service: bool = False,
        autoplay: int = 0,
        player_factory: Callable[[], VideoPlayer] = QtMultimediaPlayer,
        timings: StreamTimings = DEFAULT_TIMINGS,
        clock: Callable[[], datetime] = utc_now,
        monotonic: Callable[[], float] = time.monotonic,
        ptz: PtzClient | None = None,
        presets: PresetClient | None = None,
        ptz_audit: PtzAuditClient | None = None,
        platform_watch: PlatformWatch | None = None,
    ) -> None:
        """``embedded_service``: this workstation started the site's platform service (the
        demo, a standalone site), which stops when it closes, for every other workstation
        too; ``ptz``: the PTZ service (None: no PTZ panel, the tiles only show video);
        ``presets``: the cameras' presets for the panel; ``ptz_audit``: the PTZ log the
        menu browses (None: no such entry); ``platform_watch``: tells when the platform
        stops answering (None: not watched)."""
        super().__init__()
        self.setWindowTitle(self.tr("Video Patrol Workstation"))
        self._client = client
        self._runner = runner
        self._preferences = preferences
        self._snapshot_dir = snapshot_dir
        self._autoplay = autoplay
        self._embedded_service = embedded_service
        self._close_confirmed = False  # the operator said yes, or the application ends
        self._close_question: QMessageBox | None = None
        self._clock = clock
        self._ptz: PtzControl | None = PtzControl(ptz, parent=self) if ptz is not None else None
        goto = self._ptz.goto_preset if self._ptz is not None else None
        self._new_wall = lambda: VideoWall(
            client,
            runner,
            player_factory=player_factory,
            timings=timings,
            clock=monotonic,
            goto=goto,
            shown_elsewhere=self._shown_elsewhere,
        )
        self._cameras: list[CameraEntry] = []
        self._layouts: list[WallLayout] = []
        self._tours: list[Tour] = []
        self._starting = {"cameras", "preferences"}  # what start waits for
        self._last_layout: WallLayout | None = None
        self._walls: list[VideoWall] = []
        self._lost: dict[VideoWall, dict[str, str]] = {}
        self._second: WallWindow | None = None
        self._debug = False
        self._ptz_audit = ptz_audit
        self._presets = presets
        self._preset_patrols: dict[PatrolKey, NamedPresetPatrol] = {}
        self._preset_source = PresetPatrolSource(presets, runner) if presets is not None else None
        self._ptz_panel: PtzPanel | None = None
        self._ptz_keys: PtzKeys | None = None
        self._ptz_tile: Tile | None = None  # the tile whose camera the PTZ panel shows
        self._attached: set[int] = set()  # ids of the tiles given the PTZ control
        self._ptz_shown = True  # the PTZ panel: the tiles' gestures follow it
        if self._ptz is not None:
            self._ptz_panel = PtzPanel(self._ptz, runner, presets)
            self._ptz_keys = PtzKeys(self._ptz_panel)
            self._ptz.failed.connect(self._ptz_failed)

        self._tree = CameraTree()
        self._error = QLabel(objectName="platformError", wordWrap=True)
        self._error.setStyleSheet("color: #c0392b; padding: 4px;")
        self._error.hide()
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._error)
        column.addWidget(self._tree)

        self._wall = self._add_wall()
        self._active_wall = self._wall
        self._tree.camera_activated.connect(lambda number: self._active_wall.play(number))

        self._platform_banner = QLabel(objectName="platformDown", wordWrap=True)
        self._platform_banner.setStyleSheet(
            "background: #c0392b; color: white; font-weight: bold; padding: 6px;"
        )
        self._platform_banner.hide()
        centre = QWidget()
        centre_column = QVBoxLayout(centre)
        centre_column.setContentsMargins(0, 0, 0, 0)
        centre_column.setSpacing(0)
        centre_column.addWidget(self._platform_banner)
        centre_column.addWidget(self._wall, 1)
        self.setCentralWidget(centre)
        self._camera_dock = QDockWidget(self.tr("Cameras"), self, objectName="cameraDock")
        self._camera_dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        self._camera_dock.setWidget(left)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self._camera_dock)
        self.resizeDocks([self._camera_dock], [CAMERA_DOCK_WIDTH], Qt.Orientation.Horizontal)

        self._patrols = patrols
        self._handling = handling
        self._supervisor = supervisor
        self._patrol_tile: Tile | None = None  # the tile showing the round's camera
        self._lent: Tile | None = None  # the tile the round borrowed for its cameras
        self._lent_before: TileLayout | None = None  # what it showed before (None: nothing)
        self._compliance = CompliancePanel(patrols)
        self._round = PatrolRoundPanel(
            patrols,
            snapshot_dir=snapshot_dir,
            grab=self._grab,
            preset_patrols=self._preset_source,
            goto=goto,
            monotonic=monotonic,
        )
        self._add_patrol_dock()
        self._add_ptz_dock()
        self._reminders = Reminders(patrols, self, tray=self._tray())
        patrols.failed.connect(lambda text: self.statusBar().showMessage(text, STATUS_MS))

        self._build_toolbar()
        self._build_menus()
        self._address = QLabel(
            self.tr("Service: {address}").format(address=base_url), objectName="serviceAddress"
        )
        self._count = QLabel(objectName="cameraCount")
        self.statusBar().addWidget(self._address)
        self.statusBar().addPermanentWidget(self._count)
        self._platform_watch = platform_watch
        if platform_watch is not None:
            platform_watch.changed.connect(self._platform_changed)
        self.reload_cameras()
        self.reload_preferences()
        patrols.changed.connect(self._resume_round)
        patrols.changed.connect(self._show_faults)
        QApplication.instance().focusChanged.connect(self._keep_focus_off_video)

    @property
    def tree(self) -> CameraTree:
        return self._tree

    @property
    def patrols(self) -> PatrolModel:
        return self._patrols

    @property
    def patrol_round(self) -> PatrolRoundPanel:
        return self._round

    @property
    def compliance(self) -> CompliancePanel:
        return self._compliance

    @property
    def reminders(self) -> Reminders:
        return self._reminders

    @property
    def patrol_tile(self) -> Tile | None:
        """The tile of the main wall that shows the camera of the patrol round: the tile the
        round borrowed, or the one that showed the camera already."""
        return self._patrol_tile

    @property
    def wall(self) -> VideoWall:
        return self._wall

    @property
    def ptz_control(self) -> PtzControl | None:
        return self._ptz

    @property
    def ptz_panel(self) -> PtzPanel | None:
        return self._ptz_panel

    @property
    def second_window(self) -> WallWindow | None:
        return self._second

    @property
    def layouts(self) -> list[WallLayout]:
        return list(self._layouts)

    @property
    def tours(self) -> list[Tour]:
        return list(self._tours)

    def reload_cameras(self) -> None:
        self._count.setText(self.tr("Loading cameras…"))
        self._runner.run(self._client.cameras, on_done=self._loaded, on_error=self._failed)

    def reload_preferences(self) -> None:
        store = self._preferences
        self._runner.run(
            lambda: (store.layouts(), store.tours(), store.last_layout()),
            on_done=self._preferences_loaded,
            on_error=self._store_failed,
        )

    def set_tile_count(self, count: int) -> None:
        self._wall.set_tile_count(count)

    def save_layout(self, name: str) -> None:
        """Save the main wall as the layout ``name`` (replacing one of that name)."""
        layout = self._wall.layout(name)
        self._store(self._preferences.save_layout, layout, self._clock())

    def load_layout(self, name: str) -> None:
        layout = next(layout for layout in self._layouts if layout.name == name)
        self._wall.apply(layout)
        self._store(self._preferences.mark_used, name, self._clock())

    def delete_layout(self, name: str) -> None:
        self._store(self._preferences.delete_layout, name)

    def save_tour(self, tour: Tour) -> None:
        self._store(self._preferences.save_tour, tour, self._clock())

    def delete_tour(self, name: str) -> None:
        self._store(self._preferences.delete_tour, name)

    def new_tour(self) -> TourDialog:
        """Open the dialog that makes a tour; it is saved when the operator accepts."""
        dialog = TourDialog(self._cameras, self, preset_patrols=self._preset_patrols)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.save_tour(dialog.tour()))
        dialog.open()
        return dialog

    def tour_on_wall(self, name: str) -> None:
        """Run the tour ``name`` across the active wall, page by page."""
        tour = next(tour for tour in self._tours if tour.name == name)
        try:
            self._active_wall.start_tour(tour)
        except TourError as error:
            self.statusBar().showMessage(str(error), STATUS_MS)

    def open_second_wall(self) -> WallWindow:
        """The second wall window (its own tiles), on the second screen when there is one."""
        if self._second is None:
            self._second = WallWindow(self._add_wall())
            self._second.wall.set_cameras(self._cameras)
            self._second.wall.set_tours(self._tours)
            self._second.wall.set_preset_patrols(self._preset_patrols)
        wall = self._wall
        self._second.show_on_big_screen(QRect(wall.mapToGlobal(QPoint(0, 0)), wall.size()))
        return self._second

    def set_debug(self, shown: bool) -> None:
        """Start time and frame count in the tiles of every wall (W-3)."""
        self._debug = shown
        for wall in self._walls:
            wall.set_debug(shown)

    def open_snapshot_folder(self) -> None:
        self._snapshot_dir.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._snapshot_dir)))

    def open_event(self, event_id: int) -> EventDialog:
        """The event ``event_id`` and its handling steps, beside the wall (P-5)."""
        dialog = EventDialog(self._patrols, event_id, self._handling, self)
        dialog.pin_requested.connect(self.pin_camera)
        return self._open(dialog)

    def open_handover(self) -> HandoverDialog:
        return self._open(HandoverDialog(self._patrols, self))

    def accept_handover(self) -> HandoverDialog:
        dialog = self._open(HandoverDialog(self._patrols, self))
        dialog.show_pending()
        return dialog

    def open_patrol_lists(self) -> PatrolListsDialog:
        return self._open(PatrolListsDialog(self._patrols, self))

    def open_checklists(self) -> ChecklistEditor:
        return self._open(ChecklistEditor(self._patrols, self, supervisor=self._supervisor))

    def open_inspection(self) -> InspectionDialog:
        return self._open(InspectionDialog(self._patrols, self))

    def show_ptz_panel(self) -> None:
        """Show the PTZ panel and give it the keyboard (F7)."""
        if self._ptz_panel is None:
            return
        self._ptz_dock.show()
        self._ptz_panel.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def open_preset_patrols(self) -> PresetPatrolDialog | None:
        """Edit the preset patrols of the camera the PTZ panel shows (Z-5)."""
        camera = self._ptz_tile.camera if self._ptz_tile is not None else None
        if self._presets is None or camera is None or not camera.has_control:
            self.statusBar().showMessage(
                self.tr("Select a tile showing a controllable camera first"), STATUS_MS
            )
            return None
        dialog = PresetPatrolDialog(
            self._presets,
            self._runner,
            camera.camera_num,
            title=f"{camera.pile} {camera.name}",
            parent=self,
        )
        dialog.changed.connect(self._reload_preset_patrols)
        return self._open(dialog)

    def open_ptz_audit(self) -> PtzAuditDialog | None:
        """The PTZ log (Z-3): every command of every workstation and platform, filtered."""
        if self._ptz_audit is None:
            return None
        dialog = PtzAuditDialog(self._ptz_audit, self._runner, self._cameras, self)
        return self._open(dialog)

    def pin_camera(self, camera_num: str) -> None:
        """Keep watching a camera (P-5): into a free tile of the main wall other than the
        tile the round borrowed, growing the wall when none is free; nothing when a tile
        shows it."""
        wall = self._wall
        others = [tile for tile in wall.tiles if tile is not self._lent]
        if any(tile.camera and tile.camera.camera_num == camera_num for tile in others):
            return
        free = [tile for tile in others if tile.camera is None]
        if not free and len(wall.tiles) < TILE_COUNTS[-1]:
            wall.set_tile_count(next(n for n in TILE_COUNTS if n > len(wall.tiles)))
            free = [tile for tile in wall.tiles if tile is not self._lent and not tile.camera]
        target = free[0] if free else others[-1]
        if camera_num in {camera.camera_num for camera in self._cameras}:
            wall.play_in(target, camera_num)

    def close_without_asking(self) -> None:
        """Close even during a round or with the embedded service: the application ends (a
        signal ended its loop, a test ends)."""
        self._close_confirmed = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        reasons = self._close_reasons()
        if reasons and not self._close_confirmed:
            event.ignore()  # closed again once the operator confirms
            self._ask_to_close(reasons)
            return
        self._patrols.timer.stop()
        # Before the tiles let go of their cameras: every move stops, every camera this
        # workstation holds is given up, and those commands have gone out when it closes.
        if self._ptz is not None and not self._ptz.shutdown():
            log.warning("PTZ commands still on their way when the window closed")
        if self._second is not None:
            self._second.close()
        self._wall.stop_all()  # let go of the streams now, not when Qt tears down
        super().closeEvent(event)

    def _close_reasons(self) -> list[str]:
        """What closing would cut short, in the operator's words (nothing: it just closes)."""
        reasons = []
        if self._round.running:
            reasons.append(
                self.tr(
                    "A patrol round is under way; it continues at its next camera when the "
                    "workstation starts again."
                )
            )
        if self._embedded_service:
            reasons.append(
                self.tr(
                    "This workstation runs the site's video platform: closing it stops the "
                    "video of every other workstation as well."
                )
            )
        return reasons

    def _ask_to_close(self, reasons: list[str]) -> None:
        """Ask whether to close, without blocking; 关闭 closes, 取消 (the default) keeps on."""
        if self._close_question is not None:
            self._close_question.raise_()  # asked already: one question at a time
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Close the workstation"),
            "\n\n".join([*reasons, self.tr("Close the workstation?")]),
            QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("closeQuestion")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        closing = box.button(QMessageBox.StandardButton.Close)
        box.finished.connect(lambda _result: self._close_answered(box.clickedButton() is closing))
        self._close_question = box
        box.open()

    def _close_answered(self, close: bool) -> None:
        self._close_question = None
        if close:
            self.close_without_asking()

    def _add_wall(self) -> VideoWall:
        wall = self._new_wall()
        wall.set_debug(self._debug)
        self._walls.append(wall)
        wall.lost_changed.connect(lambda lost: self._wall_lost(wall, lost))
        wall.activated.connect(lambda: self._activate(wall))
        wall.snapshot_requested.connect(self._snapshot)
        if self._ptz is not None and self._ptz_keys is not None:
            wall.installEventFilter(self._ptz_keys)
            wall.installEventFilter(_NewTiles(self._attach_tile, wall))
            for tile in wall.tiles:
                self._attach_tile(tile)
        return wall

    def _attach_tile(self, tile: Tile) -> None:
        """Give a wall's tile the PTZ control; its selection moves the panel to its camera."""
        if id(tile) in self._attached:
            return
        self._attached.add(id(tile))
        tile.set_ptz(self._ptz)
        tile.set_gestures(self._ptz_shown)
        tile.selection_changed.connect(lambda selected: selected and self._follow(tile))
        tile.changed.connect(lambda: self._ptz_tile_changed(tile))
        tile.ptz_panel_requested.connect(lambda: self._panel_for(tile))
        tile.destroyed.connect(lambda: self._tile_destroyed(tile))

    def _follow(self, tile: Tile) -> None:
        self._ptz_tile = tile
        if self._ptz_panel is not None:
            self._ptz_panel.set_camera(tile.camera)

    def _ptz_tile_changed(self, tile: Tile) -> None:
        panel = self._ptz_panel
        if tile is not self._ptz_tile or panel is None:
            return
        # The followed tile leaves its camera: follow another tile still showing it (a tour
        # moving it across the wall) rather than give up the control the tour just took.
        shown = panel.camera
        if shown is not None and (
            tile.camera is None or tile.camera.camera_num != shown.camera_num
        ):
            other = next(self._tiles_showing(shown.camera_num), None)
            if other is not None:
                self._follow(other)
                return
        panel.set_camera(tile.camera)

    def _tiles_showing(self, camera_num: str) -> Iterator[Tile]:
        """The tiles of every wall that show ``camera_num``."""
        for wall in self._walls:
            for tile in wall.tiles:
                if tile.camera is not None and tile.camera.camera_num == camera_num:
                    yield tile

    def _shown_elsewhere(self, camera_num: str, tile: Tile) -> bool:
        """A tile other than ``tile``, on either wall, shows ``camera_num``: the camera
        ``tile`` leaves is not given up (a tour on one wall must not release the camera the
        panel follows on the other)."""
        return any(other is not tile for other in self._tiles_showing(camera_num))

    def _ptz_panel_shown(self, shown: bool) -> None:
        """The picture's drag and wheel drive cameras only while the panel is shown."""
        self._ptz_shown = shown
        for wall in self._walls:
            for tile in wall.tiles:
                tile.set_gestures(shown)

    def _panel_for(self, tile: Tile) -> None:
        self._follow(tile)
        self.show_ptz_panel()

    def _tile_destroyed(self, tile: Tile) -> None:
        # The panel left its camera when the tile was cleared, before; and when the window
        # itself goes, the panel may be gone already.
        self._attached.discard(id(tile))
        if tile is self._ptz_tile:
            self._ptz_tile = None

    def _ptz_failed(self, camera_num: str, message: str) -> None:
        camera = next((c for c in self._cameras if c.camera_num == camera_num), None)
        where = f"{camera.pile} {camera.name}" if camera is not None else camera_num
        self.statusBar().showMessage(
            self.tr("PTZ of {camera}: {message}").format(camera=where, message=message),
            STATUS_MS,
        )

    def _add_ptz_dock(self) -> None:
        """The PTZ panel under the camera tree (where control-room clients keep it), following
        the selected tile's camera; the patrols keep the right side to themselves."""
        if self._ptz_panel is None:
            return
        self._ptz_dock = QDockWidget(self.tr("PTZ"), self, objectName="ptzDock")
        self._ptz_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self._ptz_dock.setWidget(self._ptz_panel)
        self._ptz_dock.visibilityChanged.connect(self._ptz_panel_shown)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self._ptz_dock)
        self.splitDockWidget(self._camera_dock, self._ptz_dock, Qt.Orientation.Vertical)

    def _add_patrol_dock(self) -> None:
        """The compliance panel and the round, always beside the wall (reminders, P-1..P-3)."""
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self._compliance)
        column.addWidget(self._round, 1)
        dock = QDockWidget(self.tr("Patrols"), self, objectName="patrolDock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        dock.setWidget(panel)
        dock.setMinimumWidth(DOCK_MIN_WIDTH)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self._compliance.camera_activated.connect(lambda number: self._active_wall.play(number))
        # A round walks the late and due cameras one by one: while it runs, their list gives
        # its height to the round's checklist (every item on screen, at 1366x768 too).
        self._round.running_changed.connect(self._compliance.late_cameras.setHidden)
        # While it runs, Enter on the wall is the round's: a click on a tile must not turn
        # "normal and next" into "enlarge".
        self._round.running_changed.connect(
            lambda running: self._wall.set_enter(self._round.enter if running else None)
        )
        self._round.running_changed.connect(self._round_running)
        self._round.play_requested.connect(self._play_for_round)
        self._round.pin_requested.connect(self.pin_camera)
        self._round.event_opened.connect(self.open_event)
        self._round.round_finished.connect(
            lambda _record: self.statusBar().showMessage(self.tr("Patrol record saved"), STATUS_MS)
        )

    def _resume_round(self, snapshot: PatrolSnapshot) -> None:
        """Continue the operator's open round once the lists know the directory's cameras
        (an earlier snapshot, e.g. after the start's purge, has none to play)."""
        if snapshot.cameras:
            self._patrols.changed.disconnect(self._resume_round)
            self._round.resume()

    def _show_faults(self, snapshot: PatrolSnapshot) -> None:
        """The directory marks the cameras with an open video fault (F-1)."""
        self._tree.set_faults(snapshot.open_faults)

    def _keep_focus_off_video(self, old: QWidget | None, new: QWidget | None) -> None:
        """A tile's video surface (QVideoWidget's native window container) takes the keyboard
        focus when its window shows, that is whenever a tile starts a camera. It has no use
        for keys: the focus goes back where it was (a round's Enter keeps working), or to the
        wall when it was nowhere."""
        if new is None or not isinstance(new.parentWidget(), QVideoWidget):
            return
        if old is not None and old.window() is self and old.isVisible():
            old.setFocus(Qt.FocusReason.OtherFocusReason)
        elif new.window() is self:
            self._wall.setFocus(Qt.FocusReason.OtherFocusReason)

    def _tray(self) -> QSystemTrayIcon | None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return None
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_ComputerIcon)
        tray = QSystemTrayIcon(icon, self)
        tray.setToolTip(self.tr("Video Patrol Workstation"))
        tray.show()
        return tray

    def _open(self, dialog: OpenedDialog) -> OpenedDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _round_running(self, running: bool) -> None:
        """When the round ends, the tile it borrowed shows again what it showed before."""
        if not running:
            self._give_tile_back()
            self._patrol_tile = None

    def _play_for_round(self, camera_num: str) -> None:
        """The round's camera goes into the tile it borrowed (the one it used so far, else the
        selected tile, else the first), at the wall's grade: a grade the operator chose there
        was for the camera before. A camera the wall shows already is checked where it is,
        not played twice; the borrowed tile meanwhile shows again what it showed before."""
        if camera_num not in {camera.camera_num for camera in self._cameras}:
            self._round.set_unplayable(camera_num, self.tr("Not in the camera directory"))
            return
        shown = self._main_tile_showing(camera_num)
        if shown is not None and shown is not self._lent:
            self._give_tile_back()
            self._patrol_tile = shown
            return
        wall = self._wall
        tile = self._lent
        if tile is None or tile not in wall.tiles:  # first camera, or a layout took the tile
            tile = self._lent = wall.selected or wall.tiles[0]
            camera = tile.camera
            self._lent_before = TileLayout(camera.camera_num, tile.manual_grade) if camera else None
        self._patrol_tile = tile
        self._show_in(tile, TileLayout(camera_num))

    def _give_tile_back(self) -> None:
        """The tile the round borrowed shows again what it showed before (nothing when its
        camera left the directory or another tile of the wall shows it meanwhile)."""
        tile, before = self._lent, self._lent_before
        self._lent = self._lent_before = None
        if tile is None or tile not in self._wall.tiles:
            return
        known = {camera.camera_num for camera in self._cameras}
        alone = before is not None and self._main_tile_showing(before.camera_num) in (None, tile)
        if before is not None and before.camera_num in known and alone:
            self._show_in(tile, before)
        else:
            self._wall.close_tile(tile)

    def _show_in(self, tile: Tile, shown: TileLayout) -> None:
        """``tile`` plays ``shown``'s camera at ``shown``'s grade (None: the wall's)."""
        if tile.manual_grade != shown.grade:
            tile.clear()  # the grade is for the new camera: the old one is not switched first
            tile.set_manual_grade(shown.grade)
        self._wall.play_in(tile, shown.camera_num)

    def _main_tile_showing(self, camera_num: str) -> Tile | None:
        """The first tile of the main wall that shows ``camera_num``."""
        return next(
            (
                tile
                for tile in self._wall.tiles
                if tile.camera is not None and tile.camera.camera_num == camera_num
            ),
            None,
        )

    def _grab(self, camera_num: str) -> QImage | None:
        """The picture of the patrol tile when it shows ``camera_num`` (a round's anomaly)."""
        tile = self._patrol_tile
        if tile is None or tile.camera is None or tile.camera.camera_num != camera_num:
            return None
        image = tile.player.snapshot()
        return None if image.isNull() else image

    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar(self.tr("Layout"))
        toolbar.setMovable(False)
        toolbar.addActions(list(self._wall.layout_actions.values()))
        toolbar.addSeparator()
        toolbar.addAction(self.tr("Reload cameras"), self.reload_cameras)

    def _build_menus(self) -> None:
        file = self.menuBar().addMenu(self.tr("File"))
        quit_action = file.addAction(self.tr("Quit"), self.close)  # asks as the close button
        quit_action.setObjectName("quit")
        quit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        wall = self.menuBar().addMenu(self.tr("Wall"))
        wall.addAction(self.tr("Save layout…"), self._ask_layout_name).setObjectName("saveLayout")
        self._open_menu = wall.addMenu(self.tr("Open layout"))
        self._delete_menu = wall.addMenu(self.tr("Delete layout"))
        wall.addSeparator()
        wall.addAction(self.tr("Second wall window"), self.open_second_wall).setObjectName(
            "secondWall"
        )
        debug = wall.addAction(self.tr("Start time and frames in tiles"))
        debug.setObjectName("debugOverlay")
        debug.setCheckable(True)
        debug.setShortcut(QKeySequence(Qt.Key.Key_F12))
        debug.toggled.connect(self.set_debug)
        wall.addAction(self.tr("Open snapshot folder"), self.open_snapshot_folder).setObjectName(
            "openSnapshots"
        )
        tours = self.menuBar().addMenu(self.tr("Tours"))
        tours.addAction(self.tr("New tour…"), self.new_tour).setObjectName("newTour")
        self._wall_tour_menu = tours.addMenu(self.tr("Tour across the wall"))
        tours.addAction(self.tr("Stop tours"), lambda: self._active_wall.stop_tours())
        self._delete_tour_menu = tours.addMenu(self.tr("Delete tour"))
        patrols = self.menuBar().addMenu(self.tr("Patrols"))
        start = patrols.addAction(self.tr("Start patrol"), lambda: self._round.start())
        start.setObjectName("startPatrol")
        start.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self._events_menu = patrols.addMenu(self.tr("Open events"))
        self._events_menu.aboutToShow.connect(self._fill_events)
        patrols.addSeparator()
        for text, act, name in (
            (self.tr("Shift handover…"), self.open_handover, "handover"),
            (self.tr("Accept handover…"), self.accept_handover, "acceptHandover"),
            (self.tr("Equipment inspection…"), self.open_inspection, "inspection"),
            (self.tr("Patrol lists and weather warnings…"), self.open_patrol_lists, "lists"),
            (self.tr("Checklists…"), self.open_checklists, "checklists"),
        ):
            patrols.addAction(text, act).setObjectName(name)
        if self._ptz_panel is not None or self._ptz_audit is not None:
            ptz = self.menuBar().addMenu(self.tr("PTZ"))
            if self._ptz_panel is not None:
                panel = ptz.addAction(self.tr("PTZ panel"), self.show_ptz_panel)
                panel.setObjectName("ptzPanel")
                panel.setShortcut(QKeySequence(Qt.Key.Key_F7))
                hide = ptz.addAction(self.tr("Hide PTZ panel"), lambda: self._ptz_dock.hide())
                hide.setObjectName("ptzHide")
            if self._presets is not None:
                patrols_action = ptz.addAction(
                    self.tr("Preset patrols of the PTZ panel's camera…"), self.open_preset_patrols
                )
                patrols_action.setObjectName("presetPatrols")
            if self._ptz_audit is not None:
                ptz.addAction(self.tr("PTZ log…"), self.open_ptz_audit).setObjectName("ptzLog")
        self._fill_menus()

    def _fill_events(self) -> None:
        snapshot = self._patrols.snapshot
        events = snapshot.open_events if snapshot is not None else ()
        self._events_menu.clear()
        for event in events:
            text = f"{event.pile} {event.camera_name}"
            self._events_menu.addAction(text, lambda n=event.id: self.open_event(n))
        if not events:
            self._events_menu.addAction(self.tr("No open event")).setEnabled(False)

    def _fill_menus(self) -> None:
        layouts = [layout.name for layout in self._layouts]
        tours = [tour.name for tour in self._tours]
        for menu, names, act in (
            (self._open_menu, layouts, self.load_layout),
            (self._delete_menu, layouts, self.delete_layout),
            (self._wall_tour_menu, tours, self.tour_on_wall),
            (self._delete_tour_menu, tours, self.delete_tour),
        ):
            _fill(menu, names, act)

    def _ask_layout_name(self) -> None:
        dialog = QInputDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(self.tr("Save layout"))
        dialog.setLabelText(self.tr("Layout name:"))
        dialog.textValueSelected.connect(self._layout_named)
        dialog.open()

    def _layout_named(self, name: str) -> None:
        if name.strip():
            self.save_layout(name.strip())
        else:
            self.statusBar().showMessage(
                self.tr("Layout not saved: type a name for it."), STATUS_MS
            )

    def _activate(self, wall: VideoWall) -> None:
        """Cameras activated in the directory go to the wall the operator used last."""
        self._active_wall = wall

    def _store(self, change: Callable[..., None], *args: object) -> None:
        """Change the preferences off the GUI thread, then read them again."""
        self._runner.run(
            change, *args, on_done=lambda _: self.reload_preferences(), on_error=self._store_failed
        )

    def _preferences_loaded(
        self, loaded: tuple[list[WallLayout], list[Tour], WallLayout | None]
    ) -> None:
        self._layouts, self._tours, self._last_layout = loaded
        for wall in self._walls:
            wall.set_tours(self._tours)
        self._fill_menus()
        self._started("preferences")

    def _store_failed(self, error: Exception) -> None:
        if not isinstance(error, DatabaseError):
            raise error  # a bug: to the excepthook
        log.error("%s", error)
        self.statusBar().showMessage(str(error), STATUS_MS)
        self._started("preferences")

    def _loaded(self, cameras: list[CameraEntry]) -> None:
        self._error.hide()
        self._cameras = cameras
        self._patrols.set_cameras(cameras)
        self._tree.set_cameras(cameras)
        for wall in self._walls:
            wall.set_cameras(cameras)
        self._show_count()
        self._reload_preset_patrols()
        self._started("cameras")

    def _show_count(self) -> None:
        count = len(self._cameras)
        if self._platform_watch is not None and not self._platform_watch.up:
            text = self.tr("Cameras: {count} (platform not answering: states unknown)")
            self._count.setText(text.format(count=count))
            return
        online = sum(camera.online for camera in self._cameras)
        self._count.setText(
            self.tr("Cameras: {count} ({online} online)").format(count=count, online=online)
        )

    def _platform_changed(self) -> None:
        """The platform stopped answering, or answers again (issue 11): say so above the
        wall, make the cameras' states unknown, pause the round; once it is back, the
        directory is read again (the tiles reconnect by themselves)."""
        watch = self._platform_watch
        assert watch is not None
        self._platform_banner.setText(watch.text)
        self._platform_banner.setVisible(not watch.up)
        self._tree.set_states_known(watch.up)
        self._round.set_platform_down(watch.text)
        self._show_count()
        if watch.up:
            self.statusBar().showMessage(self.tr("The video platform answers again"), STATUS_MS)
            self.reload_cameras()
            for wall in self._walls:
                wall.reconnect_now()

    def _reload_preset_patrols(self) -> None:
        """The controllable cameras' preset patrols, for the tours (Z-5)."""
        if self._preset_source is None:
            return
        self._preset_source.load(
            [camera.camera_num for camera in self._cameras if camera.has_control],
            on_done=self._preset_patrols_loaded,
            on_error=lambda error: self.statusBar().showMessage(error, STATUS_MS),
        )

    def _preset_patrols_loaded(self, patrols: dict[PatrolKey, NamedPresetPatrol]) -> None:
        self._preset_patrols = patrols
        for wall in self._walls:
            wall.set_preset_patrols(patrols)

    def _started(self, part: str) -> None:
        """Once the cameras and the preferences are in: the last layout, or autoplay."""
        if part not in self._starting:
            return
        self._starting.discard(part)
        if self._starting:
            return
        if self._last_layout is not None:
            self._wall.apply(self._last_layout)
        elif self._autoplay and self._cameras:
            wanted = min(self._autoplay, len(self._cameras), TILE_COUNTS[-1])
            self.set_tile_count(next(n for n in TILE_COUNTS if n >= wanted))
            for camera in self._cameras[:wanted]:
                self._wall.play(camera.camera_num)

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, PlatformError):
            raise error  # a bug: to the excepthook
        self._error.setText(self.tr("Cannot load the camera list: {error}").format(error=error))
        self._error.show()
        self._count.setText(self.tr("No camera list"))

    def _wall_lost(self, wall: VideoWall, lost: dict[str, str]) -> None:
        if lost and self._platform_watch is not None:
            self._platform_watch.probe_now()  # a dead platform, rather than dead cameras?
        current = self._round.current_camera
        if wall is self._wall and current is not None:
            self._round.set_unplayable(current, lost.get(current, ""))
        self._lost[wall] = lost
        self._tree.set_signal_lost({n: r for each in self._lost.values() for n, r in each.items()})

    def _snapshot(self, tile: Tile) -> None:
        image = tile.player.snapshot()
        if tile.camera is None or image.isNull():
            return
        self._runner.run(
            save_jpeg,
            image,
            self._snapshot_dir,
            snapshot_stem(tile.camera.pile, self._clock()),
            on_done=lambda path: self.statusBar().showMessage(
                self.tr("Snapshot saved: {path}").format(path=path), STATUS_MS
            ),
            on_error=self._snapshot_failed,
        )

    def _snapshot_failed(self, error: Exception) -> None:
        if not isinstance(error, OSError):
            raise error  # a bug: to the excepthook
        self.statusBar().showMessage(
            self.tr("Cannot save the snapshot: {error}").format(error=error), STATUS_MS
        )


def _fill(menu: QMenu, names: list[str], act: Callable[[str], None]) -> None:
    menu.clear()
    for name in names:
        menu.addAction(name, lambda n=name: act(n))
    menu.setEnabled(bool(names))
