"""Camera information of the register API E 3.1 (N-3, E-C2)."""

import uuid

import pytest

from patrol_app.domain.camera import (
    CameraFieldError,
    CameraInfo,
    CameraType,
    Classify,
    Orientation,
    PushType,
    camera_from_e31,
    camera_to_e31,
)
from patrol_app.domain.config_json import json_shown
from patrol_app.domain.pile import PileNumber

# The two demo cameras of E 3.1, with the comma the spec lost before "others" restored.
DEMO_TOLL = {
    "department": "广东省高速公路有限公司京珠北分公司",
    "cameraNum": "aef89ecc-4cc6-4a6d-80fd-283196105b0b",
    "cameraName": (
        "G4（京港澳高速）京珠北路段广东省韶关市广东省高速公路有限公司京珠北分公司"
        "K1844+158（粤北收费站）"
    ),
    "cameraNameSuffix": "粤北主广场出口摄像机",
    "longAndLati": "118.7741/32.247",
    "road": "G4",
    "roadName": "京港澳高速",
    "roadSec": "京珠北段",
    "classify": 0,
    "poiName": "粤北收费站",
    "cameraOrientation": 1,
    "pileNum": "K1844+158",
    "cameraType": 1,
    "hasControl": 1,
    "areaCode": 440201,
    "others": "",
    "pushType": 1,
}
DEMO_ROAD = {
    "department": "广东省高速公路有限公司京珠北分公司",
    "cameraNum": "aef89ecc-4cc6-4a6d-80fd-283196105b0f",
    "cameraName": (
        "G4（京港澳高速）广东省韶关市广东省高速公路有限公司京珠北分公司K1844+650（上行）（路面）"
    ),
    "cameraNameSuffix": "",
    "longAndLati": "118.7741/32.247",
    "road": "G4",
    "roadName": "京港澳高速",
    "roadSec": "京珠北段",
    "classify": 0,
    "poiName": "京港澳高速道路",
    "cameraOrientation": 1,
    "pileNum": "K1844+158",
    "cameraType": 1,
    "hasControl": 1,
    "areaCode": 440201,
    "pushType": 2,
    "others": "",
}
REQUIRED = [
    "department",
    "cameraNum",
    "cameraName",
    "longAndLati",
    "road",
    "roadName",
    "roadSec",
    "poiName",
    "cameraOrientation",
    "pileNum",
    "cameraType",
    "hasControl",
    "areaCode",
    "pushType",
]


def with_(**changes: object) -> dict:
    """DEMO_ROAD with some fields replaced (a value of ... removes the field)."""
    camera = {**DEMO_ROAD, **changes}
    return {key: value for key, value in camera.items() if value is not ...}


def field_error(obj: object) -> CameraFieldError:
    """The error camera_from_e31 raises; its message is Chinese and names its field."""
    with pytest.raises(CameraFieldError) as caught:
        camera_from_e31(obj)
    error = caught.value
    assert str(error) == error.message
    assert error.field in error.message
    return error


def test_demo_cameras_validate_e_c2() -> None:
    """E-C2: both demo cameras of E 3.1 are accepted."""
    toll = camera_from_e31(DEMO_TOLL)
    assert toll == CameraInfo(
        department="广东省高速公路有限公司京珠北分公司",
        camera_num="aef89ecc-4cc6-4a6d-80fd-283196105b0b",
        camera_name=DEMO_TOLL["cameraName"],
        camera_name_suffix="粤北主广场出口摄像机",
        longitude=118.7741,
        latitude=32.247,
        road="G4",
        road_name="京港澳高速",
        road_sec="京珠北段",
        classify=Classify.ROAD,
        poi_name="粤北收费站",
        orientation=Orientation.UP,
        pile=PileNumber(1844, 158),
        camera_type=CameraType.BULLET,
        has_control=True,
        area_code="440201",
        push_type=PushType.ALWAYS,
        others="",
    )
    assert camera_from_e31(DEMO_ROAD).push_type is PushType.ON_DEMAND


@pytest.mark.parametrize("demo", [DEMO_TOLL, DEMO_ROAD])
def test_demo_cameras_round_trip_e_c2(demo: dict) -> None:
    """E-C2: camera_to_e31 gives back the demo request element."""
    assert camera_to_e31(camera_from_e31(demo)) == demo


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"longAndLati": "130.34567/29.346587"},
        {"longAndLati": "0.00001/-0.000001"},
        {"longAndLati": "-180/90"},
        {"longAndLati": "113.0/23.1", "others": {"lane": 3, "名称": "主线"}},
        {"classify": 5, "cameraOrientation": 3, "cameraType": 4, "hasControl": 0},
        {"cameraNum": str(uuid.UUID(int=0, version=4)), "areaCode": "810001"},
    ],
)
def test_round_trip_n3(changes: dict) -> None:
    """N-3: camera_from_e31(camera_to_e31(c)) == c."""
    camera = camera_from_e31(with_(**changes))
    assert camera_from_e31(camera_to_e31(camera)) == camera


def test_labels_n3() -> None:
    assert [c.label for c in Classify] == ["路面", "收费站", "服务区", "隧道", "桥梁", "ETC门架"]
    assert [o.label for o in Orientation] == ["上行", "下行", "双向"]
    assert [t.label for t in CameraType] == ["监控型枪机", "监控型球机", "全景型", "抓拍型"]
    assert [p.label for p in PushType] == ["常推流", "按需推流"]
    assert Classify.TUNNEL == 3 and Classify(5) is Classify.ETC_GANTRY


@pytest.mark.parametrize("classify", [..., None])
def test_classify_defaults_to_road_e_c2(classify: object) -> None:
    """E-C2: classify "0：路面（默认）"."""
    assert camera_from_e31(with_(classify=classify)).classify is Classify.ROAD


@pytest.mark.parametrize("field", REQUIRED)
@pytest.mark.parametrize("missing", [..., None])
def test_required_fields_e_c2(field: str, missing: object) -> None:
    """E-C2: every field marked √ (except classify) must be present."""
    error = field_error(with_(**{field: missing}))
    assert error.field == field
    assert "必填" in error.message


@pytest.mark.parametrize(
    "field", ["department", "cameraName", "road", "roadName", "roadSec", "poiName"]
)
@pytest.mark.parametrize("blank", ["", "   "])
def test_required_strings_are_not_blank_e_c2(field: str, blank: str) -> None:
    assert field_error(with_(**{field: blank})).field == field


def test_strings_are_stripped_e_c2() -> None:
    camera = camera_from_e31(
        with_(road=" G4 ", cameraNameSuffix="  左侧 ", others=" x ", pileNum=" K1+001 ")
    )
    assert (camera.road, camera.camera_name_suffix, camera.others) == ("G4", "左侧", "x")
    assert camera.pile == PileNumber(1, 1)


@pytest.mark.parametrize(
    ("field", "value"), [("road", 4), ("roadName", ["京港澳"]), ("cameraNum", 1)]
)
def test_strings_must_be_strings_e_c2(field: str, value: object) -> None:
    error = field_error(with_(**{field: value}))
    assert error.field == field
    assert "字符串" in error.message


def test_string_length_limits_e_c2() -> None:
    assert camera_from_e31(with_(cameraName="名" * 300)).camera_name == "名" * 300
    assert field_error(with_(cameraName="名" * 301)).field == "cameraName"
    assert camera_from_e31(with_(poiName="x" * 200)).poi_name == "x" * 200
    for field in ("poiName", "cameraNameSuffix", "others"):
        error = field_error(with_(**{field: "x" * 201}))
        assert error.field == field
        assert "过长" in error.message


def test_optional_fields_default_to_empty_e_c2() -> None:
    camera = camera_from_e31(with_(cameraNameSuffix=..., others=None))
    assert (camera.camera_name_suffix, camera.others) == ("", "")


def test_others_object_is_kept_as_compact_json_e_c2() -> None:
    camera = camera_from_e31(with_(others={"lane": 3, "名称": "主线"}))
    assert camera.others == '{"lane":3,"名称":"主线"}'


@pytest.mark.parametrize("others", [["a"], 3, True])
def test_others_must_be_text_or_object_e_c2(others: object) -> None:
    assert field_error(with_(others=others)).field == "others"


def test_unknown_keys_are_ignored_e_c2() -> None:
    assert camera_from_e31(with_(newField=1)) == camera_from_e31(DEMO_ROAD)


@pytest.mark.parametrize("obj", [None, [DEMO_ROAD], "camera"])
def test_element_must_be_an_object_e_c2(obj: object) -> None:
    """E-C2: a non-object element reports field "" (the caller adds the array index)."""
    error = field_error(obj)
    assert error.field == ""
    assert "JSON 对象" in error.message


def test_camera_num_upper_case_is_stored_lower_case_e_c2() -> None:
    num = "AEF89ECC-4CC6-4A6D-80FD-283196105B0F"
    assert camera_from_e31(with_(cameraNum=num)).camera_num == num.lower()


@pytest.mark.parametrize(
    "num",
    [
        str(uuid.uuid1()),
        "aef89ecc-4cc6-4a6d-70fd-283196105b0f",  # variant nibble 7
        "aef89ecc4cc64a6d80fd283196105b0f",
        "{aef89ecc-4cc6-4a6d-80fd-283196105b0f}",
        "aef89ecc-4cc6-4a6d-80fd-283196105b0",
        "gef89ecc-4cc6-4a6d-80fd-283196105b0f",
    ],
)
def test_camera_num_must_be_uuid4_e_c2(num: str) -> None:
    error = field_error(with_(cameraNum=num))
    assert error.field == "cameraNum"
    assert "UUID4" in error.message


@pytest.mark.parametrize(
    "value",
    [
        "118.7741",
        "118.7741/32.247/1",
        "118.7741,32.247",
        "东经118/32",
        "1e2/30",
        "nan/30",
        "180.0001/30",
        "118/-90.5",
        "/30",
    ],
)
def test_long_and_lati_e_c2(value: str) -> None:
    error = field_error(with_(longAndLati=value))
    assert error.field == "longAndLati"
    assert "经度/纬度" in error.message


def test_long_and_lati_parts_e_c2() -> None:
    camera = camera_from_e31(with_(longAndLati="130.34567 / 29.346587"))
    assert (camera.longitude, camera.latitude) == (130.34567, 29.346587)
    assert camera_to_e31(camera)["longAndLati"] == "130.34567/29.346587"


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("classify", 3, Classify.TUNNEL),
        ("classify", "5", Classify.ETC_GANTRY),
        ("cameraOrientation", " 2 ", Orientation.DOWN),
        ("cameraType", 4.0, CameraType.CAPTURE),
        ("hasControl", "0", False),
        ("pushType", 2, PushType.ON_DEMAND),
    ],
)
def test_code_fields_accept_integers_and_digit_strings_e_c2(
    field: str, value: object, expected: object
) -> None:
    attribute = {
        "classify": "classify",
        "cameraOrientation": "orientation",
        "cameraType": "camera_type",
        "hasControl": "has_control",
        "pushType": "push_type",
    }[field]
    assert getattr(camera_from_e31(with_(**{field: value})), attribute) == expected


@pytest.mark.parametrize(
    ("field", "allowed"),
    [
        ("classify", "0 路面、1 收费站、2 服务区、3 隧道、4 桥梁、5 ETC门架"),
        ("cameraOrientation", "1 上行、2 下行、3 双向"),
        ("cameraType", "1 监控型枪机、2 监控型球机、3 全景型、4 抓拍型"),
        ("hasControl", "0 否、1 是"),
        ("pushType", "1 常推流、2 按需推流"),
    ],
)
@pytest.mark.parametrize("value", [True, False, 1.5, -1, 6, "一", "1.0", "", [1]])
def test_code_fields_reject_other_values_e_c2(field: str, allowed: str, value: object) -> None:
    """E-C2: bools, fractions, out-of-range and non-numeric codes name the field and the choices."""
    error = field_error(with_(**{field: value}))
    assert error.field == field
    assert allowed in error.message


def test_has_control_rejects_bool_e_c2() -> None:
    """E-C2: hasControl is the number 0/1, not a JSON boolean."""
    for value in (True, False):
        assert field_error(with_(hasControl=value)).field == "hasControl"


@pytest.mark.parametrize("value", [440201, "440201", " 440201 ", 440201.0])
def test_area_code_accepts_six_digits_e_c2(value: object) -> None:
    assert camera_from_e31(with_(areaCode=value)).area_code == "440201"


@pytest.mark.parametrize(
    "value", [44020, 4402011, "44020", "4402011", "040201", "44o201", 440201.5, True, -440201]
)
def test_area_code_rejects_others_e_c2(value: object) -> None:
    error = field_error(with_(areaCode=value))
    assert error.field == "areaCode"
    assert "6 位" in error.message


@pytest.mark.parametrize("value", ["K12+", "K1844+1580", "1844+158", "K1844-158"])
def test_pile_num_e_c2(value: str) -> None:
    error = field_error(with_(pileNum=value))
    assert error.field == "pileNum"
    assert "K<公里>+<米>" in error.message
    assert json_shown(value) in error.message
