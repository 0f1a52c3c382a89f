"""The fault and work-order use cases (F-1..F-3): registering a fault, moving it on, the
board the fault window shows at a given instant, and which deadlines newly went overdue
(the reminders). Plain Python over the store's repositories; time is passed in."""
