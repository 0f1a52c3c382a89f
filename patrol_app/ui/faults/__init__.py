"""The fault window (F-1..F-3): the fault list and the work orders, their dialogs, the
overdue reminders, the tiles' "register a video fault"."""
