"""The demo standalone site: simulated cameras of several site types on two roads.

``patrol-app demo`` registers them through the service's own E-C2 endpoint, as an
integrator would; names follow Appendix A (N-1), sources are ``sim:<scene>``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, TypedDict

from patrol_app.domain.camera import Classify, Orientation, PushType
from patrol_app.domain.naming import camera_name
from patrol_app.domain.pile import PileNumber

PROVINCE = "广东省"


@dataclass(frozen=True)
class _Road:
    road: str
    road_name: str
    road_sec: str
    department: str
    city: str
    area_code: int


G4 = _Road("G4", "京港澳高速", "京珠北段", "广东省高速公路有限公司京珠北分公司", "韶关市", 440201)
G0423 = _Road("G0423", "乐广高速", "乐广段", "广东乐广高速公路有限公司", "韶关市", 440204)


@dataclass(frozen=True)
class _DemoCamera:
    camera_num: str
    road: _Road
    classify: Classify
    pile: str
    orientation: Orientation
    poi_name: str
    scene: str
    driving_direction: str = ""
    towards: str = ""
    has_control: bool = False


class _Heading(TypedDict):
    driving_direction: str
    towards: str


_UP: _Heading = {"driving_direction": "南行", "towards": "广州市"}
_DOWN: _Heading = {"driving_direction": "北行", "towards": "湖南省"}

_CAMERAS = (
    _DemoCamera(
        "f093c48c-700f-4012-8c71-def0378353d4",
        G4,
        Classify.ROAD,
        "K1844+650",
        Orientation.UP,
        "京港澳高速道路",
        "road",
        **_UP,
        has_control=True,
    ),
    _DemoCamera(
        "b630c546-81a9-4189-85ba-be6033d5f411",
        G4,
        Classify.TOLL_STATION,
        "K1844+158",
        Orientation.UP,
        "粤北收费站",
        "toll",
        towards="韶关市",
    ),
    _DemoCamera(
        "f3feb06a-885c-4e25-892c-7839484b164f",
        G4,
        Classify.ETC_GANTRY,
        "K1848+020",
        Orientation.DOWN,
        "粤北ETC门架",
        "road:1",
        **_DOWN,
    ),
    _DemoCamera(
        "3d24c444-f2b6-43c1-bda2-e64a463483ff",
        G4,
        Classify.ROAD,
        "K1851+200",
        Orientation.DOWN,
        "京港澳高速道路",
        "road:2",
        **_DOWN,
        has_control=True,
    ),
    _DemoCamera(
        "f2c178b7-c898-4fa1-a5df-891a018883cf",
        G4,
        Classify.TUNNEL,
        "K1856+300",
        Orientation.UP,
        "大宝山隧道",
        "tunnel",
        **_UP,
    ),
    _DemoCamera(
        "2319f9de-2b0c-4ed1-a4f9-5dea4637f1da",
        G4,
        Classify.BRIDGE,
        "K1859+400",
        Orientation.BOTH,
        "武江特大桥",
        "bridge",
        has_control=True,
    ),
    _DemoCamera(
        "31869d17-bd29-4dc7-b239-b0ec00b6ec7a",
        G4,
        Classify.SERVICE_AREA,
        "K1866+500",
        Orientation.UP,
        "乌石服务区",
        "service",
        towards="广州市",
    ),
    _DemoCamera(
        "e429f80e-a821-412d-b783-1fca1fd197af",
        G0423,
        Classify.TUNNEL,
        "K12+300",
        Orientation.DOWN,
        "云岩隧道",
        "tunnel",
        driving_direction="西行",
        towards="乐昌市",
    ),
)

_MANUFACTURERS = ("海康威视", "大华")  # demo makers, alternately
_COORDINATES = (113.5972, 24.8104)  # near Shaoguan; each camera is nudged along the road


def demo_cameras() -> list[dict[str, Any]]:
    """The demo site's cameras as an E 3.1 request body."""
    body = []
    for index, camera in enumerate(_CAMERAS):
        road = camera.road
        pile = PileNumber.parse(camera.pile)
        special = camera.classify in (
            Classify.TOLL_STATION,
            Classify.SERVICE_AREA,
            Classify.ETC_GANTRY,
        )
        name = camera_name(
            road=road.road,
            road_name=road.road_name,
            province=PROVINCE,
            city=road.city,
            department=road.department,
            pile=pile,
            orientation=camera.orientation,
            scene="路面" if camera.classify is Classify.ROAD else camera.poi_name,
            road_sec=road.road_sec if special else "",
            site_name=camera.poi_name if special else "",
        )
        # The Appendix C table's 厂家名称, which E 3.1 has no field for.
        others = {"source": f"sim:{camera.scene}", "manufacturer": _MANUFACTURERS[index % 2]}
        if camera.driving_direction:
            others["drivingDirection"] = camera.driving_direction
        if camera.towards:
            others["towards"] = camera.towards
        body.append(
            {
                "department": road.department,
                "cameraNum": camera.camera_num,
                "cameraName": name,
                "cameraNameSuffix": "",
                "longAndLati": f"{_COORDINATES[0] + index * 0.011:.4f}/"
                f"{_COORDINATES[1] - index * 0.013:.4f}",
                "road": road.road,
                "roadName": road.road_name,
                "roadSec": road.road_sec,
                "classify": int(camera.classify),
                "poiName": camera.poi_name,
                "cameraOrientation": int(camera.orientation),
                "pileNum": str(pile),
                "cameraType": 2 if camera.has_control else 1,
                "hasControl": int(camera.has_control),
                "areaCode": road.area_code,
                "pushType": int(PushType.ON_DEMAND),
                "others": json.dumps(others, ensure_ascii=False),
            }
        )
    return body
