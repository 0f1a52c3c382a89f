"""PySide6 views: one module per view or widget."""
