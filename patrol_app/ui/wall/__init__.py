"""The video wall: its tiles, tours, the camera directory, snapshots, the second wall window."""
