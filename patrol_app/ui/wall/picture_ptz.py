"""The picture of a tile driving its camera (Z-1): a drag from the press point turns the
camera that way while the button is held (eight directions, faster the longer the drag), the
wheel zooms in or out a notch. The tile knows the PTZ control only by ``TilePtz``, what it
drives of it (ui/ptz's ``PtzControl``), so that the wall does not depend on the PTZ package."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent

from patrol_app.domain.camera import CameraEntry


class TilePtz(Protocol):
    """What a tile drives of the workstation's PTZ control."""

    def drag(self, camera_num: str, dx: float, dy: float, reach: float) -> bool: ...

    def let_go(self, camera_num: str) -> None: ...

    def zoom(self, camera_num: str, closer: bool) -> None: ...

    def stop(self, camera_num: str) -> None: ...

    def switch_light(self, camera_num: str, on: bool) -> None: ...

    def release(self, camera_num: str) -> None: ...


class PictureGestures:
    """A tile's gestures on its picture; ``control`` None: the tile only shows video;
    ``enabled``: only while the PTZ panel is shown, where the operator sees who holds the
    camera (a gesture under way ends as usual)."""

    def __init__(self) -> None:
        self.control: TilePtz | None = None
        self.enabled = True
        self._from: QPointF | None = None  # global press point of a drag on the picture
        self._dragging = False  # the drag moves the camera

    def controllable(self, camera: CameraEntry | None) -> bool:
        """The picture and the menu drive ``camera``: it has PTZ and the tile a control."""
        return self.control is not None and camera is not None and camera.has_control

    def mouse(
        self, event: QMouseEvent, camera: CameraEntry | None, reach: Callable[[], float]
    ) -> bool:
        """A mouse event on the picture: a drag turns the camera while held (``reach()``: the
        drag's length for the fastest move); True when the event was the drag's (not to be
        handled as a click as well)."""
        kind = event.type()
        left = Qt.MouseButton.LeftButton
        if kind is QEvent.Type.MouseButtonPress and event.button() is left:
            gesture = self.controllable(camera) and self.enabled
            self._from = event.globalPosition() if gesture else None
            self._dragging = False
            return False
        origin, control = self._from, self.control
        if origin is None or control is None or camera is None:
            return False
        if kind is QEvent.Type.MouseMove:
            vector = event.globalPosition() - origin
            if control.drag(camera.camera_num, vector.x(), vector.y(), reach()):
                self._dragging = True
            elif self._dragging:
                control.let_go(camera.camera_num)  # back at the press point: still
            return self._dragging
        if kind is QEvent.Type.MouseButtonRelease and event.button() is left:
            dragged, self._from, self._dragging = self._dragging, None, False
            if dragged:
                control.let_go(camera.camera_num)
            return dragged
        return False

    def wheel(self, event: QWheelEvent, camera: CameraEntry | None) -> bool:
        """The wheel over the picture zooms a controllable camera a notch."""
        delta = event.angleDelta().y()
        if not (self.controllable(camera) and self.enabled) or delta == 0:
            return False
        assert self.control is not None and camera is not None
        self.control.zoom(camera.camera_num, closer=delta > 0)
        event.accept()
        return True

    def let_camera_go(self, camera: CameraEntry | None, shown_elsewhere: bool) -> None:
        """The tile leaves ``camera``: a drag of it stops and, when this workstation commanded
        it and no other tile shows it, it is given up (a held drag is stopped all the same)."""
        dragging, self._from, self._dragging = self._dragging, None, False
        if self.control is None or camera is None:
            return
        if not shown_elsewhere:
            self.control.release(camera.camera_num)
        elif dragging:
            self.control.let_go(camera.camera_num)
