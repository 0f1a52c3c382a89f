"""The main window: camera directory on the left with the PTZ panel under it, video wall in
the middle, the patrols on the right; it composes the features (ui/wall, ui/ptz, ui/patrols)
and holds none of their logic.

What it does itself: it reads the camera directory and gives it to the features, starts on
the layout used last (or plays the first ``autoplay`` cameras), shows the platform's state
(issue 11), and asks before closing during a round or on a workstation that runs the site's
platform service."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.events import HandlingConfig
from patrol_app.domain.layouts import TILE_COUNTS
from patrol_app.patrols.snapshot import PatrolSnapshot
from patrol_app.platform.presets import PresetClient, PtzAuditClient
from patrol_app.platform.ptz import PtzClient
from patrol_app.platform.sharing import PlatformError, SharingClient
from patrol_app.store.preferences import PreferenceStore
from patrol_app.ui.clock import utc_now
from patrol_app.ui.faults.desk import FaultDesk
from patrol_app.ui.history.menu import HistoryMenu
from patrol_app.ui.patrols.desk import PatrolDesk
from patrol_app.ui.patrols.model import PatrolModel
from patrol_app.ui.patrols.round_panel import PatrolRoundPanel
from patrol_app.ui.platform_watch import PlatformWatch
from patrol_app.ui.ptz.control import PtzControl
from patrol_app.ui.ptz.menu import PtzMenu
from patrol_app.ui.ptz.panel import PtzPanel
from patrol_app.ui.ptz.wall_wiring import PtzWiring
from patrol_app.ui.reports.menu import ReportsMenu
from patrol_app.ui.reports.preview import PdfPreviewDialog
from patrol_app.ui.reports.submission import SubmissionSender
from patrol_app.ui.reports.submission_hook import attach_submission
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.video.focus import VideoFocusGuard
from patrol_app.ui.video.player import QtMultimediaPlayer, VideoPlayer
from patrol_app.ui.video.stream import DEFAULT_TIMINGS, StreamTimings
from patrol_app.ui.wall.camera_tree import CameraTree
from patrol_app.ui.wall.layouts_tours import LayoutsAndTours
from patrol_app.ui.wall.lending import TileLending
from patrol_app.ui.wall.tile import Tile
from patrol_app.ui.wall.wall import VideoWall
from patrol_app.ui.wall.walls import Walls
from patrol_app.ui.widgets.dialogs import show_dialog

log = logging.getLogger(__name__)

STATUS_MS = 10_000
CAMERA_DOCK_WIDTH = 380  # the camera tree with its pile numbers, and the PTZ panel under it


@dataclass(frozen=True)
class WorkstationServices:
    """What the window works with: the platform's clients, the task runner, the operator's
    stores and the patrol model. ``ptz``: None, no PTZ (the tiles only show video);
    ``presets``: the cameras' presets for the panel and the preset patrols; ``ptz_audit``:
    the PTZ log the menu browses; ``platform_watch``: tells when the platform stops
    answering (None: not watched); ``submissions``: the outbox of reports submitted to the
    management unit (the report windows' "Submit")."""

    client: SharingClient
    runner: TaskRunner
    preferences: PreferenceStore
    patrols: PatrolModel
    ptz: PtzClient | None = None
    presets: PresetClient | None = None
    ptz_audit: PtzAuditClient | None = None
    platform_watch: PlatformWatch | None = None
    submissions: SubmissionSender | None = None


@dataclass(frozen=True)
class WorkstationOptions:
    """How the window runs. ``embedded_service``: this workstation started the site's
    platform service (the demo, a standalone site), which stops when it closes, for every
    other workstation too; ``supervisor``: the operator may edit the checklists;
    ``clock``: wall time (snapshots, layouts); ``monotonic``: tours and the round's dwell."""

    base_url: str
    handling: HandlingConfig
    snapshot_dir: Path
    supervisor: bool = False
    embedded_service: bool = False
    autoplay: int = 0
    player_factory: Callable[[], VideoPlayer] = QtMultimediaPlayer
    timings: StreamTimings = DEFAULT_TIMINGS
    clock: Callable[[], datetime] = utc_now
    monotonic: Callable[[], float] = time.monotonic


class MainWindow(QMainWindow):
    """Loads the camera list and the operator's preferences at start, then shows the layout
    used last, or else plays the first ``autoplay`` cameras; an open patrol round of the
    operator continues. Closing it (the close button, File → Quit, Ctrl+Q) asks first during
    a round, and on a workstation that runs the site's platform service."""

    def __init__(self, services: WorkstationServices, options: WorkstationOptions) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Video Patrol Workstation"))
        self._services = services
        self._options = options
        self._close_confirmed = False  # the operator said yes, or the application ends
        self._close_question: QMessageBox | None = None
        self._starting = {"cameras", "preferences"}  # what start waits for

        self._tree = CameraTree()
        self._camera_dock = self._add_camera_dock()
        self._ptz: PtzWiring | None = None
        if services.ptz is not None:
            self._ptz = PtzWiring(
                services.ptz,
                services.runner,
                services.presets,
                window=self,
                below=self._camera_dock,
                tiles_showing=lambda number: self._walls.tiles_showing(number),
                all_tiles=lambda: [tile for wall in self._walls.all for tile in wall.tiles],
                cameras=lambda: self._walls.cameras,
            )
            self._ptz.failed.connect(self._tell)
        goto = self._ptz.control.goto_preset if self._ptz is not None else None
        self._walls = Walls(
            services.client,
            services.runner,
            snapshot_dir=options.snapshot_dir,
            player_factory=options.player_factory,
            timings=options.timings,
            clock=options.clock,
            monotonic=options.monotonic,
            goto=goto,
            keys=self._ptz.keys if self._ptz is not None else None,
            parent=self,
        )
        self._walls.message.connect(self._tell)
        self._walls.lost_changed.connect(self._wall_lost)
        if self._ptz is not None:
            self._walls.tile_added.connect(self._ptz.attach)
            for tile in self._walls.main.tiles:
                self._ptz.attach(tile)
        self._tree.camera_activated.connect(lambda number: self._walls.active.play(number))
        self._arrangements = LayoutsAndTours(
            services.preferences,
            services.runner,
            self._walls,
            clock=options.clock,
            parent=self,
        )
        self._arrangements.message.connect(self._tell)
        self._arrangements.loaded.connect(lambda: self._started("preferences"))
        self._ptz_menu = PtzMenu(
            self._ptz,
            services.presets,
            services.ptz_audit,
            services.runner,
            parent=self,
        )
        self._ptz_menu.message.connect(self._tell)
        self._ptz_menu.preset_patrols_changed.connect(self._walls.set_preset_patrols)
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
        centre_column.addWidget(self._walls.main, 1)
        self.setCentralWidget(centre)

        self._lending = TileLending(self._walls)
        round_panel = PatrolRoundPanel(
            services.patrols,
            snapshot_dir=options.snapshot_dir,
            grab=self._lending.picture,
            preset_patrols=self._ptz_menu.preset_patrols,
            goto=goto,
            monotonic=options.monotonic,
        )
        self._desk = PatrolDesk(
            services.patrols,
            round_panel,
            handling=options.handling,
            supervisor=options.supervisor,
            window=self,
        )
        self._history = HistoryMenu(
            services.patrols.store, services.runner, clock=options.clock, parent=self
        )
        self._wire_round()
        self._faults = self._add_faults()
        self._build_toolbar()
        self._build_menus()
        address = self.tr("Service: {address}").format(address=options.base_url)
        self._count = QLabel(objectName="cameraCount")
        self.statusBar().addWidget(QLabel(address, objectName="serviceAddress"))
        self.statusBar().addPermanentWidget(self._count)
        if services.platform_watch is not None:
            services.platform_watch.changed.connect(self._platform_changed)
        self.reload_cameras()
        self._arrangements.reload()
        services.patrols.changed.connect(self._show_faults)
        VideoFocusGuard(self, self._walls.main)

    # --- The features, for the application and the tests -----------------------------------

    @property
    def walls(self) -> Walls:
        return self._walls

    @property
    def arrangements(self) -> LayoutsAndTours:
        """The operator's layouts and tours."""
        return self._arrangements

    @property
    def ptz(self) -> PtzWiring | None:
        return self._ptz

    @property
    def history(self) -> HistoryMenu:
        return self._history

    @property
    def ptz_menu(self) -> PtzMenu:
        return self._ptz_menu

    @property
    def desk(self) -> PatrolDesk:
        """The patrols' side: compliance, round, reminders, dialogs."""
        return self._desk

    @property
    def faults(self) -> FaultDesk:
        """The faults and work orders: their window, reminders and menu (F-1..F-3)."""
        return self._faults

    @property
    def tree(self) -> CameraTree:
        return self._tree

    @property
    def wall(self) -> VideoWall:
        return self._walls.main

    @property
    def patrols(self) -> PatrolModel:
        return self._services.patrols

    @property
    def patrol_round(self) -> PatrolRoundPanel:
        return self._desk.round

    @property
    def patrol_tile(self) -> Tile | None:
        """The tile of the main wall that shows the camera of the patrol round."""
        return self._lending.tile

    @property
    def ptz_control(self) -> PtzControl | None:
        return self._ptz.control if self._ptz is not None else None

    @property
    def ptz_panel(self) -> PtzPanel | None:
        return self._ptz.panel if self._ptz is not None else None

    def reload_cameras(self) -> None:
        self._count.setText(self.tr("Loading cameras…"))
        self._services.runner.run(
            self._services.client.cameras,
            on_done=self._loaded,
            on_error=self._failed,
            expected=(PlatformError,),
        )

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
        self._services.patrols.timer.stop()
        self._faults.model.timer.stop()
        # Before the tiles let go of their cameras: every move stops, every camera this
        # workstation holds is given up, and those commands have gone out when it closes.
        if self._ptz is not None and not self._ptz.shutdown():
            log.warning("PTZ commands still on their way when the window closed")
        self._walls.stop()
        super().closeEvent(event)

    # --- Composition --------------------------------------------------------------------------

    def _add_camera_dock(self) -> QDockWidget:
        self._error = QLabel(objectName="platformError", wordWrap=True)
        self._error.setStyleSheet("color: #c0392b; padding: 4px;")
        self._error.hide()
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._error)
        column.addWidget(self._tree)
        dock = QDockWidget(self.tr("Cameras"), self, objectName="cameraDock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        dock.setWidget(left)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        self.resizeDocks([dock], [CAMERA_DOCK_WIDTH], Qt.Orientation.Horizontal)
        return dock

    def _wire_round(self) -> None:
        """The round on the wall: its cameras in the tile it borrows, Enter on the wall is
        its "normal and next", the cameras it pins beside it."""
        round_panel, main = self._desk.round, self._walls.main
        self._desk.camera_activated.connect(lambda number: self._walls.active.play(number))
        self._desk.set_inspection_pictures(
            lambda number: next(
                (t.player.snapshot() for t in self._walls.tiles_showing(number)), None
            ),
            self._options.snapshot_dir / "inspections",
        )
        self._desk.pin_requested.connect(self._lending.pin)
        self._desk.message.connect(self._tell)
        # While it runs, Enter on the wall is the round's: a click on a tile must not turn
        # "normal and next" into "enlarge".
        round_panel.running_changed.connect(
            lambda running: main.set_enter(round_panel.enter if running else None)
        )
        round_panel.running_changed.connect(self._round_running)
        round_panel.play_requested.connect(self._play_for_round)

    def _add_faults(self) -> FaultDesk:
        """The fault window, its reminders and the tiles' "register a video fault"; the
        patrol views and the fault list each refresh when the other writes."""
        patrols, reminders = self._services.patrols, self._desk.reminders
        faults = FaultDesk(
            patrols.store,
            self._services.runner,
            operator=patrols.operator,
            clock=self._options.clock,
            window=self,
            tray=reminders.tray,
            play=reminders.play,
            show_pdf=_show_pdf,
        )
        faults.message.connect(self._tell)
        patrols.changed.connect(lambda _snapshot: faults.model.refresh())
        faults.model.written.connect(patrols.refresh)
        self._walls.tile_added.connect(faults.attach)
        for tile in self._walls.main.tiles:
            faults.attach(tile)
        return faults

    def _round_running(self, running: bool) -> None:
        """When the round ends, the tile it borrowed shows again what it showed before."""
        if not running:
            self._lending.end()

    def _play_for_round(self, camera_num: str) -> None:
        if not self._lending.show(camera_num):
            self._desk.round.set_unplayable(camera_num, self.tr("Not in the camera directory"))

    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar(self.tr("Layout"))
        toolbar.setMovable(False)
        toolbar.addActions(list(self._walls.main.layout_actions.values()))
        toolbar.addSeparator()
        toolbar.addAction(self.tr("Reload cameras"), self.reload_cameras)

    def _build_menus(self) -> None:
        file = self.menuBar().addMenu(self.tr("File"))
        quit_action = file.addAction(self.tr("Quit"), self.close)  # asks as the close button
        quit_action.setObjectName("quit")
        quit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        wall = self.menuBar().addMenu(self.tr("Wall"))
        self._arrangements.add_layout_actions(wall)
        wall.addSeparator()
        second = wall.addAction(self.tr("Second wall window"), self._open_second_wall)
        second.setObjectName("secondWall")
        debug = wall.addAction(self.tr("Start time and frames in tiles"))
        debug.setObjectName("debugOverlay")
        debug.setCheckable(True)
        debug.setShortcut(QKeySequence(Qt.Key.Key_F12))
        debug.toggled.connect(self._walls.set_debug)
        snapshots = wall.addAction(
            self.tr("Open snapshot folder"), self._walls.open_snapshot_folder
        )
        snapshots.setObjectName("openSnapshots")
        self._arrangements.add_tours_menu(self.menuBar().addMenu(self.tr("Tours")))
        self._desk.add_menu(self.menuBar())
        self._faults.add_menu(self.menuBar())
        self._ptz_menu.add_to(self.menuBar())
        self._reports_menu = ReportsMenu(self._services.patrols, self._services.runner, parent=self)
        self._reports_menu.add_to(self.menuBar())
        self._reports_menu.window_opened.connect(
            lambda window: attach_submission(window, self._services.submissions)
        )
        self._history.add_to(self.menuBar())

    def _open_second_wall(self) -> None:
        self._walls.open_second()

    def _tell(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MS)

    # --- The directory, the platform, the start ----------------------------------------------

    def _loaded(self, cameras: list[CameraEntry]) -> None:
        self._error.hide()
        self._services.patrols.set_cameras(cameras)
        self._tree.set_cameras(cameras)
        self._walls.set_cameras(cameras)
        self._faults.set_cameras(cameras)
        self._show_count()
        self._ptz_menu.set_cameras(cameras)
        self._started("cameras")

    def _failed(self, error: PlatformError) -> None:
        self._error.setText(self.tr("Cannot load the camera list: {error}").format(error=error))
        self._error.show()
        self._count.setText(self.tr("No camera list"))

    def _show_count(self) -> None:
        cameras = self._walls.cameras
        count = len(cameras)
        watch = self._services.platform_watch
        if watch is not None and not watch.up:
            text = self.tr("Cameras: {count} (platform not answering: states unknown)")
            self._count.setText(text.format(count=count))
            return
        online = sum(camera.online for camera in cameras)
        self._count.setText(
            self.tr("Cameras: {count} ({online} online)").format(count=count, online=online)
        )

    def _platform_changed(self) -> None:
        """The platform stopped answering, or answers again (issue 11): say so above the
        wall, make the cameras' states unknown, pause the round; once it is back, the
        directory is read again (the tiles reconnect by themselves)."""
        watch = self._services.platform_watch
        assert watch is not None
        self._platform_banner.setText(watch.text)
        self._platform_banner.setVisible(not watch.up)
        self._tree.set_states_known(watch.up)
        self._desk.round.set_platform_down(watch.text)
        self._show_count()
        if watch.up:
            self._tell(self.tr("The video platform answers again"))
            self.reload_cameras()
            self._walls.reconnect_now()

    def _wall_lost(self, wall: VideoWall, lost: dict[str, str]) -> None:
        watch = self._services.platform_watch
        if lost and watch is not None:
            watch.probe_now()  # a dead platform, rather than dead cameras?
        current = self._desk.round.current_camera
        if wall is self._walls.main and current is not None:
            self._desk.round.set_unplayable(current, lost.get(current, ""))
        self._tree.set_signal_lost(self._walls.lost)

    def _show_faults(self, snapshot: PatrolSnapshot) -> None:
        """The directory marks the cameras with an open video fault (F-1)."""
        self._tree.set_faults(snapshot.open_faults)

    def _started(self, part: str) -> None:
        """Once the cameras and the preferences are in: the last layout, or autoplay."""
        if part not in self._starting:
            return
        self._starting.discard(part)
        if self._starting:
            return
        main, cameras, autoplay = self._walls.main, self._walls.cameras, self._options.autoplay
        last = self._arrangements.last_layout
        if last is not None:
            main.apply(last)
        elif autoplay and cameras:
            wanted = min(autoplay, len(cameras), TILE_COUNTS[-1])
            main.set_tile_count(next(n for n in TILE_COUNTS if n >= wanted))
            for camera in cameras[:wanted]:
                main.play(camera.camera_num)

    # --- Closing ----------------------------------------------------------------------------

    def _close_reasons(self) -> list[str]:
        """What closing would cut short, in the operator's words (nothing: it just closes)."""
        reasons = []
        if self._desk.round.running:
            reasons.append(
                self.tr(
                    "A patrol round is under way; it continues at its next camera when the "
                    "workstation starts again."
                )
            )
        if self._options.embedded_service:
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


def _show_pdf(pdf: bytes, title: str, parent: QWidget) -> None:
    """A repair request from the fault list, to print or save (the reports' preview)."""
    show_dialog(PdfPreviewDialog(pdf, title, parent=parent))
