"""The workstation-facing sharing API of spec 8.6a: cameras, play addresses, organisation.

Described by the OpenAPI document at ``/openapi.json``. Replies use the Appendix E
envelope; unlike Appendix E, errors also carry the matching HTTP status (REST clients).
"""

from __future__ import annotations

import asyncio
from typing import Generic, TypeVar

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from patrol_app.domain.camera import CameraInfo, camera_to_e31
from patrol_app.domain.codes import Code
from patrol_app.domain.grades import GRADES
from patrol_app.gateway.envelope import RequestError
from patrol_app.gateway.registry import CameraRegistry, SiteExtras

T = TypeVar("T")


class Envelope(BaseModel, Generic[T]):
    code: int = Field(default=200, description="业务状态码（附录 E）")
    msg: str = "成功"
    data: T


class CameraOut(BaseModel):
    """A camera with the fields of E 3.1 (without ``others``, which holds source URLs)."""

    cameraNum: str
    cameraName: str
    cameraNameSuffix: str
    department: str
    longAndLati: str
    road: str
    roadName: str
    roadSec: str
    classify: int = Field(description="0 路面 1 收费站 2 服务区 3 隧道 4 桥梁 5 ETC门架")
    poiName: str
    cameraOrientation: int = Field(description="1 上行 2 下行 3 双向")
    pileNum: str
    cameraType: int
    hasControl: int
    areaCode: int
    pushType: int
    online: bool = Field(description="the service has a video source for it")
    patrolSite: str = Field(
        default="",
        description="巡查场所类型（others.patrolSite）：mainline toll_plaza service_ramp tunnel "
        "viaduct ramp construction；空 = 按 classify",
    )
    manufacturer: str = Field(
        default="", description="厂家名称（others.manufacturer；附录 E 3.1 无此字段）；空 = 未知"
    )


class PlayOut(BaseModel):
    cameraNum: str
    videoType: int = Field(description="0 标清 128k, 1 高清 1M, 2 4M, 3 原码率")
    flv: str = Field(description="HTTP-FLV address")
    hls: str = Field(description="HLS playlist address")


class SectionOut(BaseModel):
    road: str
    roadName: str
    roadSec: str
    department: str
    cameraCount: int


def sharing_router(registry: CameraRegistry) -> APIRouter:
    router = APIRouter(prefix="/api/v1", tags=["sharing (8.6a)"])
    cameras = registry.cameras

    @router.get("/cameras", response_model=Envelope[list[CameraOut]], summary="摄像机信息")
    async def list_cameras() -> Envelope[list[CameraOut]]:
        found = await asyncio.to_thread(cameras.active)
        return Envelope(data=[_camera_out(camera) for camera in found])

    @router.get("/cameras/{camera_num}/play", response_model=Envelope[PlayOut], summary="播放地址")
    async def play_address(
        request: Request, camera_num: str, videoType: int = Query(0, ge=0, le=len(GRADES) - 1)
    ) -> Envelope[PlayOut]:
        camera = await asyncio.to_thread(cameras.get, camera_num)
        if camera is None:
            raise RequestError(Code.NOT_FOUND, f"摄像机 {camera_num} 不存在", http_status=404)
        base = str(request.base_url).rstrip("/")
        live = f"{base}/live/{camera_num}/{videoType}"
        return Envelope(
            data=PlayOut(
                cameraNum=camera_num,
                videoType=videoType,
                flv=f"{live}.flv",
                hls=f"{live}/index.m3u8",
            )
        )

    @router.get("/organisation", response_model=Envelope[list[SectionOut]], summary="组织信息")
    async def organisation() -> Envelope[list[SectionOut]]:
        sections = await asyncio.to_thread(cameras.organisation)
        return Envelope(
            data=[
                SectionOut(
                    road=s.road,
                    roadName=s.road_name,
                    roadSec=s.section,
                    department=s.department,
                    cameraCount=s.camera_count,
                )
                for s in sections
            ]
        )

    return router


def _camera_out(camera: CameraInfo) -> CameraOut:
    fields = camera_to_e31(camera)
    fields.pop("others", None)
    extras = SiteExtras.of(camera)
    return CameraOut.model_validate(
        {
            **fields,
            "online": extras.source is not None,
            "patrolSite": extras.patrol_site,
            "manufacturer": extras.manufacturer,
        }
    )
