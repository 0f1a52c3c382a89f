"""The sharing client parses the platform's camera list once, into the domain's CameraEntry;
a list it cannot parse is the platform's error, said in Chinese, not a crash."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from patrol_app.platform.http import PlatformError
from patrol_app.platform.sharing import SharingClient
from tests.domain.test_camera_entry import ITEM


def client_answering(data: Any) -> SharingClient:
    def reply(_request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"code": 200, "msg": "成功", "data": data})

    return SharingClient("http://platform", transport=httpx.MockTransport(reply))


def test_cameras_are_domain_entries() -> None:
    with client_answering([ITEM]) as client:
        [camera] = client.cameras()
    assert camera.camera_num == ITEM["cameraNum"]
    assert camera.has_control is True


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"cameras": []}, "不是数组"),
        ([{**ITEM, "cameraName": None}], "cameraName"),
    ],
)
def test_a_list_that_is_not_one_is_a_platform_error(data: Any, message: str) -> None:
    with client_answering(data) as client, pytest.raises(PlatformError, match=message):
        client.cameras()
