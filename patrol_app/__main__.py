"""Command line: ``patrol-app [demo|serve|gui]``."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from patrol_app.settings import Settings, default_data_dir


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from patrol_app.gateway.app import build_services, create_app

    settings = Settings.load(args.data_dir, host=args.host, port=args.port, db_url=args.db)
    app = create_app(build_services(settings))
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from patrol_app.gateway.demo_site import demo_cameras
    from patrol_app.gateway.process import ServiceProcess
    from patrol_app.platform.gateway import GatewayClient
    from patrol_app.ui.app import run_gui

    data_dir = Path(args.data_dir or default_data_dir() / "demo-site")
    settings = Settings.load(data_dir, db_url=args.db)
    service = ServiceProcess(data_dir, port=args.port, db_url=settings.db_url)
    service.start()
    try:
        with GatewayClient(service.base_url) as client:
            failed = [r for r in client.register_cameras(demo_cameras()) if r["status"] != 0]
        if failed:
            logging.error("demo cameras not registered: %s", failed)
            return 1
        return run_gui(service.base_url, settings, autoplay=args.autoplay)
    finally:
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
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
