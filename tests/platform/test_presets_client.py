"""The workstation's clients of the service's presets, preset patrols and PTZ log
(platform/presets.py) against the embedded service (gateway/ptz_records.py, a real HTTP
server and database): what one workstation stores the others read; the service stamps who
and when; what the store refuses comes back as PlatformError with code 400 and its reason;
the log is browsed with its filters and limit."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from patrol_app.domain.patrols import BEIJING
from patrol_app.domain.ptz import PtzAction
from patrol_app.gateway.app import GatewayServices, build_services, create_app
from patrol_app.platform.http import PlatformError
from patrol_app.platform.presets import PresetClient, PtzAuditClient
from patrol_app.platform.ptz import PtzClient
from patrol_app.settings import Settings
from patrol_app.store.ptz import PtzAuditEntry
from tests.conftest import serving
from tests.gateway.ptz_fakes import RecordingDriver
from tests.platform.test_ptz_client import camera  # noqa: F401  # the registered camera

T0 = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)


@pytest.fixture
def services(tmp_path: Path) -> GatewayServices:
    return build_services(Settings.load(tmp_path), clock=lambda: T0, ptz_driver=RecordingDriver())


@pytest.fixture
def base_url(services: GatewayServices) -> Iterator[str]:
    with serving(create_app(services)) as url:
        yield url


def test_presets_stored_and_renamed_are_read_by_every_workstation(
    base_url: str,
    camera: str,  # noqa: F811
) -> None:
    with (
        PtzClient(base_url, operator="李值班") as ptz,
        PresetClient(base_url, operator="李值班") as mine,
        PresetClient(base_url, operator="张主管") as theirs,
    ):
        assert theirs.presets(camera) == []
        ptz.set_preset(camera, 2, "匝道口")
        ptz.set_preset(camera, 1, "收费站广场")
        mine.rename(camera, 2, " 匝道口（东） ")
        found = theirs.presets(camera)
    assert [(p.number, p.name, p.updated_by) for p in found] == [
        (1, "收费站广场", "李值班"),
        (2, "匝道口（东）", "李值班"),
    ]
    assert {p.updated_at for p in found} == {T0}


def test_preset_patrols_are_saved_read_and_removed(base_url: str) -> None:
    with PresetClient(base_url, operator="李值班") as client:
        client.save_patrol("c1", "广场一圈", [(1, 8.0), (3, 5.5)])
        client.save_patrol("c1", "主线", [(2, 10)])
        patrols = client.patrols("c1")
        assert [(p.name, p.steps, p.updated_by) for p in patrols] == [
            ("主线", ((2, 10.0),), "李值班"),
            ("广场一圈", ((1, 8.0), (3, 5.5)), "李值班"),
        ]
        client.remove_patrol("c1", "主线")
        assert [p.name for p in client.patrols("c1")] == ["广场一圈"]
        assert client.patrols("c2") == []


@pytest.mark.parametrize(
    ("write", "reason"),
    [
        (lambda c: c.save_patrol("c1", "  ", [(1, 5.0)]), "名称不能为空"),
        (lambda c: c.save_patrol("c1", "空", []), "至少要有一个预置位"),
        (lambda c: c.save_patrol("c1", "零", [(1, 0)]), "大于 0 秒"),
        (lambda c: c.save_patrol("c1", "越界", [(256, 5)]), "1-255"),
        (lambda c: c.rename("c1", 3, ""), "name"),
    ],
)
def test_what_the_store_refuses_is_a_400_with_its_reason(
    base_url: str, write: object, reason: str
) -> None:
    with PresetClient(base_url, operator="李值班") as client:
        with pytest.raises(PlatformError, match=reason) as refused:
            write(client)  # type: ignore[operator]
        assert refused.value.code == 400


def test_malformed_bodies_are_400s(base_url: str) -> None:
    for route, body in (
        ("patrol.save", {"cameraNum": "c1", "operator": "李", "name": "a", "steps": 3}),
        ("patrol.save", {"cameraNum": "c1", "operator": "李", "name": "a", "steps": [[1]]}),
        ("patrol.remove", {"cameraNum": "c1", "operator": "李"}),
        ("preset.rename", {"cameraNum": "c1", "preset": 1, "name": "a"}),
    ):
        reply = httpx.post(f"{base_url}/workstation/ptz/{route}", json=body).json()
        assert reply["code"] == 400, (route, body, reply)
    reply = httpx.get(f"{base_url}/workstation/ptz/presets").json()
    assert reply["code"] == 400 and "cameraNum" in reply["msg"]


def test_the_log_is_browsed_with_its_filters_and_limit(
    base_url: str,
    services: GatewayServices,
    camera: str,  # noqa: F811
) -> None:
    with PtzClient(base_url, operator="李值班") as ptz:
        ptz.move(camera, PtzAction.UP, 3)
        ptz.stop(camera)
    services.ptz.audit.record(
        PtzAuditEntry(
            at=T0 - timedelta(hours=1),
            operator="gd-province",
            level="province",
            source="platform",
            camera_num=camera,
            kind="command",
            result="refused",
            action=1,
            step=2,
            detail="摄像机正由 路段值班员 李值班 控制",
        )
    )
    day = {"start": T0 - timedelta(days=1), "end": T0 + timedelta(minutes=1)}
    with PtzAuditClient(base_url) as audit:
        everything = audit.browse(**day)
        assert [(r.kind, r.operator, r.result) for r in everything] == [
            ("stop", "李值班", "ok"),
            ("command", "李值班", "ok"),
            ("command", "gd-province", "refused"),
        ]
        assert everything[1].action == int(PtzAction.UP) and everything[1].step == 3
        assert everything[0].at == T0
        assert [r.operator for r in audit.browse(**day, result="refused")] == ["gd-province"]
        assert len(audit.browse(**day, operator="李值班")) == 2
        assert audit.browse(**day, camera_num="another") == []
        assert len(audit.browse(**day, limit=1)) == 1
        beijing = {key: value.astimezone(BEIJING) for key, value in day.items()}
        assert len(audit.browse(**beijing)) == 3  # the offset travels with the time
        with pytest.raises(PlatformError) as refused:
            audit.browse(**day, result="maybe")
        assert refused.value.code == 400
        with pytest.raises(PlatformError) as refused:
            audit.browse(start=T0.replace(tzinfo=None), end=T0 + timedelta(1))
        assert refused.value.code == 400
