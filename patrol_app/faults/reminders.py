"""Which deadlines newly went overdue (F-2, F-3), for the reminders: each clock of a fault
(response, repair) and a work order's feedback is told once, when it goes overdue; the
first board tells what is already overdue."""

from __future__ import annotations

from dataclasses import dataclass

from patrol_app.domain.faults import FaultRecord
from patrol_app.domain.work_orders import WorkOrderRecord
from patrol_app.faults.board import FaultBoard


@dataclass(frozen=True)
class OverdueNews:
    """What went overdue since the last board."""

    faults: tuple[FaultRecord, ...] = ()
    orders: tuple[WorkOrderRecord, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.faults or self.orders)


class OverdueWatch:
    """Remembers which clocks it told, so that each is told once."""

    def __init__(self) -> None:
        self._told: set[tuple[str, int, str]] = set()

    def update(self, board: FaultBoard) -> OverdueNews:
        faults: list[FaultRecord] = []
        for record in board.overdue_faults():
            clock = "response" if record.responded_at is None else "repair"
            if self._tell(("fault", record.id, clock)):
                faults.append(record)
        orders = [
            order for order in board.overdue_orders() if self._tell(("order", order.id, "feedback"))
        ]
        return OverdueNews(tuple(faults), tuple(orders))

    def _tell(self, key: tuple[str, int, str]) -> bool:
        if key in self._told:
            return False
        self._told.add(key)
        return True
