"""Camera information of the register API, Appendix E 3.1 (N-3, E-C2)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from patrol_app.domain.config_json import json_integer, json_shown, json_type
from patrol_app.domain.labels import LabelledInt
from patrol_app.domain.pile import PileNumber, PileNumberError


class Classify(LabelledInt):
    """``classify``: where the camera stands."""

    ROAD = 0, "路面"
    TOLL_STATION = 1, "收费站"
    SERVICE_AREA = 2, "服务区"
    TUNNEL = 3, "隧道"
    BRIDGE = 4, "桥梁"
    ETC_GANTRY = 5, "ETC门架"


class Orientation(LabelledInt):
    """``cameraOrientation``: the side of the road (上行 = side of increasing pile numbers)."""

    UP = 1, "上行"
    DOWN = 2, "下行"
    BOTH = 3, "双向"


class CameraType(LabelledInt):
    """``cameraType``."""

    BULLET = 1, "监控型枪机"
    DOME = 2, "监控型球机"
    PANORAMIC = 3, "全景型"
    CAPTURE = 4, "抓拍型"


class PushType(LabelledInt):
    """``pushType``."""

    ALWAYS = 1, "常推流"
    ON_DEMAND = 2, "按需推流"


class CameraFieldError(ValueError):
    """An invalid E 3.1 field; ``field`` is its JSON name ("" when the element is no object)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class CameraInfo:
    """One camera as registered through E 3.1."""

    department: str
    camera_num: str
    camera_name: str
    camera_name_suffix: str
    longitude: float
    latitude: float
    road: str
    road_name: str
    road_sec: str
    classify: Classify
    poi_name: str
    orientation: Orientation
    pile: PileNumber
    camera_type: CameraType
    has_control: bool
    area_code: str
    push_type: PushType
    others: str


@dataclass(frozen=True)
class CameraEntry:
    """One camera as the workstation's directory and wall show it: an element of the sharing
    API's camera list (spec 8.6a), parsed once by the client (``camera_entry_from_json``)."""

    camera_num: str
    name: str
    department: str
    road: str
    road_name: str
    road_sec: str
    classify: int
    poi_name: str
    pile: str
    orientation: int
    has_control: bool
    online: bool
    patrol_site: str = ""  # a SiteType code the platform gives, "" = by classify
    name_suffix: str = ""  # cameraNameSuffix (设备副称 of the Appendix C table)
    manufacturer: str = ""  # 厂家名称: not in E 3.1; the service gives others.manufacturer


# The sharing API's field of each CameraEntry text field.
_ENTRY_TEXTS = {
    "camera_num": "cameraNum",
    "name": "cameraName",
    "department": "department",
    "road": "road",
    "road_name": "roadName",
    "road_sec": "roadSec",
    "poi_name": "poiName",
    "pile": "pileNum",
}


def camera_entry_from_json(obj: object) -> CameraEntry:
    """One element of the sharing API's camera list; CameraFieldError naming the field that is
    missing or of the wrong type. Codes are kept as given (a platform may know a ``classify``
    this version does not: the patrol rules say what becomes of it)."""
    if not isinstance(obj, dict):
        raise CameraFieldError("", f"摄像机应为 JSON 对象，收到 {json_type(obj)}")
    texts: dict[str, Any] = {}  # checked above: str each
    for name, field in _ENTRY_TEXTS.items():
        value = _required(obj, field)
        if not isinstance(value, str):
            raise CameraFieldError(field, f"{field} 应为字符串，收到 {json_shown(value)}")
        texts[name] = value
    codes: dict[str, Any] = {}  # checked above: int each
    for name, field in (("classify", "classify"), ("orientation", "cameraOrientation")):
        number = json_integer(_required(obj, field))
        if number is None:
            raise CameraFieldError(field, f"{field} 应为整数，收到 {json_shown(obj[field])}")
        codes[name] = number
    optional: dict[str, Any] = {}  # checked below: str each
    for name, field in (
        ("patrol_site", "patrolSite"),
        ("name_suffix", "cameraNameSuffix"),
        ("manufacturer", "manufacturer"),
    ):
        value = obj.get(field) or ""
        if not isinstance(value, str):
            raise CameraFieldError(field, f"{field} 应为字符串，收到 {json_shown(value)}")
        optional[name] = value
    return CameraEntry(
        **texts,
        **codes,
        has_control=bool(obj.get("hasControl")),
        online=bool(obj.get("online")),
        **optional,
    )


MAX_TEXT = 200
MAX_CAMERA_NAME = 300

_UUID4 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", re.I)
_DECIMAL = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
_AREA_CODE = re.compile(r"[1-9][0-9]{5}")
_CHOICES: Mapping[str, Mapping[int, str]] = {
    field: {code.value: code.label for code in kind}
    for field, kind in (
        ("classify", Classify),
        ("cameraOrientation", Orientation),
        ("cameraType", CameraType),
        ("pushType", PushType),
    )
} | {"hasControl": {0: "否", 1: "是"}}


def camera_from_e31(obj: object) -> CameraInfo:
    """Validate one element of the E 3.1 request array; raises CameraFieldError on the first fault.

    A missing or null ``classify`` means 0 (路面), as the spec says; other absent or null
    required fields are errors. Unknown keys are ignored. When the element is not a JSON
    object the error's ``field`` is "" (the caller knows the array index).
    """
    if not isinstance(obj, dict):
        raise CameraFieldError("", f"每个摄像机信息应为 JSON 对象，收到 {json_type(obj)}")
    longitude, latitude = _coordinates(_text(obj, "longAndLati"))
    return CameraInfo(
        department=_text(obj, "department"),
        camera_num=_uuid4(_text(obj, "cameraNum")),
        camera_name=_text(obj, "cameraName", limit=MAX_CAMERA_NAME),
        camera_name_suffix=_text(obj, "cameraNameSuffix", required=False),
        longitude=longitude,
        latitude=latitude,
        road=_text(obj, "road"),
        road_name=_text(obj, "roadName"),
        road_sec=_text(obj, "roadSec"),
        classify=Classify(_code(obj, "classify", default=Classify.ROAD)),
        poi_name=_text(obj, "poiName"),
        orientation=Orientation(_code(obj, "cameraOrientation")),
        pile=_pile(_text(obj, "pileNum")),
        camera_type=CameraType(_code(obj, "cameraType")),
        has_control=bool(_code(obj, "hasControl")),
        area_code=_area_code(obj),
        push_type=PushType(_code(obj, "pushType")),
        others=_others(obj),
    )


def camera_to_e31(camera: CameraInfo) -> dict[str, object]:
    """The E 3.1 request element for ``camera`` (inverse of camera_from_e31)."""
    return {
        "department": camera.department,
        "cameraNum": camera.camera_num,
        "cameraName": camera.camera_name,
        "cameraNameSuffix": camera.camera_name_suffix,
        "longAndLati": f"{_decimal_text(camera.longitude)}/{_decimal_text(camera.latitude)}",
        "road": camera.road,
        "roadName": camera.road_name,
        "roadSec": camera.road_sec,
        "classify": int(camera.classify),
        "poiName": camera.poi_name,
        "cameraOrientation": int(camera.orientation),
        "pileNum": str(camera.pile),
        "cameraType": int(camera.camera_type),
        "hasControl": int(camera.has_control),
        "areaCode": int(camera.area_code),
        "pushType": int(camera.push_type),
        "others": camera.others,
    }


def _required(obj: dict[str, Any], field: str) -> object:
    value = obj.get(field)
    if value is None:
        raise CameraFieldError(field, f"{field} 为必填字段，不能缺少或为空")
    return value


def _text(obj: dict[str, Any], field: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    value = obj.get(field)
    return _clean(field, "" if value is None else value, required=required, limit=limit)


def _clean(field: str, value: object, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str):
        raise CameraFieldError(field, f"{field} 应为字符串，收到 {json_shown(value)}")
    value = value.strip()
    if required and not value:
        raise CameraFieldError(field, f"{field} 为必填字段，不能缺少或为空")
    if len(value) > limit:
        raise CameraFieldError(field, f"{field} 过长：最多 {limit} 个字符，收到 {len(value)} 个")
    return value


def _code(obj: dict[str, Any], field: str, default: int | None = None) -> int:
    if obj.get(field) is None and default is not None:
        return default
    value = _required(obj, field)
    choices = _CHOICES[field]
    number = json_integer(value)
    if number is None or number not in choices:
        allowed = "、".join(f"{code} {label}" for code, label in choices.items())
        raise CameraFieldError(field, f"{field} 应为 {allowed} 之一，收到 {json_shown(value)}")
    return number


def _uuid4(text: str) -> str:
    if not _UUID4.fullmatch(text):
        raise CameraFieldError(
            "cameraNum",
            "cameraNum 应为 UUID4（8-4-4-4-12 位十六进制，"
            f"第三段以 4 开头，第四段以 8/9/a/b 开头），收到 {json_shown(text)}",
        )
    return text.lower()


def _coordinates(text: str) -> tuple[float, float]:
    parts = [part.strip() for part in text.split("/")]
    if len(parts) == 2 and all(_DECIMAL.fullmatch(part) for part in parts):
        longitude, latitude = float(parts[0]), float(parts[1])
        if -180 <= longitude <= 180 and -90 <= latitude <= 90:
            return longitude, latitude
    raise CameraFieldError(
        "longAndLati",
        "longAndLati 应为“经度/纬度”的十进制数，经度 -180~180，纬度 -90~90，"
        f"如 113.2644/23.1291，收到 {json_shown(text)}",
    )


def _pile(text: str) -> PileNumber:
    try:
        return PileNumber.parse(text)
    except PileNumberError as error:
        raise CameraFieldError("pileNum", f"pileNum {error}") from error


def _area_code(obj: dict[str, Any]) -> str:
    value = _required(obj, "areaCode")
    number = json_integer(value)
    text = value.strip() if isinstance(value, str) else str(number)
    if number is None or not _AREA_CODE.fullmatch(text):
        raise CameraFieldError(
            "areaCode", f"areaCode 应为 6 位行政区划代码，如 440201，收到 {json_shown(value)}"
        )
    return text


def _others(obj: dict[str, Any]) -> str:
    value = obj.get("others")
    if isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    elif not isinstance(value, str | None):
        raise CameraFieldError("others", f"others 应为字符串或 JSON 对象，收到 {json_shown(value)}")
    return _clean("others", value or "", required=False)


def _decimal_text(number: float) -> str:
    """Shortest round-tripping text of ``number`` without an exponent (118.7741, not 1.2e-05)."""
    return format(Decimal(repr(number)), "f")
