"""Submitting reports to the management unit through the workstation's outbox (issue 13
point 6): plain Python, time passed in, tested without a display (tests/submissions/)."""
