"""PTZ: the control panel, the control of a tile, the audit log, preset patrols."""
