"""PySide6 views, grouped by feature: wall, video, patrols, ptz; shared widgets in widgets;
the application (app.py) and the main window that composes the features at the top."""
