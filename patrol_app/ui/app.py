"""Builds the Qt application: CJK font, Chinese translation, error hooks, the main window."""

from __future__ import annotations

import getpass
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QObject, QTimer, QTranslator, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from patrol_app.domain.events import HandlingConfig, HandlingError
from patrol_app.domain.holidays import HolidayCalendar
from patrol_app.patrols.events import DEFAULT_HANDLING, load_handling
from patrol_app.platform.gateway import GatewayClient
from patrol_app.platform.presets import PresetClient, PtzAuditClient
from patrol_app.platform.ptz import PtzClient
from patrol_app.platform.sharing import PlatformError, SharingClient
from patrol_app.platform.submissions import SubmissionClient
from patrol_app.resources import RESOURCES_DIR
from patrol_app.settings import Settings
from patrol_app.store.database import DatabaseError, open_database
from patrol_app.store.outages import OutageStore
from patrol_app.store.outbox import OutboxStore
from patrol_app.store.patrols import PatrolStore
from patrol_app.store.preferences import PreferenceStore
from patrol_app.submissions.outbox import SubmissionOutbox
from patrol_app.ui.clock import utc_now
from patrol_app.ui.main_window import MainWindow, WorkstationOptions, WorkstationServices
from patrol_app.ui.patrols.model import PatrolModel
from patrol_app.ui.platform_watch import OutageRecorder, PlatformWatch
from patrol_app.ui.reports.submission import SubmissionSender
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.video.backends import create_player

log = logging.getLogger(__name__)

CJK_FONT = RESOURCES_DIR / "fonts" / "wqy-microhei.ttc"
PROBE_TIMEOUT = 1.5  # seconds: E-G5 answers in milliseconds; a hung platform is down
SUBMIT_TIMEOUT = 120.0  # seconds per read or write: a report's PDF may be 20 MiB
TRANSLATIONS = RESOURCES_DIR / "translations"
LOCALE = "zh_CN"


def install_cjk_font(app: QApplication) -> None:
    """Add the bundled CJK font as the fallback of the application font, so Chinese renders
    on machines without a CJK font (a bare Xvfb, a minimal Linux install)."""
    font_id = QFontDatabase.addApplicationFont(str(CJK_FONT))
    if font_id < 0:
        log.warning("cannot load the CJK font %s", CJK_FONT)
        return
    font = app.font()
    # Face 0 of the collection, as everywhere in the project (resources/fonts/README.md).
    font.setFamilies([font.family(), QFontDatabase.applicationFontFamilies(font_id)[0]])
    app.setFont(font)


def compiled_translation(ts_file: Path) -> Path | None:
    """The .qm beside ``ts_file``, (re)built with pyside6-lrelease when missing or older than
    the .ts; an existing .qm is kept when it cannot be rebuilt (read-only install, no tool)."""
    qm_file = ts_file.with_suffix(".qm")
    if qm_file.exists() and qm_file.stat().st_mtime >= ts_file.stat().st_mtime:
        return qm_file
    tool = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    # Built beside it, then renamed over it: a running workstation maps the .qm it loaded,
    # and rewriting that file in place turned its texts back to English.
    built = qm_file.with_name(f"{qm_file.stem}.{os.getpid()}.qm")
    try:
        if tool is None:
            raise FileNotFoundError("pyside6-lrelease is not next to the Python interpreter")
        subprocess.run(
            [tool, "-silent", str(ts_file), "-qm", str(built)], check=True, capture_output=True
        )
        os.replace(built, qm_file)
    except (OSError, subprocess.CalledProcessError) as error:
        log.warning("cannot compile %s: %s", ts_file, error)
        built.unlink(missing_ok=True)
    return qm_file if qm_file.exists() else None


def install_translators(app: QApplication, locale: str = LOCALE) -> None:
    """Qt's translation (standard buttons and dialogs), then the application's own."""
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    files = [
        qt_dir / f"qtbase_{locale}.qm",
        compiled_translation(TRANSLATIONS / f"patrol_app_{locale}.ts"),
    ]
    for file in files:
        translator = QTranslator(app)
        if file is not None and translator.load(str(file)):
            app.installTranslator(translator)
        else:
            log.warning("cannot load the %s translation %s", locale, file)


class ErrorReporter(QObject):
    """The one path for errors (STYLE habit 9): log, then tell the operator in a dialog.

    Environment errors (platform unreachable, disk) are told apart from bugs. Hooks may run on
    any thread; the dialog opens on the GUI thread, one at a time.
    """

    _report = Signal(str)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._box: QMessageBox | None = None
        self._report.connect(self._show)

    def install(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = lambda args: self.excepthook(
            args.exc_type, args.exc_value, args.exc_traceback
        )

    def excepthook(
        self,
        kind: type[BaseException],
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        log.error(
            "unhandled exception",
            exc_info=(kind, error, traceback) if error is not None else True,
        )
        if isinstance(error, PlatformError):
            text = self.tr("The video platform is not available:\n{error}")
        elif isinstance(error, OSError):
            text = self.tr("A system error occurred (disk, network or permissions):\n{error}")
        else:
            text = self.tr(
                "An internal error occurred; it has been logged. Please report it.\n{error}"
            )
        self._report.emit(text.format(error=error if str(error) else kind.__name__))

    def _show(self, text: str) -> None:
        if self._box is not None and self._box.isVisible():
            return  # one dialog at a time; the log has every error
        self._box = QMessageBox(
            QMessageBox.Icon.Critical, self.tr("Error"), text, parent=self._window
        )
        self._box.open()


class Workstation:
    """The workstation as it runs: its database, task runner, the platform's clients and the
    main window, built as the application builds them (``run_gui``, the benchmarks); ``close``
    lets go of them. ``embedded_service``: it started the site's platform service (the demo),
    so closing asks first; ``service_listeners``: where the supervisor of the embedded
    service tells its restarts (the platform watch joins them). DatabaseError when the
    database cannot be opened (or migrated)."""

    def __init__(
        self,
        base_url: str,
        settings: Settings,
        *,
        embedded_service: bool = False,
        autoplay: int = 0,
        service_listeners: list[Callable[[str, int], None]] | None = None,
    ) -> None:
        # Before the window: opening may migrate the schema (backed up first).
        self.sessions = open_database(settings.database_url)
        self.runner = TaskRunner(QCoreApplication.instance())
        self.client = SharingClient(base_url)
        self.probe = GatewayClient(base_url, timeout=PROBE_TIMEOUT)
        operator = getpass.getuser()
        self.ptz = PtzClient(base_url, operator=operator)
        # The service's presets and log, over HTTP: never the workstation's own database.
        self.presets = PresetClient(base_url, operator=operator)
        self.audit = PtzAuditClient(base_url)
        patrols = _patrol_model(PatrolStore(self.sessions), self.runner, settings, operator)
        self.watch = PlatformWatch(
            self.probe.check_gateway, self.runner, clock=utc_now, parent=self.runner
        )
        outages = OutageStore(self.sessions)
        _record_outages(self.watch, patrols, self.runner, outages, settings, base_url)
        # Reports submitted to the management unit wait in the outbox until the platform
        # has them (issue 13 point 6); sent at start, and as soon as the platform is back.
        self.submission_client = SubmissionClient(base_url, timeout=SUBMIT_TIMEOUT)
        self.submissions = SubmissionSender(
            SubmissionOutbox(OutboxStore(self.sessions), self.submission_client),
            self.runner,
            operator=operator,
            clock=utc_now,
            parent=self.runner,
        )
        self.watch.changed.connect(lambda: self.submissions.platform_changed(self.watch.up))
        self.window = build_window(
            base_url,
            settings,
            WorkstationServices(
                self.client,
                self.runner,
                PreferenceStore(self.sessions, operator),
                patrols,
                ptz=self.ptz,
                presets=self.presets,
                ptz_audit=self.audit,
                platform_watch=self.watch,
                submissions=self.submissions,
            ),
            embedded_service=embedded_service,
            autoplay=autoplay,
        )
        if service_listeners is not None:
            service_listeners.append(self.watch.service_state)
        self.watch.start()
        self.submissions.start()

    def close(self) -> None:
        """Close the window without asking (closed already, unless the loop ended some other
        way), stop watching the platform, wait for the tasks, close the clients and the
        database."""
        self.window.close_without_asking()
        self.watch.stop()
        self.submissions.stop()
        self.runner.wait(10_000)
        self.client.close()
        self.probe.close()
        self.ptz.close()
        self.presets.close()
        self.audit.close()
        self.submission_client.close()
        self.sessions.kw["bind"].dispose()


def build_window(
    base_url: str,
    settings: Settings,
    services: WorkstationServices,
    *,
    embedded_service: bool = False,
    autoplay: int = 0,
) -> MainWindow:
    """The main window on ``services`` with the options of ``settings``: the site's handling
    lists (the bundled ones, after telling the operator, when the site's cannot be read), the
    snapshot folder, the player backend, whether the operator is a supervisor."""
    try:
        handling = load_handling(settings.data_dir)
    except (OSError, HandlingError) as error:
        log.error("%s", error)
        title = QCoreApplication.translate("run_gui", "Cannot read the handling lists")
        QMessageBox.warning(None, title, str(error))
        handling = HandlingConfig.parse(DEFAULT_HANDLING.read_text(encoding="utf-8"))
    options = WorkstationOptions(
        base_url=base_url,
        handling=handling,
        snapshot_dir=settings.snapshot_dir,
        supervisor=services.patrols.operator in settings.supervisor_names,
        embedded_service=embedded_service,
        autoplay=autoplay,
        player_factory=lambda: create_player(settings.player_backend),
    )
    return MainWindow(services, options)


def _patrol_model(
    store: PatrolStore, runner: TaskRunner, settings: Settings, operator: str
) -> PatrolModel:
    patrols = PatrolModel(
        store,
        runner,
        operator=operator,
        shift_starts=settings.shifts(),
        calendar=HolidayCalendar(settings.holidays()),
        clock=utc_now,
        parent=QCoreApplication.instance(),
    )
    # Records past the site's retention period (never under a year, P-6) go once per start.
    patrols.run(patrols.store.retention.purge_expired, utc_now(), settings.retention)
    return patrols


def _record_outages(
    watch: PlatformWatch,
    patrols: PatrolModel,
    runner: TaskRunner,
    outages: OutageStore,
    settings: Settings,
    base_url: str,
) -> None:
    """The platform's outages the watch sees, recorded; those past the retention go."""
    patrols.run(outages.purge_expired, utc_now(), settings.retention)
    OutageRecorder(
        watch,
        outages,
        runner,
        operator=patrols.operator,
        platform=base_url,
        clock=utc_now,
        parent=watch,
    )


def create_application(argv: list[str] | None = None) -> QApplication:
    """The Qt application with its name, the bundled CJK font and the Chinese translation."""
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("patrol-app")
    install_cjk_font(app)
    install_translators(app)
    return app


def run_gui(
    base_url: str,
    settings: Settings,
    *,
    embedded_service: bool = False,
    autoplay: int = 0,
    argv: list[str] | None = None,
    service_listeners: list[Callable[[str, int], None]] | None = None,
) -> int:
    """Run the workstation against the platform at ``base_url``, with the operator's layouts
    and tours in the database of ``settings``; the exit code of Qt's loop.
    ``embedded_service``: the caller started that platform (the demo's standalone site);
    ``service_listeners``: where the supervisor of that service tells its restarts."""
    app = create_application(argv)
    try:
        workstation = Workstation(
            base_url,
            settings,
            embedded_service=embedded_service,
            autoplay=autoplay,
            service_listeners=service_listeners,
        )
    except DatabaseError as error:
        log.error("%s", error)
        title = QCoreApplication.translate("run_gui", "Cannot open the database")
        QMessageBox.critical(None, title, str(error))
        return 1
    window = workstation.window
    window.resize(1600, 900)
    window.showMaximized()
    hooks = sys.excepthook, threading.excepthook
    ErrorReporter(window).install()

    # Ctrl+C or SIGTERM end the loop, so that the caller's clean-up runs (the demo stops its
    # service); the timer lets Python run its signal handlers between Qt events. The quit is
    # queued: a signal that comes before the loop runs would otherwise be lost. Nobody is
    # there to answer the window's question (a round, the embedded service), and Qt's quit
    # gives up when a window refuses to close: the window closes without asking first.
    def end() -> None:
        window.close_without_asking()
        app.quit()

    handlers = {
        number: signal.signal(number, lambda *_: QTimer.singleShot(0, end))
        for number in (signal.SIGINT, signal.SIGTERM)
    }
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(250)
    log.info("workstation started against %s", base_url)
    try:
        code = app.exec()
    finally:
        sys.excepthook, threading.excepthook = hooks
        for number, handler in handlers.items():
            signal.signal(number, handler)
    workstation.close()
    return code
