"""Real cameras' PTZ over ONVIF (Z-1, Z-5; E 5.3 actions carried out on the device).

``OnvifPtzDriver`` speaks ONVIF through ``onvif-zeep-async`` (SOAP over aiohttp):

- pan, tilt and zoom: PTZ ``ContinuousMove`` on the camera's first media profile, in the
  generic velocity space (-1..1, which every ONVIF PTZ node that moves continuously must
  support) at ``speed / 8`` of it, signed by direction (right, up and tele positive). Each
  move carries both axes, the other at 0, so that a new move replaces the previous one; a
  diagonal (a pan with a tilt) carries x and y at ``speed / 8`` each. The camera stops by
  itself after its default PTZ timeout if no stop comes;
- stop: PTZ ``Stop`` of pan/tilt and zoom, and Imaging ``Stop`` when a focus move runs;
- focus: Imaging ``Move`` (continuous) on the profile's video source, at ``speed / 8`` of the
  camera's continuous focus speed range (far positive);
- light: PTZ ``SendAuxiliaryCommand`` with the node's ``tt:Light|On/Off`` or
  ``tt:IRLamp|On/Off``;
- iris: not driven yet (ONVIF has no iris movement, only the absolute ``Exposure.Iris`` of
  SetImagingSettings, and only in manual exposure).

What the camera cannot do is a ``PtzDeviceError`` saying so, in Chinese, for the operator.

Presets: E 5.3 numbers presets 1-255, ONVIF names them by token. A preset is number N when
its ``Name`` is N or starts with "N " (so "12 收费广场" is 12), N without leading zeros;
otherwise when its token is N (cameras that number their own presets use such tokens).
``set_preset(N)`` names a new preset "N" and overwrites the token of an existing preset N,
keeping its name, so our numbers survive in the camera whoever set the presets.

Where the camera's device service is: ``others.onvif`` of the E 3.1 registration when given
(``http://user:password@host:port/onvif/device_service``), otherwise the host and
credentials of the RTSP ``others.source`` on port 80 (``onvif_endpoint``).

One connection per camera is kept (profile, services) and dropped on any failure, so that the
next command connects afresh. Commands to one camera run one at a time in arrival order (a
stop never overtakes the move it ends). The driver lives on one event loop: aiohttp's
sessions belong to the loop that made them. ``aclose()`` closes every connection.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import unquote, urlsplit

from patrol_app.domain.camera import CameraInfo
from patrol_app.domain.ptz import MAX_PRESET, MAX_STEP, PtzAction
from patrol_app.gateway.media.sources import scrub_credentials
from patrol_app.gateway.ptz import PtzDeviceError
from patrol_app.gateway.registry import SiteExtras

if TYPE_CHECKING:
    from onvif import ONVIFCamera, ONVIFService

log = logging.getLogger(__name__)

DEFAULT_PORT = 80
DEVICE_SERVICE_PATH = "/onvif/device_service"  # fixed by the ONVIF core specification
DEFAULT_TIMEOUT = 5.0  # seconds for one SOAP exchange (connecting included)
LIGHT_COMMANDS = ("tt:Light", "tt:IRLamp")  # auxiliary commands that switch a light, by rank

_PRESET_NAME = re.compile(r"([1-9][0-9]{0,2})(?: .*)?", re.S)
_PRESET_TOKEN = re.compile(r"[1-9][0-9]{0,2}")
_PAN_TILT = {
    PtzAction.LEFT: (-1, 0),
    PtzAction.RIGHT: (1, 0),
    PtzAction.UP: (0, 1),
    PtzAction.DOWN: (0, -1),
}
_ZOOM = {PtzAction.ZOOM_IN: 1, PtzAction.ZOOM_OUT: -1}

_T = TypeVar("_T")


@dataclass(frozen=True)
class OnvifEndpoint:
    """A camera's ONVIF device service; ``str()`` shows no credentials."""

    host: str  # with the scheme when it is https ("https://host")
    port: int
    user: str
    password: str = field(repr=False)

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


def onvif_endpoint(camera: CameraInfo) -> OnvifEndpoint:
    """Where ``camera``'s ONVIF device service is (see the module's docstring).

    Raises PtzDeviceError when the registration says nothing usable.
    """
    extras = SiteExtras.of(camera)
    override = extras.onvif
    if override:
        parts = urlsplit(override)
        path = parts.path.rstrip("/") or DEVICE_SERVICE_PATH
        if (
            parts.scheme not in ("http", "https")
            or not parts.hostname
            or path != DEVICE_SERVICE_PATH
        ):
            raise PtzDeviceError(
                f"摄像机登记的 ONVIF 地址 {scrub_credentials(override)!r} "
                f"无效：应为 http(s)://用户名:密码@主机:端口{DEVICE_SERVICE_PATH}"
            )
        host = parts.hostname if parts.scheme == "http" else f"https://{parts.hostname}"
        default_port = DEFAULT_PORT if parts.scheme == "http" else 443
        return OnvifEndpoint(
            host,
            parts.port or default_port,
            unquote(parts.username or ""),
            unquote(parts.password or ""),
        )
    source = extras.source or ""
    parts = urlsplit(source)
    if parts.scheme.lower() != "rtsp" or not parts.hostname:
        raise PtzDeviceError(
            "摄像机的视频源不是 RTSP 地址，无法得知其 ONVIF 服务地址；"
            "请在登记信息 others.onvif 中填写"
        )
    return OnvifEndpoint(
        parts.hostname, DEFAULT_PORT, unquote(parts.username or ""), unquote(parts.password or "")
    )


def preset_number(name: str | None, token: str | None) -> int | None:
    """The E 5.3 number (1-255) of an ONVIF preset, None when it has none (module docstring)."""
    match = _PRESET_NAME.fullmatch((name or "").strip())
    if match and int(match.group(1)) <= MAX_PRESET:
        return int(match.group(1))
    if token and _PRESET_TOKEN.fullmatch(token) and int(token) <= MAX_PRESET:
        return int(token)
    return None


@dataclass
class _Connection:
    """What one camera needs for every command, found once per connection."""

    endpoint: OnvifEndpoint
    camera: ONVIFCamera
    ptz: ONVIFService
    profile: str  # media profile token
    video_source: str | None  # the profile's video source token
    node: str | None  # the profile's PTZ node token
    focus_moving: bool = False


class OnvifPtzDriver:
    """The PtzDriver of real cameras: E 5.3 actions and presets over ONVIF.

    ``endpoint_of`` says where a camera's device service is (default: ``onvif_endpoint``);
    ``timeout`` bounds each SOAP exchange, so that a dead camera fails in seconds.
    """

    def __init__(
        self,
        *,
        endpoint_of: Callable[[CameraInfo], OnvifEndpoint] = onvif_endpoint,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self._endpoint_of = endpoint_of
        self._timeout = timeout
        self._connections: dict[str, _Connection] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def move(
        self, camera: CameraInfo, action: PtzAction, speed: int, tilt: PtzAction | None = None
    ) -> None:
        """Start moving ``action``'s way (and ``tilt``'s with a pan: a diagonal) at ``speed``
        (1-8) until stop() or another move(); a light action switches the light."""
        if action.is_iris:
            raise PtzDeviceError(f"经 ONVIF 控制的摄像机暂不支持调节光圈（{action.label}）")

        async def run(connection: _Connection) -> None:
            velocity = speed / MAX_STEP
            if action.is_light:
                await self._switch_light(connection, action is PtzAction.LIGHT_ON)
            elif action.is_focus:
                await self._move_focus(connection, action, velocity)
            else:
                x, y = _PAN_TILT.get(action, (0, 0))
                if tilt is not None:
                    y = _PAN_TILT[tilt][1]
                zoom = _ZOOM.get(action, 0)
                await self._call(
                    connection.ptz.ContinuousMove(
                        {
                            "ProfileToken": connection.profile,
                            "Velocity": {
                                "PanTilt": {"x": x * velocity, "y": y * velocity},
                                "Zoom": {"x": zoom * velocity},
                            },
                        }
                    )
                )

        await self._with_connection(camera, run)

    async def stop(self, camera: CameraInfo) -> None:
        """Stop pan, tilt, zoom and a running focus move; stopping a still camera is fine."""

        async def run(connection: _Connection) -> None:
            await self._call(
                connection.ptz.Stop(
                    {"ProfileToken": connection.profile, "PanTilt": True, "Zoom": True}
                )
            )
            if connection.focus_moving:
                imaging = await self._call(connection.camera.create_imaging_service())
                await self._call(imaging.Stop({"VideoSourceToken": connection.video_source}))
                connection.focus_moving = False

        await self._with_connection(camera, run)

    async def goto_preset(self, camera: CameraInfo, number: int) -> None:
        """Turn the camera to its preset ``number``."""

        async def run(connection: _Connection) -> None:
            token = await self._preset_token(connection, number)
            if token is None:
                raise PtzDeviceError(f"摄像机上没有预置位 {number}")
            await self._call(
                connection.ptz.GotoPreset(
                    {"ProfileToken": connection.profile, "PresetToken": token}
                )
            )

        await self._with_connection(camera, run)

    async def set_preset(self, camera: CameraInfo, number: int) -> None:
        """Store the current view as preset ``number``, replacing the camera's preset of
        that number if it has one."""

        async def run(connection: _Connection) -> None:
            presets = await self._presets(connection)
            request: dict[str, Any] = {"ProfileToken": connection.profile}
            existing = next((p for p in presets if preset_number(p.Name, p.token) == number), None)
            if existing is None:
                request["PresetName"] = str(number)
            else:
                request["PresetToken"] = existing.token
                named = preset_number(existing.Name, None) == number
                request["PresetName"] = existing.Name if named else str(number)
            await self._call(connection.ptz.SetPreset(request))

        await self._with_connection(camera, run)

    async def aclose(self) -> None:
        """Close every camera connection (the service is stopping)."""
        connections, self._connections = list(self._connections.values()), {}
        for connection in connections:
            await connection.camera.close()

    # --- Connections ------------------------------------------------------------------------

    async def _with_connection(
        self, camera: CameraInfo, run: Callable[[_Connection], Awaitable[None]]
    ) -> None:
        lock = self._locks.setdefault(camera.camera_num, asyncio.Lock())
        async with lock:
            endpoint = self._endpoint_of(camera)
            connection = self._connections.get(camera.camera_num)
            if connection is not None and connection.endpoint != endpoint:
                await self._drop(camera.camera_num)
                connection = None
            try:
                if connection is None:
                    connection = await self._connect(endpoint)
                    self._connections[camera.camera_num] = connection
                await run(connection)
            except PtzDeviceError:
                raise
            except Exception as error:
                await self._drop(camera.camera_num)
                message = _device_message(error, endpoint, self._timeout)
                log.warning(
                    "ONVIF command to %s (%s) failed: %s", camera.camera_num, endpoint, message
                )
                raise PtzDeviceError(message) from error

    async def _connect(self, endpoint: OnvifEndpoint) -> _Connection:
        # Imported here: the library calls logging.basicConfig() when imported, which must
        # come after the application's own logging set-up, and it is heavy (zeep, lxml).
        from onvif import ONVIFCamera

        camera = ONVIFCamera(
            endpoint.host,
            endpoint.port,
            endpoint.user,
            endpoint.password,
            no_cache=True,  # the WSDL files are local: no sqlite cache in the user's home
            adjust_time=True,  # sign with the camera's clock: digest auth fails on skew
            nat_override=True,  # reach every service where we reached the device service
        )
        try:
            await self._call(camera.update_xaddrs())
            if not _has_service(camera, "ptz"):
                raise PtzDeviceError(f"摄像机 {endpoint} 没有 ONVIF 云台（PTZ）服务")
            media = await self._call(camera.create_media_service())
            ptz = await self._call(camera.create_ptz_service())
            profiles = await self._call(media.GetProfiles())
        except BaseException:
            await camera.close()
            raise
        if not profiles:
            await camera.close()
            raise PtzDeviceError(f"摄像机 {endpoint} 没有媒体配置（profile），无法控制云台")
        profile = profiles[0]
        source = profile.VideoSourceConfiguration
        ptz_config = profile.PTZConfiguration
        return _Connection(
            endpoint=endpoint,
            camera=camera,
            ptz=ptz,
            profile=profile.token,
            video_source=source.SourceToken if source is not None else None,
            node=ptz_config.NodeToken if ptz_config is not None else None,
        )

    async def _drop(self, camera_num: str) -> None:
        connection = self._connections.pop(camera_num, None)
        if connection is not None:
            await connection.camera.close()

    async def _call(self, operation: Awaitable[_T]) -> _T:
        async with asyncio.timeout(self._timeout):
            return await operation

    # --- Actions ----------------------------------------------------------------------------

    async def _move_focus(
        self, connection: _Connection, action: PtzAction, velocity: float
    ) -> None:
        unsupported = PtzDeviceError("摄像机不支持通过 ONVIF 调节聚焦")
        if connection.video_source is None or not _has_service(connection.camera, "imaging"):
            raise unsupported
        imaging = await self._call(connection.camera.create_imaging_service())
        options = await self._call(
            imaging.GetMoveOptions({"VideoSourceToken": connection.video_source})
        )
        continuous = getattr(options, "Continuous", None)
        if continuous is None:
            raise unsupported
        sign = 1 if action is PtzAction.FOCUS_FAR else -1
        await self._call(
            imaging.Move(
                {
                    "VideoSourceToken": connection.video_source,
                    "Focus": {"Continuous": {"Speed": sign * velocity * continuous.Speed.Max}},
                }
            )
        )
        connection.focus_moving = True

    async def _switch_light(self, connection: _Connection, on: bool) -> None:
        commands: list[str] = []
        if connection.node is not None:
            node = await self._call(connection.ptz.GetNode({"NodeToken": connection.node}))
            commands = [c for c in (node.AuxiliaryCommands or []) if c]
        state = "On" if on else "Off"
        wanted = [f"{name}|{state}".lower() for name in LIGHT_COMMANDS]
        command = next((c for w in wanted for c in commands if c.strip().lower() == w), None)
        if command is None:
            raise PtzDeviceError("摄像机不支持通过 ONVIF 开关灯光")
        await self._call(
            connection.ptz.SendAuxiliaryCommand(
                {"ProfileToken": connection.profile, "AuxiliaryData": command.strip()}
            )
        )

    async def _presets(self, connection: _Connection) -> list[Any]:
        presets = await self._call(connection.ptz.GetPresets({"ProfileToken": connection.profile}))
        return list(presets or [])

    async def _preset_token(self, connection: _Connection, number: int) -> str | None:
        for preset in await self._presets(connection):
            if preset_number(preset.Name, preset.token) == number:
                return preset.token
        return None


def _has_service(camera: ONVIFCamera, name: str) -> bool:
    from onvif.definition import SERVICES

    return SERVICES[name]["ns"] in camera.xaddrs


def _device_message(error: BaseException, endpoint: OnvifEndpoint, timeout: float) -> str:
    """What the operator reads when a camera fails: no credentials, no stack."""
    import aiohttp
    import zeep.exceptions

    if isinstance(error, TimeoutError):
        return f"摄像机 {endpoint} 的 ONVIF 服务 {timeout:g} 秒内无应答"
    if isinstance(error, aiohttp.ClientConnectionError | ConnectionError):
        return f"无法连接摄像机 {endpoint} 的 ONVIF 服务"
    if isinstance(error, zeep.exceptions.Fault):
        subcodes = [getattr(code, "localname", "") for code in error.subcodes or []]
        if "NotAuthorized" in subcodes or "not authorized" in str(error.message).lower():
            return f"摄像机 {endpoint} 拒绝了登记的用户名或密码"
        return f"摄像机 {endpoint} 拒绝了命令：{scrub_credentials(str(error.message))}"
    return f"摄像机 {endpoint} 的 ONVIF 应答无法处理：{scrub_credentials(str(error))}"
