"""Live video: a camera's stream and the players that show it (Qt Multimedia, libvlc)."""
