"""Command line: ``patrol-app [demo|serve|gui]``."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from patrol_app.settings import DATA_DIR_VARIABLE, Settings, default_data_dir


class _QuietPolls(logging.Filter):
    """Drops the access-log lines of the PTZ panel's once-a-second "who holds the camera"."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "/workstation/ptz/holder" not in record.getMessage()


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from patrol_app.gateway.app import build_services, create_app
    from patrol_app.gateway.children import kill_children_on_exit
    from patrol_app.gateway.memory import fix_malloc_thresholds

    kill_children_on_exit()  # Windows: its ffmpeg children end with it (Linux: per child)
    fix_malloc_thresholds()  # the service's memory levels off (issue 11's soak)
    settings = Settings.load(args.data_dir, host=args.host, port=args.port, db_url=args.db)
    app = create_app(build_services(settings))
    server = uvicorn.Server(
        uvicorn.Config(app, host=settings.host, port=settings.port, log_level="info")
    )
    logging.getLogger("uvicorn.access").addFilter(_QuietPolls())
    if args.parent_pipe:
        # Started by a workstation (standalone/process.py): its end of our stdin closes when it
        # exits, however it exits (a crash, a lost X display); then shut down cleanly.
        threading.Thread(target=_exit_on_eof, args=(server,), daemon=True).start()
    server.run()
    return 0


def _exit_on_eof(server: Any) -> None:  # a uvicorn.Server
    while sys.stdin.buffer.read(4096):
        pass
    logging.info("the workstation that started the service is gone: stopping")
    server.should_exit = True


def _demo(args: argparse.Namespace) -> int:
    from patrol_app.platform.gateway import GatewayClient
    from patrol_app.standalone.demo_site import demo_cameras
    from patrol_app.standalone.process import ServiceProcess, ServiceSupervisor
    from patrol_app.ui.app import run_gui

    # The demo keeps its own data apart from a real site's (unless told where).
    chosen = args.data_dir or os.environ.get(DATA_DIR_VARIABLE)
    data_dir = Path(chosen) if chosen else default_data_dir() / "demo-site"
    settings = Settings.load(data_dir, db_url=args.db)
    # The workstation keeps the site's platform running: restarted when it dies, and the
    # window told (its PlatformWatch listens from the moment it exists).
    listeners: list[Callable[[str, int], None]] = []

    def report(state: str, attempt: int, detail: str) -> None:
        logging.log(
            logging.INFO if state == "running" else logging.WARNING,
            "embedded service %s (attempt %d) %s",
            state,
            attempt,
            detail,
        )
        for listener in list(listeners):
            listener(state, attempt)

    service = ServiceSupervisor(
        ServiceProcess(data_dir, port=args.port, db_url=settings.db_url), report
    )
    service.start()
    try:
        with GatewayClient(service.base_url) as client:
            failed = [r for r in client.register_cameras(demo_cameras()) if r["status"] != 0]
        if failed:
            logging.error("demo cameras not registered: %s", failed)
            return 1
        return run_gui(
            service.base_url,
            settings,
            embedded_service=True,
            autoplay=args.autoplay,
            service_listeners=listeners,
        )
    finally:
        listeners.clear()  # the window is gone
        service.stop()


def _gui(args: argparse.Namespace) -> int:
    from patrol_app.ui.app import run_gui

    settings = Settings.load(args.data_dir, db_url=args.db)
    return run_gui(args.platform, settings, autoplay=args.autoplay)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="patrol-app", description="视频巡查工作站")
    commands = parser.add_subparsers(dest="command")

    serve = commands.add_parser("serve", help="run the embedded gateway/platform service")
    serve.add_argument("--host", default=None, help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=None, help="port (default 8640)")
    serve.add_argument(
        "--parent-pipe",
        action="store_true",
        help="stop when standard input closes (the workstation that started it is gone)",
    )
    serve.set_defaults(run=_serve)

    demo = commands.add_parser("demo", help="the demo standalone site: service, cameras, GUI")
    demo.add_argument("--port", type=int, default=None, help="service port (default: free)")
    demo.add_argument("--autoplay", type=int, default=4, help="cameras to play at start")
    demo.set_defaults(run=_demo)

    gui = commands.add_parser("gui", help="the workstation against a running platform")
    gui.add_argument("--platform", required=True, help="platform base URL")
    gui.add_argument("--autoplay", type=int, default=0, help="cameras to play at start")
    gui.set_defaults(run=_gui)

    for command in (serve, demo, gui):
        command.add_argument("--data-dir", type=Path, default=None, help="data directory")
        command.add_argument("--db", default=None, help="database URL (PostgreSQL)")

    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["demo"])
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)  # a line per request otherwise
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
