"""The reports (R-1, R-2, R-4, F-1): the report window (choose, generate off the GUI thread
with progress and cancel), the PDF preview with print, save and export. D's submission
(``submission*.py``) hooks into the window (``ReportWindow.add_action``,
``report_ready``)."""
