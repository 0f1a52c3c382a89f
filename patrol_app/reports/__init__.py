"""reportlab PDFs and spreadsheet exports."""
