"""Snapshot files: JPEG pictures of a tile, named by pile number and time."""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QImage

JPEG_QUALITY = 90


def save_jpeg(image: QImage, folder: Path, stem: str) -> Path:
    """Write ``image`` as ``<stem>.jpg`` in ``folder``, or ``<stem>-2.jpg``... when that is
    taken (two snapshots in one second); runs in the task runner, off the GUI thread. The
    name is claimed by an exclusive create, so snapshots saved at once never share one."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "JPG", JPEG_QUALITY):
        raise OSError(f"无法编码抓图 {stem}")
    folder.mkdir(parents=True, exist_ok=True)
    for number in itertools.count(1):
        path = folder / (f"{stem}.jpg" if number == 1 else f"{stem}-{number}.jpg")
        try:
            with path.open("xb") as file:
                file.write(buffer.data().data())
        except FileExistsError:
            continue
        return path
    raise AssertionError("unreachable")
