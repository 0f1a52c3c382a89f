"""The report use cases (R-1, R-2, R-4, F-1): gather a report's rows from the records (store
reads and pure domain calls, time passed in) for ``patrol_app.reports`` to render. Blocking:
the UI calls them through its task runner."""
