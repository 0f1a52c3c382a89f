"""Which player a tile gets: the site's ``player_backend`` setting (W-1, W-3).

Qt Multimedia plays by default, with libvlc as the fallback for a stream it cannot open;
``vlc`` plays everything with libvlc. libvlc is imported on first use only.
"""

from __future__ import annotations

from enum import StrEnum

from patrol_app.ui.video.player import FallbackPlayer, QtMultimediaPlayer, VideoPlayer


class PlayerBackend(StrEnum):
    """The ``player_backend`` setting of a site."""

    QT = "qt"  # Qt Multimedia, and libvlc for a stream it cannot open (FallbackPlayer)
    VLC = "vlc"  # libvlc only


def create_player(backend: PlayerBackend | str = PlayerBackend.QT) -> VideoPlayer:
    """A tile's player for the site's ``player_backend``: the wall's ``player_factory``."""
    if PlayerBackend(backend) is PlayerBackend.VLC:
        return _vlc_player()
    return FallbackPlayer(QtMultimediaPlayer(), _vlc_player)


def _vlc_player() -> VideoPlayer:
    # Imported on first use: libvlc is loaded only by a site that needs it.
    from patrol_app.ui.video.vlc_player import VlcPlayer

    return VlcPlayer()
