"""How the fault window words a deadline (F-2, F-3): the time left or how long overdue, in
hours and minutes, and the deadline itself in Beijing time."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QObject

from patrol_app.domain.faults import Clock, ClockState, FaultRecord
from patrol_app.domain.work_orders import WorkOrderRecord
from patrol_app.ui.widgets.beijing_time import beijing_text


class DeadlineTexts(QObject):
    """The texts of the deadline columns and of the detail pane."""

    def span(self, length: timedelta) -> str:
        minutes = int(abs(length).total_seconds() // 60)
        hours, minutes = divmod(minutes, 60)
        if not hours:
            return self.tr("{minutes} min").format(minutes=minutes)
        return self.tr("{hours} h {minutes} min").format(hours=hours, minutes=minutes)

    def running(self, name: str, clock: Clock, now: datetime) -> str:
        """ "Response: 1 h 05 min left (due 12-01 01:30)", or overdue by how long."""
        left = clock.left(now)
        assert left is not None
        due = beijing_text(clock.due_at)
        if left < timedelta(0):
            return self.tr("{clock}: overdue by {span} (due {due})").format(
                clock=name, span=self.span(left), due=due
            )
        return self.tr("{clock}: {span} left (due {due})").format(
            clock=name, span=self.span(left), due=due
        )

    def fault_deadline(self, record: FaultRecord, now: datetime) -> str:
        """What the fault waits for now, and how it stands against its deadline."""
        clock = record.running_clock()
        if clock is not None:
            name = self.tr("Response") if record.responded_at is None else self.tr("Repair")
            return self.running(name, clock, now)
        if record.open:
            return self.tr("Awaiting verification")
        return self.tr("Closed {at}").format(at=beijing_text(record.closed_at or now))

    def order_deadline(self, order: WorkOrderRecord, now: datetime) -> str:
        if order.feedback is None:
            return self.running(self.tr("Feedback"), order.clock, now)
        if order.open:
            return self.tr("Awaiting close")
        closed = order.transitions[-1].at
        return self.tr("Closed {at}").format(at=beijing_text(closed))

    def outcome(self, clock: Clock, now: datetime) -> str:
        """A clock's state: running, overdue, met, missed, not counted (cancelled)."""
        state = clock.state(now)
        if state in (ClockState.MET, ClockState.MISSED) and clock.done_at is not None:
            return f"{state.label}（{beijing_text(clock.done_at)}）"
        return state.label
