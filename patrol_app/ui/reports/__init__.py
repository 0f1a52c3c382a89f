"""Reports in the workstation: preview, print, export (C), and their submission (D)."""
