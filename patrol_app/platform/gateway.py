"""Client of the Appendix E calls that a camera source makes to a gateway/platform (E-C2, E-C3,
E-G5): how the demo registers its simulated cameras, and how a site's tools can."""

from __future__ import annotations

from typing import Any

from patrol_app.platform.http import EnvelopeClient


class GatewayClient(EnvelopeClient):
    def register_cameras(self, cameras: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """E-C2: upsert cameras; one ``{cameraNum, status, msg}`` per camera."""
        return self.request("POST", "/service/video.VideoInformation", json=cameras)

    def remove_cameras(self, camera_nums: list[str]) -> list[dict[str, Any]]:
        """E-C3: remove up to 100 cameras."""
        return self.request(
            "POST", "/service/video.VideoInformationDel", json={"cameras": camera_nums}
        )

    def check_gateway(self) -> dict[str, Any]:
        """E-G5: ``{systemTime, cameraCount}``."""
        return self.request("GET", "/service/status.CheckGateway")
