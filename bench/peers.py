"""Real third-party media servers for the side-by-side benchmark (../shared/PEERS.md), and the
simulated camera pushed to them over RTMP.

- node-media-server 4.4.3 (npm, pinned in peers/package-lock.json, installed into
  peers/node_modules): RTMP in, HTTP-FLV ``/live/<stream>.flv`` out, with a GOP cache.
- nginx 1.22 with Debian's RTMP module (apt): RTMP in, HLS out; no GOP cache, no HTTP-FLV.

Both bind 127.0.0.1 only and run as ordinary child processes of the bench, each in its own
process group (benchlib.Children). The pushed stream is the service's own: the first demo
camera's scene (``sim:road``) and on-screen text, encoded with the service's encoder
arguments for the grade, video only.

    .venv/bin/python bench/peers.py install     # what the bench does when a peer is missing
    .venv/bin/python bench/peers.py run --grade 0   # both peers with a push, until Ctrl+C
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from benchlib import Children, handle_stop_signals, wait_until

from patrol_app.domain.camera import Classify, Orientation
from patrol_app.domain.grades import StreamGrade, grade
from patrol_app.domain.osd import road_osd
from patrol_app.domain.pile import PileNumber
from patrol_app.gateway.app import FONT_FILE
from patrol_app.gateway.media.pipeline import _encode_args, find_ffmpeg
from patrol_app.gateway.media.sources import CHILD_TZ, Overlay, input_args
from patrol_app.standalone.demo_site import demo_cameras
from patrol_app.standalone.process import free_port

PEERS_DIR = Path(__file__).resolve().parent / "peers"
NMS_APP = PEERS_DIR / "node_modules" / "node-media-server" / "bin" / "app.js"
NGINX = "/usr/sbin/nginx"
NGINX_RTMP_MODULE = Path("/usr/lib/nginx/modules/ngx_rtmp_module.so")
START_TIMEOUT = 20.0


def install() -> None:
    """node-media-server from the lock file (npm ci); nginx and its RTMP module from apt."""
    if not NMS_APP.is_file():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PEERS_DIR, check=True)
    if not (Path(NGINX).is_file() and NGINX_RTMP_MODULE.is_file()):
        if os.geteuid() != 0:
            raise SystemExit("nginx with the RTMP module is missing: as root, run "
                             "apt-get install nginx libnginx-mod-rtmp")  # fmt: skip
        # Debian's package would start the system nginx where an init system runs; the bench
        # only ever runs its own instance (-p DIR -c CONF).
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(
            ["apt-get", "install", "-y", "--no-install-recommends", "nginx", "libnginx-mod-rtmp"],
            check=True,
            env=env,
        )


def sim_camera() -> tuple[str, Overlay]:
    """The first demo camera's source and the on-screen text the service draws on it."""
    camera = demo_cameras()[0]
    others = json.loads(camera["others"])
    if camera["classify"] != Classify.ROAD:
        raise RuntimeError("the first demo camera is no longer a road camera: adapt the bench")
    text = road_osd(
        road=camera["road"],
        road_short_name=camera["roadName"].removesuffix("高速"),
        scene="路面",
        pile=PileNumber.parse(camera["pileNum"]),
        orientation=Orientation(camera["cameraOrientation"]),
        driving_direction=others.get("drivingDirection", ""),
        towards=others.get("towards", ""),
    )
    return others["source"], Overlay(lines=(text.top_left, text.position))


def push_sim(
    children: Children, name: str, stream_grade: StreamGrade, url: str, work_dir: Path
) -> subprocess.Popen[bytes]:
    """An ffmpeg drawing the simulated camera at ``stream_grade`` and pushing it to ``url``."""
    work_dir = work_dir / name
    source, overlay = sim_camera()
    argv = [
        find_ffmpeg(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", "warning",
        *input_args(source, stream_grade, overlay, work_dir, FONT_FILE),
        "-an", "-sn", "-dn", *_encode_args(stream_grade, scale=False), "-f", "flv", url,
    ]  # fmt: skip
    return children.start(name, argv, env={**os.environ, "TZ": CHILD_TZ})


def _listening(*ports: int) -> bool:
    try:
        for port in ports:
            socket.create_connection(("127.0.0.1", port), timeout=1.0).close()
    except OSError:
        return False
    return True


@dataclass
class Peer:
    name: str
    protocol: str  # what the bench plays: "flv" or "hls"
    gop_cache: bool
    rtmp_port: int
    http_port: int
    children: Children
    process: subprocess.Popen[bytes] | None = None

    def publish_url(self, stream: str) -> str:
        return f"rtmp://127.0.0.1:{self.rtmp_port}/live/{stream}"

    def play_url(self, stream: str) -> str:
        raise NotImplementedError

    def _wait_listening(self) -> None:
        assert self.process is not None
        try:
            ports = self.rtmp_port, self.http_port
            wait_until(lambda: _listening(*ports), START_TIMEOUT, self.name)
        except TimeoutError:
            self.children.check(self.process)
            raise

    def wait_stream(
        self, stream: str, push: subprocess.Popen[bytes], timeout: float = START_TIMEOUT
    ) -> None:
        """Return once the server serves ``stream``, pushed by ``push``, to a player (for HLS:
        a playlist of three segments); else raise with both processes' output."""
        try:
            wait_until(lambda: self._serving(stream), timeout, f"{self.name} serving {stream}")
        except TimeoutError as error:
            logs = "\n".join(self.children.log_tail(p) for p in (self.process, push))
            raise RuntimeError(f"{error}\n{logs}") from None

    def _serving(self, stream: str) -> bool:
        raise NotImplementedError


class NodeMediaServer(Peer):
    def __init__(self, children: Children, work_dir: Path) -> None:
        super().__init__("node-media-server 4.4.3", "flv", True, free_port(), free_port(), children)
        directory = work_dir / "nms"
        directory.mkdir(parents=True, exist_ok=True)
        config = {
            "bind": "127.0.0.1",
            "rtmp": {"port": self.rtmp_port},
            "http": {"port": self.http_port},
            "store": {"path": str(directory / "data")},
            "webadmin": {"enable": False},
        }
        (directory / "conf.json").write_text(json.dumps(config, indent=2))
        node = shutil.which("node") or "node"
        argv = [node, str(NMS_APP), "-c", str(directory / "conf.json")]
        self.process = children.start("nms", argv)
        self._wait_listening()

    def play_url(self, stream: str) -> str:
        return f"http://127.0.0.1:{self.http_port}/live/{stream}.flv"

    def _serving(self, stream: str) -> bool:
        try:
            with httpx.stream("GET", self.play_url(stream), timeout=2.0) as response:
                if response.status_code != 200:
                    return False
                received = 0
                for chunk in response.iter_bytes():
                    received += len(chunk)
                    if received > 1024:  # past the FLV header and metadata: tags flow
                        return True
        except httpx.TransportError:
            pass
        return False


_NGINX_CONF = """\
daemon off;
master_process off;
error_log {dir}/error.log warn;
pid {dir}/nginx.pid;
load_module {module};
events {{ worker_connections 256; }}
rtmp {{
    server {{
        listen 127.0.0.1:{rtmp_port};
        application live {{
            live on;
            hls on;
            hls_path {dir}/hls;
            hls_fragment 1s;
            hls_playlist_length 4s;
        }}
    }}
}}
http {{
    access_log off;
    client_body_temp_path {dir}/tmp/body;
    proxy_temp_path {dir}/tmp/proxy;
    fastcgi_temp_path {dir}/tmp/fastcgi;
    uwsgi_temp_path {dir}/tmp/uwsgi;
    scgi_temp_path {dir}/tmp/scgi;
    types {{
        application/vnd.apple.mpegurl m3u8;
        video/mp2t ts;
    }}
    server {{
        listen 127.0.0.1:{http_port};
        location /hls/ {{
            root {dir};
            add_header Cache-Control no-cache;
        }}
    }}
}}
"""


class NginxRtmp(Peer):
    """nginx in one process (no master, no user switch: the HLS files stay ours)."""

    def __init__(self, children: Children, work_dir: Path) -> None:
        super().__init__("nginx 1.22 + RTMP", "hls", False, free_port(), free_port(), children)
        directory = work_dir / "nginx"
        for sub in ("hls", "tmp", "logs"):
            (directory / sub).mkdir(parents=True, exist_ok=True)
        conf = directory / "nginx.conf"
        conf.write_text(
            _NGINX_CONF.format(
                dir=directory,
                module=NGINX_RTMP_MODULE,
                rtmp_port=self.rtmp_port,
                http_port=self.http_port,
            )
        )
        self.process = children.start("nginx", [NGINX, "-p", str(directory), "-c", str(conf)])
        self._wait_listening()

    def play_url(self, stream: str) -> str:
        return f"http://127.0.0.1:{self.http_port}/hls/{stream}.m3u8"

    def _serving(self, stream: str) -> bool:
        try:
            response = httpx.get(self.play_url(stream), timeout=2.0)
        except httpx.TransportError:
            return False
        segments = [line for line in response.text.splitlines() if line.endswith(".ts")]
        return response.status_code == 200 and len(segments) >= 3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["install", "run"])
    parser.add_argument("--grade", type=int, default=0)
    args = parser.parse_args()
    handle_stop_signals()  # SIGTERM too stops the servers (the with-block below)
    install()
    if args.command == "install":
        return 0
    with tempfile.TemporaryDirectory() as work, Children(Path(work) / "logs") as children:
        stream = f"road{args.grade}"
        for peer in (NodeMediaServer(children, Path(work)), NginxRtmp(children, Path(work))):
            name = f"push-{peer.protocol}"
            push = push_sim(children, name, grade(args.grade), peer.publish_url(stream), Path(work))
            peer.wait_stream(stream, push)
            print(f"{peer.name}: {peer.play_url(stream)}", flush=True)
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
